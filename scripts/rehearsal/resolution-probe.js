'use strict';
// Preloaded into an n8n process (NODE_OPTIONS=--require <this file>) to record, from inside it,
// which file `require('n8n-workflow')` resolves to: for n8n's own code (n8n-core, the CLI), and for
// every community package file under the watched folder (<user folder>/.n8n/nodes). A package that
// resolves a different file than n8n runs against its own copy: its errors are not n8n's error
// classes, its LoggerProxy is not n8n's logger. It only observes; resolution is unchanged.
// One JSON line per distinct (requester, resolved file, package version) in REHEARSAL_PROBE_LOG:
//   { who: 'n8n' | 'package', from, resolved, package?, version? }
// Child processes inherit NODE_OPTIONS (n8n's npm, its task runner): they record nothing unless
// they load n8n or a watched package.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const LOG = process.env.REHEARSAL_PROBE_LOG;
const WATCH_DIR = process.env.REHEARSAL_PROBE_WATCH_DIR;
const N8N_DIR = process.env.REHEARSAL_PROBE_N8N_DIR;

/** The package folder a file under <WATCH_DIR>/node_modules belongs to, e.g. …/node_modules/@scope/name. */
function packageRoot(file) {
	const modules = path.join(WATCH_DIR, 'node_modules') + path.sep;
	if (!file.startsWith(modules)) return undefined;
	const parts = file.slice(modules.length).split(path.sep);
	const depth = parts[0].startsWith('@') ? 2 : 1;
	return path.join(modules, ...parts.slice(0, depth));
}

function readManifest(root) {
	try {
		return JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	} catch {
		return {};
	}
}

function install() {
	const seen = new Set();
	const record = (entry) => {
		const key = JSON.stringify(entry);
		if (seen.has(key)) return;
		seen.add(key);
		fs.appendFileSync(LOG, key + '\n');
	};
	const resolveFilename = Module._resolveFilename;
	Module._resolveFilename = function (request, parent, ...rest) {
		const resolved = resolveFilename.call(this, request, parent, ...rest);
		try {
			const from = parent && parent.filename;
			if (from && (request === 'n8n-workflow' || request.startsWith('n8n-workflow/'))) {
				const root = packageRoot(from);
				if (root) {
					const { name, version } = readManifest(root);
					record({ who: 'package', from, resolved, package: name, version });
				} else if (N8N_DIR && from.startsWith(N8N_DIR + path.sep)) {
					record({
						who: 'n8n',
						from: path.relative(N8N_DIR, from).split(path.sep).slice(0, 3).join('/'),
						resolved,
					});
				}
			}
		} catch {
			// never disturb n8n
		}
		return resolved;
	};
}

if (LOG && WATCH_DIR) install();

/** Reads a probe log: the entries in the order they were recorded. */
function readProbeLog(file) {
	if (!fs.existsSync(file)) return [];
	return fs
		.readFileSync(file, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line));
}

module.exports = { readProbeLog };
