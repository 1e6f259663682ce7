'use strict';
// A throw-away npm registry on 127.0.0.1: verdaccio (pinned, installed once into the cache like
// n8n: `<cache>/verdaccio-<version>/`, an `.installed` marker, a lock), storage in a temp folder,
// one user whose token publishes. No uplink unless asked for: then packages other than the ones
// published here come from the public registry (only manual-route.js --uplink, which shows the
// old README command failing, needs that; npm test never asks for one).
//   const registry = await startLocalRegistry({ dir, nodeBin });
//   await registry.publish(packageDir, { tag: 'next' }); await registry.distTags(name); await registry.stop();
const fs = require('node:fs');
const path = require('node:path');
const { cacheDir, PACKAGE_NAME } = require('../n8n-env');
const { freePorts, startInGroup, runToEnd, cleanNpmEnv } = require('../local-processes');
const { withInstallLock } = require('../install-lock');

const VERDACCIO_VERSION = '6.10.4'; // its dependencies need Node >= 22: run it with n8n's Node
const PUBLIC_REGISTRY = 'https://registry.npmjs.org/';
const LOCK_WAIT_MS = 10 * 60 * 1000;
const USER = Object.freeze({ name: 'rehearsal', password: 'rehearsal-password' });

function log(message) {
	process.stderr.write(`[local-registry] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function verdaccioDir() {
	return path.join(cacheDir(), `verdaccio-${VERDACCIO_VERSION}`);
}

function installedSpec(nodeBin) {
	return JSON.stringify({
		verdaccio: VERDACCIO_VERSION,
		node: path.basename(path.dirname(path.dirname(nodeBin))),
	});
}

function isInstalled(dir, nodeBin) {
	try {
		return fs.readFileSync(path.join(dir, '.installed'), 'utf8') === installedSpec(nodeBin);
	} catch {
		return false;
	}
}

/** Installs verdaccio into the cache once (about a minute); returns the path of its bin script. */
async function ensureVerdaccio({ nodeBin }) {
	const dir = verdaccioDir();
	const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	if (isInstalled(dir, nodeBin)) return bin;
	fs.mkdirSync(cacheDir(), { recursive: true });
	const lockDir = path.join(cacheDir(), '.verdaccio-install-lock');
	await withInstallLock(lockDir, { waitMs: LOCK_WAIT_MS }, async () => {
		if (isInstalled(dir, nodeBin)) return;
		log(`installing verdaccio ${VERDACCIO_VERSION} into ${dir}`);
		const started = Date.now();
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const manifest = {
			name: 'n8n-ai-media-local-registry',
			private: true,
			dependencies: { verdaccio: VERDACCIO_VERSION },
		};
		fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
		const result = await runToEnd(
			'npm',
			['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
			{
				cwd: dir,
				env: { ...cleanNpmEnv(), PATH: `${path.dirname(nodeBin)}:${process.env.PATH}` },
			},
		);
		if (result.code !== 0 || !fs.existsSync(bin))
			throw new Error(
				`npm install verdaccio@${VERDACCIO_VERSION} failed:\n${result.output.slice(-4000)}`,
			);
		fs.writeFileSync(path.join(dir, '.installed'), installedSpec(nodeBin));
		log(`installed in ${Math.round((Date.now() - started) / 1000)}s`);
	});
	return bin;
}

function verdaccioConfig({ storage, htpasswd, listen, uplink, localPackages }) {
	// JSON is YAML: no YAML writer needed.
	const local = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
	const packages = Object.fromEntries(localPackages.map((name) => [name, local]));
	packages['**'] = uplink ? { ...local, proxy: 'npmjs' } : local;
	return JSON.stringify({
		storage,
		auth: { htpasswd: { file: htpasswd, max_users: 10 } },
		uplinks: uplink ? { npmjs: { url: uplink, timeout: '60s', max_fails: 5 } } : {},
		packages,
		server: { keepAliveTimeout: 60 },
		publish: { allow_offline: true },
		log: { type: 'stdout', format: 'json', level: 'warn' },
		listen,
	});
}

async function waitForPing(url, { ended, output }, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (ended())
			throw new Error(
				`verdaccio exited (${ended().code}) before it answered:\n${output().slice(-3000)}`,
			);
		try {
			const response = await fetch(`${url}-/ping`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline)
			throw new Error(
				`verdaccio did not answer ${url}-/ping within ${timeoutMs} ms:\n${output().slice(-3000)}`,
			);
		await sleep(250);
	}
}

/**
 * @param {object} options
 * @param {string} options.dir      an empty temp folder (storage, config, npmrc)
 * @param {string} options.nodeBin  a Node >= 22 to run verdaccio with
 * @param {string|false} [options.uplink]  e.g. PUBLIC_REGISTRY: fetch what is not published here
 * @param {string[]} [options.localPackages]  never looked up upstream, even with an uplink
 * @param {object} [options.env]  added to the environment of verdaccio and of npm publish
 * @param {number} [options.readyTimeoutMs]
 * @returns {Promise<{ url, port, npmrc, publish, distTags, packument, output, stop }>}
 */
async function startLocalRegistry({
	dir,
	nodeBin,
	uplink = false,
	localPackages = [PACKAGE_NAME],
	env: extraEnv = {},
	readyTimeoutMs = 120000,
}) {
	const bin = await ensureVerdaccio({ nodeBin });
	const [port] = await freePorts(1);
	const url = `http://127.0.0.1:${port}/`;
	const storage = path.join(dir, 'storage');
	fs.mkdirSync(storage, { recursive: true });
	const configFile = path.join(dir, 'verdaccio.yaml');
	fs.writeFileSync(
		configFile,
		verdaccioConfig({
			storage,
			htpasswd: path.join(dir, 'htpasswd'),
			listen: `127.0.0.1:${port}`,
			uplink,
			localPackages,
		}),
	);
	// The caller's own proxy settings stay: verdaccio's uplink may need them.
	const env = {
		...cleanNpmEnv(),
		PATH: `${path.dirname(nodeBin)}:${process.env.PATH}`,
		...extraEnv,
	};
	const verdaccio = startInGroup(
		nodeBin,
		[bin, '--config', configFile, '--listen', `127.0.0.1:${port}`],
		{ cwd: dir, env },
	);
	const stop = () => verdaccio.stop(10000);
	try {
		await waitForPing(url, verdaccio, readyTimeoutMs);
		const token = await addUser(url);
		const npmrc = path.join(dir, 'publish.npmrc');
		fs.writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
		return {
			url,
			port,
			npmrc,
			/** `npm publish` of a package folder or tarball; no tag: npm's default (latest). */
			publish: (target, { tag } = {}) => npmPublish({ target, npmrc, tag, extraEnv }),
			distTags: async (name) => (await packument(url, name))['dist-tags'],
			packument: (name) => packument(url, name),
			output: verdaccio.output,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}

/** Creates the publishing user (verdaccio's htpasswd allows sign-up) and returns its token. */
async function addUser(url) {
	const response = await fetch(`${url}-/user/org.couchdb.user:${USER.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ name: USER.name, password: USER.password }),
	});
	const body = await response.json();
	if (!response.ok || !body.token)
		throw new Error(`verdaccio refused the user: HTTP ${response.status} ${JSON.stringify(body)}`);
	return body.token;
}

async function packument(url, name) {
	const response = await fetch(`${url}${name.replace('/', '%2f')}`);
	if (!response.ok) throw new Error(`GET ${url}${name}: HTTP ${response.status}`);
	return await response.json();
}

/**
 * `npm publish` with only this registry's npmrc: no machine npm configuration, no provenance,
 * npm's own cache kept apart.
 */
async function npmPublish({ target, npmrc, tag, extraEnv }) {
	const cwd = fs.statSync(target).isDirectory() ? target : path.dirname(target);
	const emptyGlobal = path.join(path.dirname(npmrc), 'global.npmrc');
	fs.writeFileSync(emptyGlobal, '');
	const env = {
		...cleanNpmEnv(),
		npm_config_userconfig: npmrc,
		npm_config_globalconfig: emptyGlobal,
		npm_config_cache: path.join(path.dirname(npmrc), 'npm-cache'),
		npm_config_update_notifier: 'false',
		...extraEnv,
	};
	// The dist-tag as publish.yml passes it to n8n-node release's plain `npm publish`.
	if (tag) env.NPM_CONFIG_TAG = tag;
	const args = ['publish', target, '--ignore-scripts', '--provenance=false'];
	const result = await runToEnd('npm', args, { cwd, env, timeoutMs: 5 * 60 * 1000 });
	if (result.code !== 0)
		throw new Error(`npm ${args.join(' ')} failed:\n${result.output.slice(-4000)}`);
	return result.output;
}

module.exports = {
	startLocalRegistry,
	ensureVerdaccio,
	VERDACCIO_VERSION,
	PUBLIC_REGISTRY,
};
