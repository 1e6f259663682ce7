'use strict';
// n8n's scale-out setup on one machine, for `npm run dev -- --queue` and the queue-mode tests:
// throw-away Redis + PostgreSQL, then `n8n start` (main), `n8n worker` ×N and `n8n webhook` ×M,
// each with its own user folder holding the package (installed from an `npm pack` tarball, as
// on separate machines), the same N8N_ENCRYPTION_KEY and EXECUTIONS_MODE=queue. WEBHOOK_URL
// points at the (first) webhook process everywhere, as a load balancer would in production, so
// production and resume URLs reach it.
//   const { startQueueCluster } = require('./scripts/queue/cluster');
//   const cluster = await startQueueCluster({ tarball, https, onOutput });
//   cluster.mainUrl, cluster.webhookUrl, await cluster.restartMain(), await cluster.stop()
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { paths, n8nEnv } = require('../n8n-env');
const { installTarball } = require('../pack-into-n8n');
const { freePorts, killGroup } = require('../local-processes');
const { startRedis, startPostgres, waitFor } = require('./services');

/** GET url answers 200 (https with a self-signed certificate accepted: it is our own). */
async function answersOk(url) {
	const lib = url.startsWith('https:') ? require('node:https') : require('node:http');
	return await new Promise((resolve) => {
		const request = lib.get(url, { rejectUnauthorized: false, timeout: 2000 }, (response) => {
			response.resume();
			resolve(response.statusCode === 200);
		});
		request.on('error', () => resolve(false));
		request.on('timeout', () => request.destroy());
	});
}

/**
 * One n8n process (`n8n <command>`) in its own process group, so stop() also ends its task
 * runner. `readyUrl` is polled until it answers 200.
 */
function n8nProcess({ name, command, args = [], env, cwd, readyUrl, onOutput }) {
	const p = paths();
	let child;
	let exited = null;
	let exit;
	let output = '';
	const proc = {
		name,
		output: () => output,
		get pid() {
			return child?.pid;
		},
		async start({ readyTimeoutMs = 180000 } = {}) {
			exited = null;
			child = spawn(p.nodeBin, [p.n8nBin, command, ...args], {
				cwd,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
				detached: true,
			});
			const record = (chunk) => {
				output += chunk;
				onOutput?.(name, String(chunk));
			};
			child.stdout.on('data', record);
			child.stderr.on('data', record);
			exit = new Promise((resolve) =>
				child.on('exit', (code, signal) => resolve((exited = { code, signal }))),
			);
			await waitFor(`n8n ${command} (${name})`, () => answersOk(readyUrl), {
				timeoutMs: readyTimeoutMs,
				exited: () => exited,
			}).catch((error) => {
				killGroup(child.pid, 'SIGKILL');
				throw new Error(`${error.message}\n${output.slice(-4000)}`);
			});
		},
		async stop() {
			if (!child || exited) return;
			killGroup(child.pid, 'SIGTERM');
			const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 20000);
			await exit;
			clearTimeout(killer);
		},
	};
	return proc;
}

/**
 * @param {object} options
 * @param {string} options.tarball          `npm pack` tarball of the package, installed in every process
 * @param {number} [options.workers]        `n8n worker` processes (2)
 * @param {number} [options.webhooks]       `n8n webhook` processes (1)
 * @param {number} [options.concurrency]    jobs per worker (n8n's default, 10)
 * @param {{keyPath, certPath}} [options.https]  serve main and webhook processes over https
 * @param {number} [options.mainPort]       main's port (a free one)
 * @param {object} [options.env]            extra environment for every n8n process
 * @param {(name, text) => void} [options.onOutput]  every process's output as it comes
 */
async function startQueueCluster({
	tarball,
	workers = 2,
	webhooks = 1,
	concurrency,
	https,
	mainPort,
	env = {},
	onOutput,
	readyTimeoutMs = 180000,
} = {}) {
	if (!tarball) throw new Error('startQueueCluster: tarball (from npm pack) is required');
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	const started = [];
	const stopAll = async () => {
		for (const item of started.reverse()) await item.stop().catch(() => {});
		fs.rmSync(root, { recursive: true, force: true });
	};
	try {
		const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		started.push(redis, postgres);

		const protocol = https ? 'https' : 'http';
		const ports = await freePorts(2 * (1 + workers + webhooks));
		const take = () => ports.shift();
		const main = { port: mainPort ?? take(), brokerPort: take() };
		const webhookPorts = Array.from({ length: webhooks }, () => ({
			port: take(),
			brokerPort: take(),
		}));
		const workerPorts = Array.from({ length: workers }, () => ({
			port: take(),
			brokerPort: take(),
		}));
		const webhookUrl = `${protocol}://localhost:${webhookPorts[0]?.port ?? main.port}/`;
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const shared = {
			EXECUTIONS_MODE: 'queue',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			QUEUE_BULL_REDIS_HOST: redis.host,
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: postgres.host,
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_USER: postgres.user,
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_PASSWORD: '',
			N8N_ENCRYPTION_KEY: encryptionKey,
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			...(concurrency ? { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(concurrency) } : {}),
			...env,
		};
		const processEnv = (userFolder, { port, brokerPort }, extra = {}) =>
			n8nEnv({
				userFolder,
				port,
				brokerPort,
				https,
				webhookUrl,
				extra: { ...shared, ...extra },
			});
		const userFolder = (name) => {
			const folder = path.join(root, name);
			fs.mkdirSync(folder);
			installTarball({ tarball, userFolder: folder });
			return folder;
		};
		const serverProcess = (name, command, portsOf) => {
			const folder = userFolder(name);
			return n8nProcess({
				name,
				command,
				env: processEnv(folder, portsOf),
				cwd: folder,
				readyUrl: `${protocol}://127.0.0.1:${portsOf.port}/healthz/readiness`,
				onOutput,
			});
		};

		// main first: it creates the database schema the others need.
		const mainProcess = serverProcess('main', 'start', main);
		started.push(mainProcess);
		await mainProcess.start({ readyTimeoutMs });

		const others = [
			...workerPorts.map((portsOf, index) => {
				const name = `worker-${index + 1}`;
				const folder = userFolder(name);
				const healthPort = portsOf.port;
				return n8nProcess({
					name,
					command: 'worker',
					env: processEnv(folder, portsOf, {
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					}),
					cwd: folder,
					readyUrl: `http://127.0.0.1:${healthPort}/healthz/readiness`,
					onOutput,
				});
			}),
			...webhookPorts.map((portsOf, index) =>
				serverProcess(`webhook-${index + 1}`, 'webhook', portsOf),
			),
		];
		started.push(...others);
		await Promise.all(others.map((proc) => proc.start({ readyTimeoutMs })));

		return {
			mainUrl: `${protocol}://localhost:${main.port}`,
			webhookUrl: webhookUrl.replace(/\/$/, ''),
			webhookUrls: webhookPorts.map(({ port }) => `${protocol}://localhost:${port}`),
			redis,
			postgres,
			encryptionKey,
			main: mainProcess,
			workers: others.filter((proc) => proc.name.startsWith('worker-')),
			webhookProcesses: others.filter((proc) => proc.name.startsWith('webhook-')),
			/** Stops main and starts it again on the same port (workers and webhook processes stay). */
			async restartMain() {
				await mainProcess.stop();
				await mainProcess.start({ readyTimeoutMs });
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = { startQueueCluster };
