'use strict';
// Talks to a queue-mode n8n started by scripts/queue/cluster.js: its REST API on main (owner
// account, credentials, workflows, executions) and plain calls to webhook URLs, over http or
// https with the cluster's self-signed certificate trusted (and nothing else).
const crypto = require('node:crypto');
const http = require('node:http');
const https = require('node:https');
const { parseExecutionData } = require('../e2e/examples-server');
const { until: untilTruthy } = require('../e2e/until');

const OWNER = Object.freeze({
	email: 'queue-owner@example.com',
	firstName: 'Queue',
	lastName: 'Owner',
	password: 'Queue-Owner-Passw0rd',
});

/** One HTTP(S) request; resolves { status, headers, text, json() } and never rejects on a status. */
function request(method, url, { headers = {}, body, ca } = {}) {
	const lib = url.startsWith('https:') ? https : http;
	const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = lib.request(
			url,
			{
				method,
				ca,
				headers: {
					...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
					...headers,
				},
				timeout: 60000,
			},
			(res) => {
				const chunks = [];
				res.on('data', (chunk) => chunks.push(chunk));
				res.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					resolve({ status: res.statusCode, headers: res.headers, text, json: () => JSON.parse(text) });
				});
			},
		);
		req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer in 60 s`)));
		req.on('error', reject);
		if (payload !== undefined) req.write(payload);
		req.end();
	});
}

/** Cookie-keeping client for main's /rest API, logged in as the owner. */
async function ownerClient(mainUrl, { ca } = {}) {
	const browserId = crypto.randomUUID();
	let cookie = '';
	async function rest(method, route, body) {
		const response = await request(method, `${mainUrl}/rest${route}`, {
			headers: { 'browser-id': browserId, ...(cookie ? { cookie } : {}) },
			body,
			ca,
		});
		const auth = [].concat(response.headers['set-cookie'] ?? []).find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		if (response.status >= 300) throw new Error(`${method} /rest${route}: HTTP ${response.status} ${response.text.slice(0, 500)}`);
		return response.text ? response.json().data : undefined;
	}
	const setup = await request('POST', `${mainUrl}/rest/owner/setup`, { body: OWNER, ca, headers: { 'browser-id': browserId } });
	if (setup.status >= 300) {
		// already set up (a second client): log in instead
		await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	} else {
		cookie = [].concat(setup.headers['set-cookie'] ?? []).find((c) => c.startsWith('n8n-auth=')).split(';')[0];
	}

	return {
		rest,
		/** Logs in again (after main restarted, the cookie still works; this is for a new main). */
		async relogin() {
			await rest('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		},
		async createCredential({ name, type, data }) {
			const { id } = await rest('POST', '/credentials', { name, type, data });
			return { id, name };
		},
		/** Creates the workflow and publishes (activates) it; resolves its id. */
		async createActiveWorkflow(workflow) {
			const created = await rest('POST', '/workflows', { settings: { executionOrder: 'v1' }, ...workflow });
			await rest('POST', `/workflows/${created.id}/activate`, { versionId: created.versionId });
			return created.id;
		},
		/** The workflow's executions (newest first): [{ id, status, mode, finished, startedAt, stoppedAt, waitTill }]. */
		async executions(workflowId) {
			const filter = encodeURIComponent(JSON.stringify({ workflowId }));
			const body = await rest('GET', `/executions?filter=${filter}&limit=200`);
			return body.results;
		},
		/** One execution with its run data (IRunExecutionData). */
		async execution(id) {
			const body = await rest('GET', `/executions/${id}`);
			return { ...body, data: parseExecutionData(body.data) };
		},
		async stop(id) {
			return await rest('POST', `/executions/${id}/stop`);
		},
	};
}


/** Polls `check` until it returns a truthy value; queue-mode steps get two minutes by default. */
const until = (check, options) => untilTruthy(check, { timeoutMs: 120000, stepMs: 200, ...options });

module.exports = { request, ownerClient, until, OWNER };
