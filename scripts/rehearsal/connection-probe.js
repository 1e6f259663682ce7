'use strict';
// Where do the rehearsal's processes connect to? Preloaded (NODE_OPTIONS=--require <this file>)
// into every Node process the rehearsal starts, and so into the ones those start (NODE_OPTIONS is
// inherited: npm, release-it, jest's workers, verdaccio, n8n and its npm), it records each TCP
// connection a process opens, as given to connect() and before it is made: one JSON line per
// distinct (process, host, port) in REHEARSAL_CONNECTION_LOG:
//   { pid, program, host, port }
// It only records; every connection goes ahead unchanged. Unix sockets and pipes are skipped.
//   const watch = connectionWatch(file);  // watch.env for the processes; watch.entries(), watch.outside()
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const LOG = process.env.REHEARSAL_CONNECTION_LOG;

/** { host, port } of a Socket#connect() call, or undefined for a Unix socket or pipe. */
function destination(args) {
	const [first, second] = args;
	// Node's own callers (net.connect, http, tls, fetch) pass the normalized [options, callback].
	const options = Array.isArray(first)
		? first[0]
		: first !== null && typeof first === 'object'
			? first
			: typeof first === 'number' || /^\d+$/.test(String(first))
				? { port: first, host: typeof second === 'string' ? second : undefined }
				: { path: first };
	if (!options || options.path) return undefined; // as Node decides: a path is a pipe
	return { host: options.host ?? 'localhost', port: Number(options.port) };
}

function install() {
	const seen = new Set();
	const program = path.basename(process.argv[1] || process.argv0);
	const connect = net.Socket.prototype.connect;
	net.Socket.prototype.connect = function (...args) {
		try {
			const to = destination(args);
			const key = to && `${to.host}:${to.port}`;
			if (to && !seen.has(key)) {
				seen.add(key);
				const entry = { pid: process.pid, program, ...to };
				fs.appendFileSync(LOG, JSON.stringify(entry) + '\n');
			}
		} catch {
			// never disturb the process
		}
		return connect.apply(this, args);
	};
}

if (LOG) install();

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/;

/**
 * A log file and the environment that makes Node processes write to it.
 * @returns {{ env, entries(), outside() }}  outside(): the entries to anything but the loopback
 */
function connectionWatch(file) {
	fs.writeFileSync(file, '');
	const entries = () =>
		fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line));
	return {
		env: { NODE_OPTIONS: `--require ${__filename}`, REHEARSAL_CONNECTION_LOG: file },
		entries,
		outside: () => entries().filter((entry) => !LOOPBACK.test(entry.host)),
	};
}

/** Adds `--require` options of `extra` to an environment's NODE_OPTIONS instead of replacing it. */
function withNodeOptions(env, extra) {
	const joined = [env.NODE_OPTIONS, extra].filter(Boolean).join(' ');
	return joined ? { ...env, NODE_OPTIONS: joined } : env;
}

module.exports = { connectionWatch, withNodeOptions, destination };
