'use strict';
// Low-level helpers for driving a real n8n 2.40 (installed by
// scripts/ensure-n8n.js) from tests: throwaway user folders with community
// packages installed, CLI commands, and `n8n start` on a free loopback port.
// Every process is async (never spawnSync) so fake APIs served from the test
// process keep answering while n8n runs.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { paths, n8nEnv } = require('../../scripts/n8n-env');
const { ensureN8n } = require('../../scripts/ensure-n8n');
const { buildAndPack, installTarball, REPO_ROOT } = require('../../scripts/pack-into-n8n');
const { freePorts, killGroup } = require('../../scripts/local-processes');
const { startN8nProcess, tail } = require('../../scripts/n8n-start');

const KEEP = process.env.E2E_KEEP === '1'; // keep user folders for debugging

let repoTarball;

/**
 * The repo's own package, built (`npm run build`) and packed once per process.
 * E2E_PACKAGE_TARBALL=<file> uses an existing tarball instead.
 */
function repoPackageTarball() {
	if (process.env.E2E_PACKAGE_TARBALL) return path.resolve(process.env.E2E_PACKAGE_TARBALL);
	if (!repoTarball) {
		repoTarball = buildAndPack({ packageDir: REPO_ROOT, build: true });
		const packDir = path.dirname(repoTarball);
		process.once('exit', () => fs.rmSync(packDir, { recursive: true, force: true }));
	}
	return repoTarball;
}

/** Makes sure n8n is installed (instant when cached) and returns its paths. */
function ensureRuntime() {
	return ensureN8n();
}

/** A new n8n user folder with the given `npm pack` tarballs installed as community packages. */
function createUserFolder({ packages = [], prefix = 'n8n-e2e-' } = {}) {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	for (const tarball of packages) installTarball({ tarball, userFolder });
	return userFolder;
}

function removeUserFolder(userFolder) {
	if (!KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
}

/** Parses n8n's N8N_LOG_FORMAT=json output: one JSON object per line; other lines are skipped. */
function parseLogLines(text) {
	const entries = [];
	for (const line of text.split('\n')) {
		if (!line.startsWith('{')) continue;
		try {
			entries.push(JSON.parse(line));
		} catch {
			// not a log line (n8n also prints plain text, e.g. deprecation notices)
		}
	}
	return entries;
}

/**
 * Runs `n8n <args>` against userFolder. Resolves { code, stdout, stderr, logs }
 * (logs: parsed JSON log lines from stdout and stderr); never rejects on a
 * non-zero exit, only on a timeout or a spawn failure. `runtime`: another n8n of
 * the matrix (runtimeOf() in scripts/n8n-env.js), default the pinned 2.40.7.
 */
async function runN8nCli(userFolder, args, { timeoutMs = 180000, env = {}, runtime } = {}) {
	const p = runtime || paths();
	// CLI commands do not serve HTTP, but `execute` starts a task broker: never share its port.
	const [port, brokerPort] = await freePorts(2);
	return new Promise((resolve, reject) => {
		const child = spawn(p.nodeBin, [p.n8nBin, ...args], {
			cwd: userFolder,
			env: n8nEnv({
				userFolder,
				port,
				brokerPort,
				runtime: p,
				extra: { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'info', ...env },
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true, // own process group, so a timeout also ends its task runner
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			killGroup(child.pid, 'SIGKILL');
			reject(
				new Error(
					`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${tail(stdout + stderr)}`,
				),
			);
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			resolve({ code, stdout, stderr, logs: parseLogLines(`${stdout}\n${stderr}`) });
		});
	});
}

/** Like runN8nCli, but rejects with n8n's output when the command fails. */
async function n8nCliOk(userFolder, args, options) {
	const result = await runN8nCli(userFolder, args, options);
	if (result.code !== 0) {
		throw new Error(
			`n8n ${args.join(' ')} exited with ${result.code}\n${tail(result.stdout + result.stderr)}`,
		);
	}
	return result;
}


async function freePort() {
	const [port] = await freePorts(1);
	return port;
}

/**
 * Starts `n8n start` for userFolder on a free loopback port and waits until
 * it is ready. Resolves { url, port, output(), stop() }.
 */
async function startN8n(userFolder, { readyTimeoutMs = 180000, env = {}, runtime } = {}) {
	const p = runtime || paths();
	const [port, brokerPort] = await freePorts(2);
	const url = `http://localhost:${port}`;
	const n8n = await startN8nProcess({
		runtime: p,
		cwd: userFolder,
		env: n8nEnv({
			userFolder,
			port,
			brokerPort,
			runtime: p,
			extra: { N8N_LOG_FORMAT: 'json', N8N_LOG_LEVEL: 'info', ...env },
		}),
		port,
		readyTimeoutMs,
		killAfterMs: 15000,
	});
	return { url, port, ...n8n };
}

module.exports = {
	ensureRuntime,
	repoPackageTarball,
	createUserFolder,
	removeUserFolder,
	runN8nCli,
	n8nCliOk,
	parseLogLines,
	freePort,
	freePorts,
	startN8n,
	tail,
};
