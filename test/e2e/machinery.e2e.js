'use strict';
// Jest version of the e2e machinery check with the throwaway probe package
// (see selftest.js for the standalone one). Not picked up by the default
// testMatch; run it with:
//   npx jest --testMatch '<rootDir>/test/e2e/*.e2e.js'
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { buildAndPack } = require('../../scripts/pack-into-n8n');
const { createProbePackage } = require('./probe-package');
const { runWorkflow } = require('./run-workflow');
const { checkEditorPanels } = require('./editor-check');
const { ensureRuntime } = require('./n8n-process');

jest.setTimeout(180000);

let work;
let tarball;
let server;
let baseUrl;

beforeAll(
	async () => {
		ensureRuntime(); // first time on a machine: ~7 minutes
		work = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-probe-'));
		tarball = buildAndPack({
			packageDir: createProbePackage(path.join(work, 'pkg')),
			build: false,
			outDir: work,
		});
		server = http.createServer((req, res) => {
			const ok = req.url === '/hello' && req.headers['x-api-key'] === 'k1';
			res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
			res.end(JSON.stringify(ok ? { greeting: 'hi' } : { error: 'nope' }));
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${server.address().port}`;
	},
	20 * 60 * 1000,
);

afterAll(() => {
	if (server) server.close();
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

const workflow = {
	name: 'probe',
	nodes: [
		{
			id: 'a1',
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'a2',
			name: 'Probe',
			type: 'n8n-nodes-e2e-probe.e2eProbe',
			typeVersion: 1,
			position: [200, 0],
			parameters: { message: 'm' },
			credentials: { e2eProbeApi: { id: 'probeCredential1', name: 'Probe' } },
		},
	],
	connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
};

test('runWorkflow returns the output items of a real n8n execution', async () => {
	const { json } = await runWorkflow({
		workflow,
		packages: [tarball],
		credentials: [
			{
				id: 'probeCredential1',
				name: 'Probe',
				type: 'e2eProbeApi',
				data: { apiKey: 'k1', baseUrl },
			},
		],
	});
	expect(json).toEqual([{ message: 'm', response: { greeting: 'hi' }, index: 0 }]);
});

test('checkEditorPanels renders the probe node panel', async () => {
	const [result] = await checkEditorPanels({
		nodeTypes: ['n8n-nodes-e2e-probe.e2eProbe'],
		packages: [tarball],
	});
	expect(result).toMatchObject({ ok: true });
	expect(fs.existsSync(result.screenshot)).toBe(true);
});
