#!/usr/bin/env node
'use strict';
// Loads a built community package against a given n8n-workflow, the way n8n's loader does:
// require each file listed in package.json `n8n.nodes`/`n8n.credentials`, construct its class,
// read its description. `n8n-workflow` resolves to the given copy (an installed n8n's own, or a
// bare `npm install n8n-workflow@<version>`), so it shows which n8n versions can load the package
// without starting them.
// Usage: node scripts/compat/load-package.js <packageDir> <n8nWorkflowDir>
//   -> one JSON line: { n8nWorkflow, files: [{ file, ok, error? }] }; exit 1 if any file failed.
const Module = require('node:module');
const path = require('node:path');

function loadPackage(packageDir, n8nWorkflowDir) {
	const workflowEntry = require.resolve(path.resolve(n8nWorkflowDir));
	const resolve = Module._resolveFilename;
	Module._resolveFilename = function (request, ...rest) {
		return request === 'n8n-workflow' ? workflowEntry : resolve.call(this, request, ...rest);
	};
	try {
		const manifest = require(path.join(path.resolve(packageDir), 'package.json'));
		const files = [...(manifest.n8n.credentials ?? []), ...(manifest.n8n.nodes ?? [])];
		return {
			n8nWorkflow: require(path.join(path.resolve(n8nWorkflowDir), 'package.json')).version,
			files: files.map((file) => loadOne(path.join(path.resolve(packageDir), file), file)),
		};
	} finally {
		Module._resolveFilename = resolve;
	}
}

function loadOne(absolute, file) {
	try {
		const exported = require(absolute);
		const classes = Object.values(exported).filter((value) => typeof value === 'function');
		if (classes.length === 0) throw new Error('exports no class');
		for (const Class of classes) {
			const instance = new Class();
			const description = instance.description ?? instance;
			if (!description.name) throw new Error(`${Class.name} has no description name`);
		}
		return { file, ok: true };
	} catch (error) {
		return { file, ok: false, error: String(error.message).split('\n')[0] };
	}
}

module.exports = { loadPackage };

if (require.main === module) {
	const [packageDir, n8nWorkflowDir] = process.argv.slice(2);
	if (!packageDir || !n8nWorkflowDir) {
		process.stderr.write(
			'usage: node scripts/compat/load-package.js <packageDir> <n8nWorkflowDir>\n',
		);
		process.exit(2);
	}
	const result = loadPackage(packageDir, n8nWorkflowDir);
	process.stdout.write(`${JSON.stringify(result)}\n`);
	process.exit(result.files.every((entry) => entry.ok) ? 0 : 1);
}
