'use strict';
// The package's node types on both sides of an install: what a built package declares (its
// package.json and dist/) and which of the types n8n offers its editor are the package's.
//   const expected = declaredNodeTypes(packageDir); // { nodes: [...], tools: [...] }
//   packageTypesIn(await api.nodeTypes())            // the package's type names n8n offers, sorted
const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_NAME } = require('../n8n-env');

/** The node types and tool variants a built package declares (its package.json and dist/). */
function declaredNodeTypes(packageDir) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const descriptions = manifest.n8n.nodes.map((file) => {
		const NodeClass = Object.values(require(path.join(packageDir, file))).find(
			(value) => typeof value === 'function',
		);
		return new NodeClass().description;
	});
	return {
		nodes: descriptions.map((d) => `${PACKAGE_NAME}.${d.name}`).sort(),
		tools: descriptions
			.filter((d) => d.usableAsTool)
			.map((d) => `${PACKAGE_NAME}.${d.name}Tool`)
			.sort(),
	};
}

/** The package's type names among the node types n8n offers (each once, sorted). */
const packageTypesIn = (nodeTypes) =>
	[...new Set(nodeTypes.map((t) => t.name).filter((n) => n.startsWith(`${PACKAGE_NAME}.`)))].sort();

module.exports = { declaredNodeTypes, packageTypesIn };
