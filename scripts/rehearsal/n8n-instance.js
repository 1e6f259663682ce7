'use strict';
// One fresh `n8n start` for the rehearsal, parameterised by the n8n to run (any version of the
// cache: runtime = { nodeBin, n8nBin, n8nDir }, e.g. paths() or runtimeOf('1.123.81') of
// scripts/n8n-env.js) and its user folder. HOME is the user folder too, so `~/.n8n/nodes` (the
// README's manual route) is this instance's community package folder and npm's cache and
// configuration are the instance's own, never the machine's. The resolution probe records what
// `require('n8n-workflow')` resolves to inside the process (resolution-probe.js).
//   const n8n = await startN8nInstance({ runtime, userFolder, env: { HTTPS_PROXY, NODE_EXTRA_CA_CERTS } });
//   n8n.url, n8n.probeEntries(), n8n.output(), await n8n.stop()
const fs = require('node:fs');
const path = require('node:path');
const { n8nEnv } = require('../n8n-env');
const { freePorts } = require('../local-processes');
const { startN8nProcess } = require('../n8n-start');
const { readProbeLog } = require('./resolution-probe');
const { withNodeOptions } = require('./connection-probe');

const PROBE = path.join(__dirname, 'resolution-probe.js');

/** The community package folder n8n uses for a user folder (nodesDownloadDir). */
function nodesDir(userFolder) {
	return path.join(userFolder, '.n8n', 'nodes');
}

/**
 * The environment the instance and the npm it runs see: n8nEnv (offline, loopback, its own user
 * folder) on the runtime's Node, HOME = the user folder, npm without the machine's global
 * configuration (a system `cafile` would replace NODE_EXTRA_CA_CERTS), plus `extra`.
 */
function instanceEnv({ runtime, userFolder, port, brokerPort, extra = {} }) {
	const globalNpmrc = path.join(userFolder, '.global-npmrc');
	if (!fs.existsSync(globalNpmrc)) fs.writeFileSync(globalNpmrc, '');
	return n8nEnv({
		userFolder,
		port,
		brokerPort,
		runtime, // its Node first on PATH, and only the settings that n8n knows
		extra: {
			HOME: userFolder,
			npm_config_globalconfig: globalNpmrc,
			npm_config_update_notifier: 'false',
			NO_PROXY: 'localhost,127.0.0.1',
			...extra,
		},
	});
}

/**
 * @param {object} options
 * @param {{nodeBin, n8nBin, n8nDir}} options.runtime
 * @param {string} options.userFolder  N8N_USER_FOLDER (and HOME); kept across restarts
 * @param {object} [options.env]       added to the environment (proxy, CA, …; its NODE_OPTIONS
 *   are added to the resolution probe's)
 * @param {number} [options.readyTimeoutMs]
 * @returns {Promise<{ url, port, userFolder, nodesDir, probeEntries(), output(), stop() }>}
 */
async function startN8nInstance({ runtime, userFolder, env = {}, readyTimeoutMs = 240000 }) {
	const [port, brokerPort] = await freePorts(2);
	// One log per start: a restart's loads are not mixed with the previous process's.
	const probeLog = path.join(userFolder, `resolution-probe-${port}.jsonl`);
	const probeEnv = {
		REHEARSAL_PROBE_LOG: probeLog,
		REHEARSAL_PROBE_WATCH_DIR: nodesDir(userFolder),
		REHEARSAL_PROBE_N8N_DIR: runtime.n8nDir,
	};
	const { output, stop } = await startN8nProcess({
		runtime,
		cwd: userFolder,
		env: instanceEnv({
			runtime,
			userFolder,
			port,
			brokerPort,
			extra: withNodeOptions(
				{ N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'info', ...probeEnv, ...env },
				`--require ${PROBE}`,
			),
		}),
		port,
		readyTimeoutMs,
		killAfterMs: 20000,
	});
	const url = `http://127.0.0.1:${port}`;
	return {
		url,
		port,
		userFolder,
		nodesDir: nodesDir(userFolder),
		probeEntries: () => readProbeLog(probeLog),
		output,
		stop,
	};
}

module.exports = { startN8nInstance, instanceEnv, nodesDir };
