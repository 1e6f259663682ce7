'use strict';
/**
 * The rehearsal's own parts that decide pass or fail, without n8n: the release-it flags it changes,
 * the README commands it takes, the n8n-workflow check (which must fail for a second copy) and the
 * connection probe (which must see a connection to anywhere but the loopback).
 * The real runs are in rehearsal.e2e.test.js.
 */
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { rewriteReleaseItArgs } = require('../../scripts/rehearsal/npm-stand-in');
const {
	readmeManualCommand,
	readmeFolderSetting,
} = require('../../scripts/rehearsal/manual-route');
const { checkRuntimeResolution } = require('../../scripts/rehearsal/runtime-resolution');
const { connectionWatch, withNodeOptions } = require('../../scripts/rehearsal/connection-probe');

const ROOT = path.join(__dirname, '..', '..');

/** n8n-node release's release-it flags, read from the installed @n8n/node-cli. */
function nodeCliReleaseItFlags() {
	const source = fs.readFileSync(
		path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'),
		'utf8',
	);
	const list = source.slice(
		source.indexOf("'release-it', ["),
		source.indexOf('], {', source.indexOf("'release-it', [")),
	);
	return [...list.matchAll(/'([^']+)'|`([^`]+)`/g)]
		.map((m) => (m[1] ?? m[2]).replace('${pm}', 'npm'))
		.slice(1);
}

describe('npm stand-in: the only changes to n8n-node release', () => {
	test("n8n-node release's flags: push and the GitHub release off, non-interactive, the asked version; the rest unchanged", () => {
		const original = nodeCliReleaseItFlags();
		expect(original).toEqual(
			expect.arrayContaining(['--git.push', '--github.release', '--git.commit', '--git.tag']),
		);
		const rewritten = rewriteReleaseItArgs(original, '0.2.0');
		expect(rewritten).toEqual([
			...original.map(
				(flag) =>
					({ '--git.push': '--no-git.push', '--github.release': '--no-github.release' })[flag] ??
					flag,
			),
			'--ci',
			'--increment=0.2.0',
		]);
	});

	test('a changed n8n-node release is refused instead of pushing', () => {
		expect(() =>
			rewriteReleaseItArgs(['--git.commit', '--github.release', '--npm.publish=false'], '0.2.0'),
		).toThrow(/--git.push once/);
		expect(() => rewriteReleaseItArgs(['--git.push', '--github.release'], '0.2.0')).toThrow(
			/--npm.publish=false/,
		);
	});
});

