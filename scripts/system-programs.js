#!/usr/bin/env node
'use strict';
// The system programs `npm test` needs besides Node, npm and a shell's basics (sh, bash, tar, id),
// named once. The scripts that start them find them here (scripts/queue/services.js: Redis and
// PostgreSQL for the queue-mode tests; scripts/ensure-n8n.js: Chromium for the editor check;
// openssl for certificates; git for the release tests and the rehearsal), and the CI setup
// (.github/actions/setup) installs the missing ones with this file's --install.
// test/release/workflows.test.js checks that no script spawns any other program by its name.
//
//   node scripts/system-programs.js            where each program is; exit 1 if one is missing
//   node scripts/system-programs.js --install  installs the missing ones first, with apt-get
//                                              (through sudo when not root, as on GitHub's runners)
//   require('./system-programs').requireProgram('redis-server')
//        → its path; when missing, root installs it with apt-get, anyone else gets an error
//          that names the `sudo apt-get install` command
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const APT_LOCK_WAIT = ['-o', 'DPkg::Lock::Timeout=300'];

function onPath(command) {
	const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
	return found.stdout.trim() || undefined;
}

const existing = (file) => (fs.existsSync(file) ? file : undefined);

/** The browser the editor check drives: $N8N_AI_MEDIA_CHROMIUM, else Debian's chromium. */
function chromiumPath(env = process.env) {
	// GitHub's Ubuntu runner image links its own Chromium build to the same /usr/bin/chromium.
	return env.N8N_AI_MEDIA_CHROMIUM || '/usr/bin/chromium';
}

/**
 * PostgreSQL's server, with initdb, pg_isready and createdb beside it (scripts/queue/services.js
 * runs all four). Debian keeps them off PATH, in /usr/lib/postgresql/<major>/bin; 15 is preferred.
 */
function postgresBinary(root = '/usr/lib/postgresql') {
	const majors = fs.existsSync(root) ? fs.readdirSync(root) : [];
	const binDir = ['15', ...majors]
		.map((major) => path.join(root, major, 'bin'))
		.find((dir) =>
			['postgres', 'initdb', 'pg_isready', 'createdb'].every((bin) =>
				fs.existsSync(path.join(dir, bin)),
			),
		);
	return binDir && path.join(binDir, 'postgres');
}

/**
 * Each program: its name, the Debian packages that provide it, who needs it, where it is looked
 * for, and find() → its absolute path, or undefined when it is missing.
 */
const SYSTEM_PROGRAMS = Object.freeze([
	Object.freeze({
		name: 'redis-server',
		debianPackages: ['redis-server'],
		neededBy: 'the queue-mode tests (scripts/queue/services.js)',
		where: () => 'on PATH',
		find: () => onPath('redis-server'),
	}),
	Object.freeze({
		name: 'postgres',
		debianPackages: ['postgresql'],
		neededBy: 'the queue-mode tests (scripts/queue/services.js)',
		where: () => 'in /usr/lib/postgresql/<major>/bin',
		find: () => postgresBinary(),
	}),
	Object.freeze({
		name: 'chromium',
		debianPackages: ['chromium', 'fonts-liberation'],
		neededBy: 'the editor check (test/e2e/editor-check.js, through scripts/ensure-n8n.js)',
		where: () => `at ${chromiumPath()} (N8N_AI_MEDIA_CHROMIUM changes it)`,
		find: () => existing(chromiumPath()),
	}),
	Object.freeze({
		name: 'openssl',
		debianPackages: ['openssl'],
		neededBy:
			'the https certificates (scripts/self-signed-cert.js, the rehearsal proxy scripts/rehearsal/registry-proxy.js, test/e2e/dev-https.e2e.test.js)',
		where: () => 'on PATH',
		find: () => onPath('openssl'),
	}),
	Object.freeze({
		name: 'git',
		debianPackages: ['git'],
		neededBy:
			'the release tests and the rehearsal (test/release/changelog.js, scripts/rehearsal/clean-copy.js, release-it)',
		where: () => 'on PATH',
		find: () => onPath('git'),
	}),
]);

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function program(name) {
	const found = SYSTEM_PROGRAMS.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`${name} is not in SYSTEM_PROGRAMS (scripts/system-programs.js)`);
	return found;
}

/** The apt-get commands (argv arrays) that install `programs`; through sudo unless root. */
function installCommands(programs, { root = isRoot() } = {}) {
	const packages = [...new Set(programs.flatMap((entry) => entry.debianPackages))];
	if (!packages.length) return [];
	const sudo = root ? [] : ['sudo', 'DEBIAN_FRONTEND=noninteractive'];
	return [
		[...sudo, 'apt-get', 'update', ...APT_LOCK_WAIT],
		[...sudo, 'apt-get', 'install', '-y', ...APT_LOCK_WAIT, ...packages],
	];
}

/** What a person who is not root runs to install `programs`. */
const sudoInstall = (programs) =>
	`sudo apt-get install -y ${[...new Set(programs.flatMap((entry) => entry.debianPackages))].join(' ')}`;

function log(message) {
	process.stderr.write(`[system-programs] ${message}\n`);
}

/** Runs installCommands(programs); throws when apt-get fails. */
function install(programs, { root = isRoot() } = {}) {
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const argv of installCommands(programs, { root })) {
		log(argv.join(' '));
		const result = spawnSync(argv[0], argv.slice(1), {
			env,
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (result.error || result.status !== 0) {
			const why = result.error?.message ?? `exit code ${result.status}`;
			throw new Error(`${argv.join(' ')} failed: ${why}`);
		}
	}
}

/**
 * The path of one program of SYSTEM_PROGRAMS. When it is missing, root installs it with apt-get;
 * anyone else gets an error naming the command to run.
 */
function requireProgram(name) {
	const entry = program(name);
	const found = entry.find();
	if (found) return found;
	const why = `${name} is not installed ${entry.where()}; ${entry.neededBy} need it`;
	if (!isRoot()) throw new Error(`${why}: run \`${sudoInstall([entry])}\``);
	log(why);
	install([entry], { root: true });
	const installed = entry.find();
	if (!installed)
		throw new Error(`apt-get installed ${name}, but it is still not ${entry.where()}`);
	return installed;
}

/** Installs every missing program of `programs` with one apt-get; throws if one stays missing. */
function installMissing(programs = SYSTEM_PROGRAMS, { root = isRoot() } = {}) {
	const missing = programs.filter((entry) => !entry.find());
	if (!missing.length) return;
	install(missing, { root });
	const still = missing.filter((entry) => !entry.find());
	if (still.length) {
		const where = still.map((entry) => `${entry.name} ${entry.where()}`).join(', ');
		throw new Error(`apt-get ran, but these are still missing: ${where}`);
	}
}

module.exports = {
	SYSTEM_PROGRAMS,
	requireProgram,
	installCommands,
	installMissing,
	chromiumPath,
	postgresBinary,
};

if (require.main === module) {
	try {
		if (process.argv.includes('--install')) installMissing();
		let missing = 0;
		for (const entry of SYSTEM_PROGRAMS) {
			const found = entry.find();
			if (!found) missing++;
			const packages = entry.debianPackages.join(' ');
			console.log(`${entry.name}: ${found ?? `MISSING (Debian: ${packages})`}`);
		}
		process.exit(missing ? 1 : 0);
	} catch (error) {
		log(`FAILED: ${error.message}`);
		process.exit(1);
	}
}
