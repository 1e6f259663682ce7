'use strict';
// Throw-away Redis and PostgreSQL for n8n's queue mode: Debian's redis-server and PostgreSQL
// binaries (found, or installed when root, by scripts/system-programs.js), data in a temp folder,
// listening on 127.0.0.1 (and a unix socket in that folder) on free ports. Each start*() resolves
// { ..., stop() }; stop() also removes the folder.
const fs = require('node:fs');
const net = require('node:net');
const { freePorts } = require('../local-processes');
const { requireProgram } = require('../system-programs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

const redisServerBin = () => requireProgram('redis-server');
const postgresBinDir = () => path.dirname(requireProgram('postgres'));

async function waitFor(what, check, { timeoutMs = 30000, exited } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited?.()) throw new Error(`${what} exited before it was ready`);
		if (await check().catch(() => false)) return;
		if (Date.now() > deadline) throw new Error(`${what} not ready after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** A child process that records its exit and its output (for error messages). */
function spawnService(command, args, options) {
	const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
	const service = { child, output: '', exited: null };
	child.stdout.on('data', (chunk) => (service.output += chunk));
	child.stderr.on('data', (chunk) => (service.output += chunk));
	service.exit = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve((service.exited = { code, signal }))),
	);
	child.on('error', (error) => (service.exited = { error: error.message }));
	return service;
}

async function stopService(service, signal, graceMs = 10000) {
	if (service.exited) return;
	service.child.kill(signal);
	const killer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
	await service.exit;
	clearTimeout(killer);
}

function redisPing(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000, () => socket.destroy());
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (data) => {
			resolve(data.toString().startsWith('+PONG'));
			socket.destroy();
		});
		socket.on('error', () => resolve(false));
		socket.on('close', () => resolve(false));
	});
}

/** redis-server on a free loopback port, nothing saved to disk. */
async function startRedis() {
	const bin = redisServerBin();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	const [port] = await freePorts(1);
	const service = spawnService(bin, [
		'--port',
		String(port),
		'--bind',
		'127.0.0.1',
		'--unixsocket',
		path.join(dir, 'redis.sock'),
		'--dir',
		dir,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'no',
	]);
	const stop = async () => {
		await stopService(service, 'SIGTERM');
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitFor('redis-server', () => redisPing(port), { exited: () => service.exited });
	} catch (error) {
		await stop();
		throw new Error(`${error.message}\n${service.output.slice(-2000)}`);
	}
	return { host: '127.0.0.1', port, pid: service.child.pid, stop };
}

/** The uid/gid PostgreSQL runs as: it refuses to run as root, so root uses the `postgres` user. */
function postgresUser() {
	if (!isRoot()) return {};
	const id = (flag) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout);
	const uid = id('-u');
	if (!Number.isInteger(uid) || uid <= 0) {
		throw new Error(
			'running as root needs the `postgres` user (created by the PostgreSQL package)',
		);
	}
	return { uid, gid: id('-g') };
}

/**
 * PostgreSQL in a temp folder: trust authentication (throw-away, loopback and a private socket
 * only), no fsync; user and database "n8n". Resolves { host, port, socketDir, user, database, stop }.
 */
async function startPostgres() {
	const binDir = postgresBinDir();
	const user = postgresUser();
	// As root the folder must be reachable by the postgres user, whatever TMPDIR (maybe private) says.
	const dir = fs.mkdtempSync(
		path.join(user.uid === undefined ? os.tmpdir() : '/tmp', 'n8n-queue-pg-'),
	);
	const dataDir = path.join(dir, 'data');
	if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid);
	const asPostgres = { ...user, cwd: dir, env: { ...process.env, LC_ALL: 'C', LANG: 'C' } };
	const initdb = spawnSync(
		path.join(binDir, 'initdb'),
		['-D', dataDir, '-U', 'n8n', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
		{ ...asPostgres, encoding: 'utf8' },
	);
	if (initdb.status !== 0) {
		fs.rmSync(dir, { recursive: true, force: true });
		throw new Error(`initdb failed: ${initdb.error?.message ?? ''}${initdb.stderr}`);
	}
	const [port] = await freePorts(1);
	const service = spawnService(
		path.join(binDir, 'postgres'),
		[
			'-D',
			dataDir,
			'-p',
			String(port),
			'-h',
			'127.0.0.1',
			'-k',
			dir,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		asPostgres,
	);
	// SIGINT is PostgreSQL's "fast shutdown": it ends the sessions and stops at once.
	const stop = async () => {
		await stopService(service, 'SIGINT');
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		const isReady = path.join(binDir, 'pg_isready');
		await waitFor(
			'postgres',
			async () =>
				spawnSync(isReady, ['-q', '-h', dir, '-p', String(port), '-U', 'n8n']).status === 0,
			{ exited: () => service.exited },
		);
		const createdb = spawnSync(
			path.join(binDir, 'createdb'),
			['-h', dir, '-p', String(port), '-U', 'n8n', 'n8n'],
			{ encoding: 'utf8' },
		);
		if (createdb.status !== 0) throw new Error(`createdb failed: ${createdb.stderr}`);
	} catch (error) {
		await stop();
		throw new Error(`${error.message}\n${service.output.slice(-2000)}`);
	}
	return {
		host: '127.0.0.1',
		port,
		socketDir: dir,
		user: 'n8n',
		database: 'n8n',
		pid: service.child.pid,
		stop,
	};
}

module.exports = { startRedis, startPostgres, waitFor };
