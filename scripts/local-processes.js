'use strict';
// Small helpers for the local n8n, Redis and PostgreSQL processes of `npm run dev` and the tests.
const net = require('node:net');
const { spawn } = require('node:child_process');

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

/**
 * Starts a program in its own process group (ending the group also ends what it started, e.g.
 * n8n's task runner or npm's scripts), its stdout and stderr collected in one string.
 * Returns { child, output(), exit, ended(), stop(graceMs) }: exit resolves { code, signal } when
 * it has ended (ended() is that, or null before); stop() sends the group SIGTERM, SIGKILL after
 * graceMs, and resolves once it has ended.
 */
function startInGroup(command, args, { cwd, env }) {
	const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	let ended = null;
	const exit = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve((ended = { code, signal }))),
	);
	const stop = async (graceMs) => {
		if (ended) return;
		killGroup(child.pid, 'SIGTERM');
		const killer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
		await exit;
		clearTimeout(killer);
	};
	return { child, output: () => output, exit, ended: () => ended, stop };
}

/**
 * Runs a program to its end in its own process group (a timeout ends it and what it started, e.g.
 * npm's scripts or jest's workers), its stdout and stderr collected in one string. Resolves
 * { code, signal, output }: code is the exit code, or the signal's name when a signal ended it;
 * rejects only when the program cannot be started.
 */
function runToEnd(command, args, { cwd, env, timeoutMs = 10 * 60 * 1000 }) {
	return new Promise((resolve, reject) => {
		const { child, output } = startInGroup(command, args, { cwd, env });
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({ code: code ?? signal, signal, output: output() });
		});
	});
}

/** process.env without what an enclosing `npm test` / `npm run` exports (npm_config_* would reconfigure npm). */
function cleanNpmEnv() {
	const env = { ...process.env };
	for (const key of Object.keys(env)) if (/^(npm_|INIT_CWD$)/i.test(key)) delete env[key];
	return env;
}

module.exports = { freePorts, killGroup, startInGroup, runToEnd, cleanNpmEnv };
