'use strict';
// `n8n start` as a child process, for the e2e tests (test/e2e/n8n-process.js) and the release
// rehearsal (scripts/rehearsal/n8n-instance.js): in its own process group, so stop() also ends its
// task runner (and the npm its community package installer runs); resolves once
// /healthz/readiness answers on the loopback. The caller makes the environment (n8nEnv).
//   const n8n = await startN8nProcess({ runtime, cwd, env, port });
//   n8n.pid, n8n.output(), await n8n.stop()
const { startInGroup } = require('./local-processes');

/** The end of a long output, marked when cut. */
function tail(text, max = 6000) {
	return text.length > max ? `…${text.slice(-max)}` : text;
}

/**
 * @param {object} options
 * @param {{nodeBin, n8nBin}} options.runtime  paths() or runtimeOf() of scripts/n8n-env.js
 * @param {string} options.cwd
 * @param {object} options.env   the whole environment, with N8N_PORT = port
 * @param {number} options.port  where n8n answers /healthz/readiness
 * @param {number} options.readyTimeoutMs
 * @param {number} options.killAfterMs  from stop()'s SIGTERM to a SIGKILL of the group
 * @returns {Promise<{ pid, output(), stop() }>}  rejects (n8n stopped) when it is not ready in time
 */
async function startN8nProcess({ runtime, cwd, env, port, readyTimeoutMs, killAfterMs }) {
	const n8n = startInGroup(runtime.nodeBin, [runtime.n8nBin, 'start'], { cwd, env });
	const stop = () => n8n.stop(killAfterMs);

	const deadline = Date.now() + readyTimeoutMs;
	for (;;) {
		if (n8n.ended())
			throw new Error(
				`n8n start exited early (${JSON.stringify(n8n.ended())})\n${tail(n8n.output())}`,
			);
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n start not ready after ${readyTimeoutMs} ms\n${tail(n8n.output())}`);
		}
		try {
			const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`);
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	return { pid: n8n.child.pid, output: n8n.output, stop };
}

module.exports = { startN8nProcess, tail };
