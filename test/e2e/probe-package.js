'use strict';
// A tiny community package, n8n-nodes-e2e-probe, written into a temp dir: one
// node and one credential as plain JS in dist/, like a built package. It
// proves the e2e machinery (install as a community package, credential import
// and decryption, authenticated HTTP to 127.0.0.1, output parsing, editor
// panel) independently of this repo's own nodes.
const fs = require('node:fs');
const path = require('node:path');

const NODE_SOURCE = `'use strict';
const { NodeConnectionTypes, NodeOperationError } = require('n8n-workflow');

class E2eProbe {
	constructor() {
		this.description = {
			displayName: 'E2E Probe',
			name: 'e2eProbe',
			icon: 'file:probe.svg',
			group: ['transform'],
			version: 1,
			subtitle: '={{$parameter["message"]}}',
			description: 'Calls GET {baseUrl}/hello with the credential and echoes the message',
			defaults: { name: 'E2E Probe' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			usableAsTool: true,
			credentials: [{ name: 'e2eProbeApi', required: true }],
			properties: [
				{ displayName: 'Message', name: 'message', type: 'string', default: 'hello' },
				{ displayName: 'Fail', name: 'fail', type: 'boolean', default: false },
				{ displayName: 'Attach Binary', name: 'attachBinary', type: 'boolean', default: false },
			],
		};
	}

	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('e2eProbeApi');
		const out = [];
		for (let i = 0; i < items.length; i++) {
			if (this.getNodeParameter('fail', i)) {
				throw new NodeOperationError(this.getNode(), 'Probe asked to fail', { itemIndex: i });
			}
			const response = await this.helpers.httpRequestWithAuthentication.call(this, 'e2eProbeApi', {
				method: 'GET',
				url: credentials.baseUrl + '/hello',
				json: true,
			});
			const item = {
				json: { message: this.getNodeParameter('message', i), response, index: i },
				pairedItem: { item: i },
			};
			if (this.getNodeParameter('attachBinary', i)) {
				const bytes = Buffer.from('probe-bytes-' + i);
				item.binary = { data: await this.helpers.prepareBinaryData(bytes, 'probe.txt', 'text/plain') };
			}
			out.push(item);
		}
		return [out];
	}
}

module.exports = { E2eProbe };
`;

const CREDENTIAL_SOURCE = `'use strict';
class E2eProbeApi {
	constructor() {
		this.name = 'e2eProbeApi';
		this.displayName = 'E2E Probe API';
		this.properties = [
			{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '' },
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1' },
		];
		this.authenticate = {
			type: 'generic',
			properties: { headers: { 'X-Api-Key': '={{$credentials.apiKey}}' } },
		};
	}
}
module.exports = { E2eProbeApi };
`;

const ICON =
	'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><circle cx="12" cy="12" r="10" fill="#7b61ff"/></svg>\n';

const PACKAGE_JSON = {
	name: 'n8n-nodes-e2e-probe',
	version: '0.0.1',
	description: 'Throwaway probe package for the e2e machinery',
	license: 'MIT',
	keywords: ['n8n-community-node-package'],
	main: 'index.js',
	files: ['dist'],
	n8n: {
		n8nNodesApiVersion: 1,
		strict: true,
		credentials: ['dist/credentials/E2eProbeApi.credentials.js'],
		nodes: ['dist/nodes/E2eProbe/E2eProbe.node.js'],
	},
	peerDependencies: { 'n8n-workflow': '*' },
};

/** Writes the probe package into dir and returns dir. */
function createProbePackage(dir) {
	const write = (rel, content) => {
		const file = path.join(dir, rel);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, content);
	};
	write('package.json', JSON.stringify(PACKAGE_JSON, null, 2));
	write('index.js', '');
	write('dist/nodes/E2eProbe/E2eProbe.node.js', NODE_SOURCE);
	write('dist/nodes/E2eProbe/probe.svg', ICON);
	write('dist/credentials/E2eProbeApi.credentials.js', CREDENTIAL_SOURCE);
	// Not in `files`: must NOT end up in n8n (checks that packing honours `files`).
	write('src/not-shipped.txt', 'source only\n');
	return dir;
}

module.exports = { createProbePackage, PROBE_PACKAGE_NAME: PACKAGE_JSON.name };
