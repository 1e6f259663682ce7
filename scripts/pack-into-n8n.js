#!/usr/bin/env node
'use strict';
// Builds a community package, packs it with `npm pack` (so package.json
// `files` decides what ships) and installs the tarball into an n8n user
// folder the way n8n's community installer lays it out:
//   <userFolder>/.n8n/nodes/package.json                 (lists installed packages)
//   <userFolder>/.n8n/nodes/node_modules/<name>/         (the extracted tarball)
// (n8n 2.40: `npm pack`, `tar -xzf --strip-components=1`, package.json minus
// dev/peer/optional dependencies, nodes/package.json updated).
// n8n scans nodes/node_modules for n8n-nodes-* folders at start-up, so node
// types become `<name>.<node>`, exactly as after a real install. The package's
// peer dependency n8n-workflow is provided by n8n itself.
//
// Usage: node scripts/pack-into-n8n.js [--user-folder DIR] [--package-dir DIR] [--no-build]
//   defaults: the repo, built with `npm run build`, into <cache>/dev-user
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { paths } = require('./n8n-env');

const REPO_ROOT = path.resolve(__dirname, '..');

function log(message) {
	process.stderr.write(`[pack-into-n8n] ${message}\n`);
}

function run(command, args, cwd, { capture = false } = {}) {
	const result = spawnSync(command, args, {
		cwd,
		encoding: 'utf8',
		stdio: capture ? ['ignore', 'pipe', 'inherit'] : ['ignore', 'inherit', 'inherit'],
		maxBuffer: 64 * 1024 * 1024,
	});
	if (result.error || result.status !== 0) {
		const why = result.error ? result.error.message : `exit code ${result.status}`;
		throw new Error(`${command} ${args.join(' ')} failed in ${cwd}: ${why}`);
	}
	return result.stdout;
}

/**
 * Builds (npm run build) and packs packageDir; returns the tarball's path.
 * The tarball goes to outDir (default: a new temp dir).
 */
function buildAndPack({ packageDir = REPO_ROOT, build = true, outDir } = {}) {
	const dir = path.resolve(packageDir);
	if (build) {
		log(`npm run build in ${dir}`);
		run('npm', ['run', 'build', '--silent'], dir);
	}
	const dest = outDir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	fs.mkdirSync(dest, { recursive: true });
	const out = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dest], dir, {
		capture: true,
	});
	const [info] = JSON.parse(out.slice(out.indexOf('[')));
	const tarball = path.join(dest, info.filename);
	log(
		`packed ${info.name}@${info.version}: ${info.entryCount} files, ${info.size} bytes -> ${tarball}`,
	);
	return tarball;
}

/**
 * Installs a tarball from `npm pack` into userFolder's community nodes dir,
 * replacing an earlier install of the same package. Returns { name, version, dir }.
 */
function installTarball({ tarball, userFolder }) {
	const nodesDir = path.join(path.resolve(userFolder), '.n8n', 'nodes');
	const modulesDir = path.join(nodesDir, 'node_modules');
	fs.mkdirSync(modulesDir, { recursive: true });
	const staging = fs.mkdtempSync(path.join(nodesDir, '.staging-'));
	try {
		run('tar', ['-xzf', path.resolve(tarball), '-C', staging], staging);
		const extracted = path.join(staging, 'package');
		const manifest = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8'));
		const { name, version } = manifest;
		if (!/^(@[^/]+\/)?n8n-nodes-/.test(name)) {
			throw new Error(`${name}: n8n only loads packages named n8n-nodes-* or @scope/n8n-nodes-*`);
		}
		const runtimeDeps = Object.keys(manifest.dependencies || {});
		if (runtimeDeps.length) {
			throw new Error(
				`${name} has runtime dependencies (${runtimeDeps.join(', ')}); this installer only handles none`,
			);
		}
		// Like n8n's installer: drop the dependency kinds n8n does not install.
		const { devDependencies, peerDependencies, optionalDependencies, ...installedManifest } =
			manifest;
		fs.writeFileSync(
			path.join(extracted, 'package.json'),
			JSON.stringify(installedManifest, null, 2),
		);
		const target = path.join(modulesDir, name);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.renameSync(extracted, target);
		recordInNodesManifest(nodesDir, name, version);
		return { name, version, dir: target };
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
}

/** n8n keeps nodes/package.json listing the installed community packages. */
function recordInNodesManifest(nodesDir, name, version) {
	const file = path.join(nodesDir, 'package.json');
	let manifest = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(file)) manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
	manifest.dependencies = { ...(manifest.dependencies || {}), [name]: version };
	fs.writeFileSync(file, JSON.stringify(manifest, null, 2));
}

module.exports = { buildAndPack, installTarball, REPO_ROOT };

function parseArgs(argv) {
	const args = { userFolder: paths().devUserFolder, packageDir: REPO_ROOT, build: true };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--user-folder') args.userFolder = argv[++i];
		else if (argv[i] === '--package-dir') args.packageDir = argv[++i];
		else if (argv[i] === '--no-build') args.build = false;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	return args;
}

if (require.main === module) {
	try {
		const args = parseArgs(process.argv.slice(2));
		const tarball = buildAndPack({ packageDir: args.packageDir, build: args.build });
		const installed = installTarball({ tarball, userFolder: args.userFolder });
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		log(`installed ${installed.name}@${installed.version} into ${installed.dir}`);
	} catch (error) {
		log(`FAILED: ${error.message}`);
		process.exit(1);
	}
}
