'use strict';
/**
 * The source reader of test/release/spawned-programs.js, which workflows.test.js uses to check that
 * every system program is started through scripts/system-programs.js: it finds each way the scripts
 * start a program by its name, and does not mistake other calls or comments for one.
 */
const { programsSpawnedByName, programsRequired } = require('./spawned-programs');

// Sources are joined from parts, so that this file itself holds no call the reader would find.
const call = (fn, ...args) => `${fn}(${args.join(', ')});`;
const shellArgv = (script) => `['-${'c'}', ${script}]`;

test.each([
	['a child_process call with the name', call('execFileSync', "'openssl'", "['req']"), ['openssl']],
	[
		'over several lines, with an argv variable',
		call('spawnSync', "\n\t\t'git'", 'args', '{ cwd }'),
		['git'],
	],
	[
		'execFile, spawn and fork',
		['execFile', 'spawn', 'fork'].map((fn) => call(fn, "'convert'", 'argv')).join('\n'),
		['convert'],
	],
	['a helper called with a name and an argv array', call('run', "'curl'", "['-s', url]"), ['curl']],
	[
		'a whole command line for exec / execSync',
		call('execSync', "'redis-cli ping && psql -c 1'"),
		['redis-cli', 'psql'],
	],
	[
		'the script of sh -c',
		call('spawn', "'sh'", shellArgv("'cd /tmp && wget x | gunzip'")),
		['sh', 'wget', 'gunzip'],
	],
	[
		'an absolute path, by its name',
		call('execFileSync', "'/usr/bin/openssl'", 'args'),
		['openssl'],
	],
])('finds %s', (_shape, source, programs) => {
	expect(programsSpawnedByName(source)).toEqual(programs);
});

test.each([
	[
		'a program found through requireProgram',
		call('execFileSync', "requireProgram('openssl')", 'args'),
	],
	['a program in a variable', call('spawn', 'command', 'args')],
	["a RegExp's .exec()", "/x/.exec('curl and more');"],
	['a call with a word that is no program', call('converse', "'Draw'", '[steps]')],
	[
		'a method called with a word and an array',
		call('check.expect', "'uploads'", '[a, b]', '[c, d]'),
	],
	['another function called with a word and an array', call('compare', "'uploads'", '[a, b]')],
	[
		'shell builtins and $-expansions in sh -c',
		call('spawnSync', 'shell', shellArgv('`command -v ${name}`')),
	],
	[
		'an example in a comment',
		`// ${call('execFileSync', "'openssl'", 'args')}\n/**\n * ${call('spawn', "'git'", 'args')}\n */`,
	],
])('finds nothing in %s', (_shape, source) => {
	expect(programsSpawnedByName(source)).toEqual([]);
});

test('reads the names given to requireProgram, not those in comments', () => {
	const source = [
		`const bin = ${call('requireProgram', "'git'")}`,
		`execFileSync(${call('requireProgram', " 'openssl' ").slice(0, -1)}, args);`,
		`// ${call('requireProgram', "'chromium'")}`,
	].join('\n');
	expect(programsRequired(source)).toEqual(['git', 'openssl']);
});
