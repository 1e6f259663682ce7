#!/usr/bin/env node
'use strict';
// Proves the e2e machinery against a real n8n with a throwaway community
// package (n8n-nodes-e2e-probe), independent of this repo's own nodes:
//   node test/e2e/selftest.js
// Exits non-zero on the first failed check.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { buildAndPack, installTarball } = require('../../scripts/pack-into-n8n');
const { createProbePackage } = require('./probe-package');
const { runWorkflow } = require('./run-workflow');
const { checkEditorPanels } = require('./editor-check');
const { ensureRuntime } = require('./n8n-process');

const API_KEY = 'probe-key-123';

function startFakeApi() {
	const requests = [];
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, apiKey: req.headers['x-api-key'] });
		if (req.url !== '/hello') return res.writeHead(404).end();
		if (req.headers['x-api-key'] !== API_KEY) {
			res.writeHead(401, { 'content-type': 'application/json' });
			return res.end(JSON.stringify({ error: { message: 'Invalid API key' } }));
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ greeting: 'hi from the fake API' }));
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () =>
			resolve({
				baseUrl: `http://127.0.0.1:${server.address().port}`,
				requests,
				close: () => server.close(),
			}),
		),
	);
}

function probeWorkflow({ message = 'hello e2e', fail = false, attachBinary = false } = {}) {
	return {
		name: 'probe',
		nodes: [
			{
				id: '0f5532f9-36ba-4bef-86c7-30d607400b11',
				name: 'When clicking Execute',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '1f5532f9-36ba-4bef-86c7-30d607400b12',
				name: 'Probe',
				type: 'n8n-nodes-e2e-probe.e2eProbe',
				typeVersion: 1,
				position: [220, 0],
				parameters: { message, fail, attachBinary },
				credentials: { e2eProbeApi: { id: 'probeCredential1', name: 'Probe account' } },
			},
		],
		connections: {
			'When clicking Execute': { main: [[{ node: 'Probe', type: 'main', index: 0 }]] },
		},
	};
}

function credentials(baseUrl, apiKey = API_KEY) {
	return [
		{
			id: 'probeCredential1',
			name: 'Probe account',
			type: 'e2eProbeApi',
			data: { apiKey, baseUrl },
		},
	];
}

async function step(name, fn) {
	const started = Date.now();
	await fn();
	process.stdout.write(`ok - ${name} (${((Date.now() - started) / 1000).toFixed(1)}s)\n`);
}

async function main() {
	await step('ensure n8n runtime', async () => ensureRuntime());
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-probe-'));
	const tarball = buildAndPack({
		packageDir: createProbePackage(path.join(work, 'pkg')),
		build: false,
		outDir: work,
	});
	const api = await startFakeApi();
	try {
		await step('pack honours `files` and n8n layout', async () => {
			const folder = path.join(work, 'layout');
			const installed = installTarball({ tarball, userFolder: folder });
			assert.equal(
				installed.dir,
				path.join(folder, '.n8n', 'nodes', 'node_modules', 'n8n-nodes-e2e-probe'),
			);
			assert.ok(
				fs.existsSync(path.join(installed.dir, 'dist', 'nodes', 'E2eProbe', 'E2eProbe.node.js')),
			);
			assert.ok(!fs.existsSync(path.join(installed.dir, 'src')), 'src/ must not be shipped');
			const manifest = JSON.parse(
				fs.readFileSync(path.join(folder, '.n8n', 'nodes', 'package.json'), 'utf8'),
			);
			assert.equal(manifest.dependencies['n8n-nodes-e2e-probe'], '0.0.1');
		});

		await step('runWorkflow: credential import + authenticated call + output items', async () => {
			const result = await runWorkflow({
				workflow: probeWorkflow(),
				credentials: credentials(api.baseUrl),
				packages: [tarball],
			});
			assert.equal(result.lastNode, 'Probe');
			assert.deepEqual(result.json, [
				{ message: 'hello e2e', response: { greeting: 'hi from the fake API' }, index: 0 },
			]);
			assert.deepEqual(result.items[0].pairedItem, { item: 0 });
			assert.equal(api.requests.at(-1).apiKey, API_KEY);
		});

		await step('runWorkflow: two runs in parallel do not collide', async () => {
			const [a, b] = await Promise.all(
				['first', 'second'].map((message) =>
					runWorkflow({
						workflow: probeWorkflow({ message }),
						credentials: credentials(api.baseUrl),
						packages: [tarball],
					}),
				),
			);
			assert.equal(a.json[0].message, 'first');
			assert.equal(b.json[0].message, 'second');
		});

		await step('runWorkflow: binary output carries its bytes', async () => {
			const { items } = await runWorkflow({
				workflow: probeWorkflow({ attachBinary: true }),
				credentials: credentials(api.baseUrl),
				packages: [tarball],
			});
			const binary = items[0].binary.data;
			assert.equal(binary.fileName, 'probe.txt');
			assert.equal(binary.mimeType, 'text/plain');
			assert.equal(binary.buffer.toString(), 'probe-bytes-0');
		});

		await step('runWorkflow: a node error rejects with the node message', async () => {
			await assert.rejects(
				runWorkflow({
					workflow: probeWorkflow({ fail: true }),
					credentials: credentials(api.baseUrl),
					packages: [tarball],
				}),
				/Probe asked to fail/,
			);
		});

		await step('runWorkflow: an API 401 rejects; allowError returns the error', async () => {
			const result = await runWorkflow({
				workflow: probeWorkflow(),
				credentials: credentials(api.baseUrl, 'wrong-key'),
				packages: [tarball],
				allowError: true,
			});
			assert.ok(result.error, 'expected an execution error');
			assert.match(JSON.stringify(result.error), /401|Invalid API key|Authorization failed/);
		});

		await step('checkEditorPanels: probe node panel renders', async () => {
			const results = await checkEditorPanels({
				nodeTypes: ['n8n-nodes-e2e-probe.e2eProbe'],
				packages: [tarball],
			});
			assert.equal(results[0].ok, true);
			assert.ok(results[0].parameterCount >= 2, `parameterCount ${results[0].parameterCount}`);
			assert.ok(fs.statSync(results[0].screenshot).size > 1000);
		});

		await step('checkEditorPanels: an unknown node type fails', async () => {
			await assert.rejects(
				checkEditorPanels({ nodeTypes: ['n8n-nodes-e2e-probe.notThere'], packages: [tarball] }),
				/not installed|does not know/,
			);
		});
	} finally {
		api.close();
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	() => process.stdout.write('e2e machinery self-test passed\n'),
	(error) => {
		process.stderr.write(`e2e machinery self-test FAILED: ${error.stack || error.message}\n`);
		process.exit(1);
	},
);
