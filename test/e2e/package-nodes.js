'use strict';
// The package's nodes as its package.json registers them, loaded from source
// (dist/nodes/X/X.node.js → nodes/X/X.node.ts), so the static e2e checks need no build.
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The description of every node the package registers, in package.json's order. */
function packageNodeDescriptions() {
	const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
	return manifest.n8n.nodes.map((distPath) => {
		const source = path.join(REPO_ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const NodeClass = Object.values(require(source)).find((value) => typeof value === 'function');
		return new NodeClass().description;
	});
}

module.exports = { packageNodeDescriptions };
