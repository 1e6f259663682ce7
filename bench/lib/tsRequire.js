'use strict';
// Lets plain `node` require the TypeScript node sources (nodes/**, credentials/**) directly, the way
// ts-jest does for the tests: each .ts file is transpiled on load with the project's compiler
// settings (no type check, so a node under construction still loads if it is syntactically valid).
const fs = require('node:fs');
const path = require('node:path');

let installed = false;

function install() {
	if (installed) return;
	installed = true;
	const ts = require('typescript');
	const compilerOptions = {
		module: ts.ModuleKind.CommonJS,
		target: ts.ScriptTarget.ES2022,
		esModuleInterop: true,
		resolveJsonModule: true,
		isolatedModules: true,
		sourceMap: false,
		inlineSourceMap: true,
	};
	require.extensions['.ts'] = function loadTs(module, filename) {
		const source = fs.readFileSync(filename, 'utf8');
		const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
		module._compile(outputText, filename);
	};
}

/** Absolute path of a file in the repository (bench/ lives at its root). */
const repoPath = (...parts) => path.join(__dirname, '..', '..', ...parts);

module.exports = { install, repoPath };
