'use strict';
// Small helpers for the local n8n, Redis and PostgreSQL processes of `npm run dev` and the tests.
const net = require('node:net');

/** `count` distinct free loopback ports (all held open until each is picked, so none repeats). */
async function freePorts(count) {
	const servers = [];
	try {
		for (let i = 0; i < count; i++) {
			const server = net.createServer();
			server.unref();
			await new Promise((resolve, reject) => {
				server.on('error', reject);
				server.listen(0, '127.0.0.1', resolve);
			});
			servers.push(server);
		}
		return servers.map((server) => server.address().port);
	} finally {
		await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
	}
}

/** Signals a whole process group (a detached child and what it started, e.g. n8n's task runner). */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

module.exports = { freePorts, killGroup };