describe("the README's manual command", () => {
	const readme = () => fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

	test('is read from "Install in your n8n"', () => {
		expect(readmeManualCommand(readme())).toMatch(
			/^cd ~\/\.n8n\/nodes && npm install\b.*\bn8n-nodes-ai-media\b/,
		);
	});

	test('and so is the setting for later npm commands in that folder', () => {
		expect(readmeFolderSetting(readme())).toMatch(/^npm config set \S+ --location=project$/);
		expect(() =>
			readmeFolderSetting('## Install in your n8n\n\n`cd ~/.n8n/nodes && npm install x`\n'),
		).toThrow(/no `npm config set …`/);
	});

	test('a README without it is an error, not a silent pass', () => {
		expect(() =>
			readmeManualCommand(
				'# x\n\n## Install in your n8n\n\nUse the UI.\n\n## Next\n`cd ~/.n8n/nodes && npm install x`',
			),
		).toThrow(/no `cd ~\/\.n8n\/nodes && npm install/);
	});
});

describe("the check that the package runs on n8n's own n8n-workflow", () => {
	const own = '/cache/n8n-2.40.7/node_modules/n8n-workflow/dist/cjs/index.js';
	let nodesDir;
	beforeEach(() => {
		nodesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-nodes-'));
		fs.mkdirSync(path.join(nodesDir, 'node_modules', 'n8n-nodes-ai-media'), { recursive: true });
	});
	afterEach(() => fs.rmSync(nodesDir, { recursive: true, force: true }));

	const entries = (resolved, version = '0.2.0') => [
		{ who: 'n8n', from: 'node_modules/n8n-core/dist', resolved: own },
		{
			who: 'package',
			from: `${nodesDir}/node_modules/n8n-nodes-ai-media/dist/nodes/Flora/Flora.node.js`,
			resolved,
			package: 'n8n-nodes-ai-media',
			version,
		},
	];

	test("passes when the package's requires resolve n8n's file and no copy is on disk", () => {
		const check = checkRuntimeResolution({
			probeEntries: entries(own),
			nodesDir,
			packageName: 'n8n-nodes-ai-media',
			version: '0.2.0',
		});
		expect(check).toMatchObject({ ok: true, problems: [], loads: 1 });
	});

	test('fails for a second copy beside the package (a plain npm install of it)', () => {
		const second = path.join(nodesDir, 'node_modules', 'n8n-workflow');
		fs.mkdirSync(path.join(second, 'dist', 'cjs'), { recursive: true });
		const check = checkRuntimeResolution({
			probeEntries: entries(path.join(second, 'dist', 'cjs', 'index.js')),
			nodesDir,
			packageName: 'n8n-nodes-ai-media',
		});
		expect(check.ok).toBe(false);
		expect(check.problems).toEqual([
			expect.stringContaining(`resolves n8n-workflow to ${second}`),
			`a second n8n-workflow is installed at ${second}`,
		]);
	});

	test('fails when the package was never loaded, or only another version was', () => {
		const none = checkRuntimeResolution({
			probeEntries: entries(own).slice(0, 1),
			nodesDir,
			packageName: 'n8n-nodes-ai-media',
		});
		expect(none.problems).toEqual([
			expect.stringMatching(/no file of n8n-nodes-ai-media required n8n-workflow/),
		]);
		const older = checkRuntimeResolution({
			probeEntries: entries(own, '0.2.0'),
			nodesDir,
			packageName: 'n8n-nodes-ai-media',
			version: '0.2.1',
		});
		expect(older.problems).toEqual([expect.stringMatching(/no file of n8n-nodes-ai-media@0.2.1/)]);
	});
});

describe('the connection probe', () => {
	let dir;
	let server;
	let port;
	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connection-probe-'));
		server = http.createServer((req, res) => res.end('ok'));
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = server.address().port;
	});
	afterAll(async () => {
		await new Promise((resolve) => server.close(resolve));
		fs.rmSync(dir, { recursive: true, force: true });
	});

	/** Runs `script` in a Node process with the watch's environment; resolves its exit code. */
	function runWatched(watch, script) {
		const file = path.join(dir, `script-${Date.now()}.js`);
		fs.writeFileSync(file, script);
		return new Promise((resolve, reject) => {
			const child = spawn(process.execPath, [file, String(port)], {
				env: { ...process.env, ...watch.env },
				stdio: ['ignore', 'ignore', 'inherit'],
			});
			child.on('error', reject);
			child.on('exit', resolve);
		});
	}

	test('records fetch, http and net connections of a process and of the processes it starts', async () => {
		const watch = connectionWatch(path.join(dir, 'connections.jsonl'));
		// Nothing leaves the machine: the lookup of the outside host fails before any packet.
		const script = `
			const http = require('node:http');
			const https = require('node:https');
			const { spawnSync } = require('node:child_process');
			const port = Number(process.argv[2]);
			const noLookup = (host, options, callback) => callback(Object.assign(new Error('no'), { code: 'ENOTFOUND' }));
			(async () => {
				await (await fetch('http://127.0.0.1:' + port + '/')).text();
				await new Promise((resolve) => http.get('http://localhost:' + port + '/', (res) => res.resume().on('end', resolve)));
				await new Promise((resolve) => https.get({ host: 'registry.npmjs.org', lookup: noLookup }).on('error', resolve));
				spawnSync(process.execPath, ['-e', "require('node:net').connect({ host: 'example.org', port: 80, lookup: (h, o, cb) => cb(new Error('no')) }).on('error', () => {})"]);
			})();
		`;
		expect(await runWatched(watch, script)).toBe(0);
		const seen = watch.entries().map(({ host, port: to }) => `${host}:${to}`);
		expect(seen).toEqual(
			expect.arrayContaining([
				`127.0.0.1:${port}`,
				`localhost:${port}`,
				'registry.npmjs.org:443',
				'example.org:80',
			]),
		);
		expect(new Set(watch.entries().map((entry) => entry.pid)).size).toBe(2);
		expect(
			watch
				.outside()
				.map(({ host }) => host)
				.sort(),
		).toEqual(['example.org', 'registry.npmjs.org']);
	});

	test('a process that only talks to the loopback leaves nothing outside', async () => {
		const watch = connectionWatch(path.join(dir, 'local.jsonl'));
		const script = `fetch('http://127.0.0.1:' + process.argv[2] + '/').then((res) => res.text());`;
		expect(await runWatched(watch, script)).toBe(0);
		expect(watch.entries()).toHaveLength(1);
		expect(watch.outside()).toEqual([]);
	});

	test('adds itself to NODE_OPTIONS already set (the resolution probe of an n8n instance)', () => {
		expect(withNodeOptions({ NODE_OPTIONS: '--require a.js', X: '1' }, '--require b.js')).toEqual({
			NODE_OPTIONS: '--require a.js --require b.js',
			X: '1',
		});
		expect(withNodeOptions({}, '--require b.js')).toEqual({ NODE_OPTIONS: '--require b.js' });
	});
});
