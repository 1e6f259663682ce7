#!/usr/bin/env node
'use strict';
// `npm run dev -- --queue [--https]`: n8n in queue mode with this package, all throw-away:
// Redis + PostgreSQL in temp folders, n8n main + 2 workers + 1 webhook process (see cluster.js).
// Prints the URLs; Ctrl-C stops everything it started and removes the temp folders.
//   N8N_AI_MEDIA_PORT   main's port (default 5678); the others use free ports
//   N8N_PROTOCOL=https  same as --https
const fs = require('node:fs');
const path = require('node:path');
const { ensureN8n } = require('../ensure-n8n');
const { paths } = require('../n8n-env');
const { buildAndPack } = require('../pack-into-n8n');
const { startQueueCluster } = require('./cluster');

const args = process.argv.slice(2);
const https = args.includes('--https') || process.env.N8N_PROTOCOL === 'https';

/** Each process's output, line by line, prefixed with its name. */
function prefixed() {
	const partial = {};
	return (name, text) => {
		const lines = ((partial[name] ?? '') + text).split('\n');
		partial[name] = lines.pop();
		for (const line of lines) process.stdout.write(`${name.padEnd(9)} | ${line}\n`);
	};
}

async function main() {
	ensureN8n();
	const tarball = buildAndPack({ build: true });
	const cert = https
		? require('../self-signed-cert').ensureSelfSignedCert(paths().devCertDir)
		: undefined;
	process.stderr.write('[queue] starting Redis, PostgreSQL, n8n main, 2 workers, 1 webhook\n');
	// The n8n processes run in their own process groups: a Ctrl-C during start-up is held until
	// the cluster is up, then everything is stopped, so nothing is left running.
	let cluster;
	let stopping = false;
	const stop = async () => {
		if (stopping || !cluster) {
			stopping = true;
			return;
		}
		process.stderr.write('\n[queue] stopping every process it started…\n');
		await cluster.stop();
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	cluster = await startQueueCluster({
		tarball,
		https: cert,
		mainPort: Number(process.env.N8N_AI_MEDIA_PORT || 5678),
		onOutput: prefixed(),
	});
	if (stopping) {
		stopping = false;
		await stop();
	}
	const { redis, postgres } = cluster;
	process.stdout.write(`
  n8n (queue mode) with n8n-nodes-ai-media
  editor, REST API (main):         ${cluster.mainUrl}
  webhooks and resume URLs:        ${cluster.webhookUrl}/webhook/…, ${cluster.webhookUrl}/webhook-waiting/…
  workers:                         ${cluster.workers.map((w) => `${w.name} (pid ${w.pid})`).join(', ')}
  Redis:                           ${redis.host}:${redis.port}
  PostgreSQL:                      psql -h ${postgres.host} -p ${postgres.port} -U ${postgres.user} ${postgres.database}
  N8N_ENCRYPTION_KEY (all):        ${cluster.encryptionKey}
  Everything is throw-away: the first visit asks for the owner account. Ctrl-C stops it all.
${cert ? `  Self-signed certificate (trust it with curl --cacert): ${cert.certPath}\n` : ''}
`);
}

main().catch((error) => {
	process.stderr.write(`[queue] ${error.message}\n`);
	process.exit(1);
});
