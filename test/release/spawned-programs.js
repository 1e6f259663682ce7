'use strict';
/**
 * Which programs the repository's own scripts start, and how: read from their source, so that
 * workflows.test.js can check that every system program goes through scripts/system-programs.js
 * (requireProgram, which the CI setup installs from) and nothing else is started by its name.
 *   programsSpawnedByName(source)  → ['openssl', …]: the programs a file starts by a literal name
 *   programsRequired(source)       → ['git', …]: the names it passes to requireProgram()
 *   scriptFiles(root)              → the .js/.mjs/.cjs/.sh files of scripts/, test/ and bench/
 *                                    (the patterns are JavaScript calls; in .sh files they find
 *                                    nothing, workflows.test.js reads those for apt-get)
 */
const fs = require('node:fs');
const path = require('node:path');

/**
 * What any machine that runs `npm test` has without installing: Node's programs, the shell and
 * what Debian's essential set provides. Every other program is a system program and is found
 * through requireProgram().
 */
const BASE_PROGRAMS = Object.freeze(['node', 'npm', 'npx', 'sh', 'bash', 'tar', 'id']);
/** Shell builtins, as the first word of a `sh -c` command. */
const SHELL_BUILTINS = Object.freeze(['cd', 'command', 'echo', 'exec', 'printf', 'set', 'test']);

const QUOTED = String.raw`(['"\x60])([^'"\x60]*)\1`;
const patterns = {
	// spawn('git', args), execFileSync('openssl', […]) and the like: the program by its name.
	childProcess: new RegExp(
		String.raw`\b(?:spawn|spawnSync|execFile|execFileSync|fork)\(\s*` + QUOTED,
		'g',
	),
	// A helper called like one: run('npm', […]), runLogged('tar', […]) (a function named run…,
	// exec… or spawn…, not a method: check.expect('uploads', […]) starts nothing).
	argvHelper: new RegExp(
		String.raw`(?<![.\w$])(?:run|exec|spawn)[\w$]*\(\s*` + QUOTED + String.raw`\s*,\s*\[`,
		'g',
	),
	// exec('curl …') / execSync(…) as functions (not a RegExp's .exec()): a whole command line.
	commandLine: new RegExp(String.raw`(?<![.\w$])(?:exec|execSync)\(\s*` + QUOTED, 'g'),
	// ['-c', 'curl … && …'] given to sh or bash: each command's first word.
	shellScript: new RegExp(String.raw`['"\x60]-c['"\x60]\s*,\s*` + QUOTED, 'g'),
};

/** The first word of each command of a shell line (split at &&, ||, ;, | and newlines). */
function firstWords(commandLine) {
	return commandLine
		.split(/&&|\|\||[;|\n]/)
		.map((command) => command.trim().split(/\s+/)[0])
		.filter((word) => word && !word.startsWith('$') && !/^\w+=/.test(word));
}

const programName = (word) => path.posix.basename(word);
const looksLikeProgram = (word) => /^[a-z][\w.+-]*$/.test(programName(word));

/** The source without the comments that start a line (examples in them are not calls). */
const withoutComments = (source) =>
	source.replace(/^\s*\/\*[\s\S]*?\*\//gm, '').replace(/^\s*\/\/.*$/gm, '');

function programsSpawnedByName(text) {
	const source = withoutComments(text);
	const found = [];
	for (const match of source.matchAll(patterns.childProcess)) found.push(match[2]);
	for (const match of source.matchAll(patterns.argvHelper)) found.push(match[2]);
	for (const match of source.matchAll(patterns.commandLine)) found.push(...firstWords(match[2]));
	for (const match of source.matchAll(patterns.shellScript)) found.push(...firstWords(match[2]));
	return [
		...new Set(found.filter((word) => word && looksLikeProgram(word)).map(programName)),
	].filter((name) => !SHELL_BUILTINS.includes(name));
}

function programsRequired(text) {
	return [...withoutComments(text).matchAll(/requireProgram\(\s*'([^']+)'\s*\)/g)].map(
		(match) => match[1],
	);
}

function scriptFiles(root, folders = ['scripts', 'test', 'bench']) {
	const files = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const file = path.join(dir, entry.name);
			if (entry.isDirectory() && entry.name !== 'node_modules') walk(file);
			else if (entry.isFile() && /\.((c|m)?js|sh)$/.test(entry.name)) files.push(file);
		}
	};
	for (const folder of folders) {
		if (fs.existsSync(path.join(root, folder))) walk(path.join(root, folder));
	}
	return files;
}

module.exports = {
	BASE_PROGRAMS,
	programsSpawnedByName,
	programsRequired,
	scriptFiles,
};
