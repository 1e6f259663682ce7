'use strict';
// The n8n REST calls the rehearsal makes, as the instance owner, in one place: what differs between
// n8n versions (owner setup, sign-in body, manual run body, execution data format) lives here and
// nowhere else. The same calls ran unchanged on n8n 1.123.81, 2.0.3, 2.15.1 and 2.40.7 (owner,
// install, node types, credentials, workflow, manual run, execution, uninstall).
//   const api = n8nApi({ url, n8nDir });
//   await api.setupOwner(); await api.communityPackages.install('n8n-nodes-ai-media');
const crypto = require('node:crypto');
const http = require('node:http');
const path = require('node:path');

const OWNER = Object.freeze({
	email: 'rehearsal-owner@example.com',
	firstName: 'Rehearsal',
	lastName: 'Owner',
	password: 'Rehearsal-Owner-Passw0rd',
});

class RestError extends Error {
	constructor(method, route, status, body) {
		super(`${method} ${route}: HTTP ${status} ${body.slice(0, 1500)}`);
		this.status = status;
		this.body = body;
	}
}

/**
 * n8n's /rest API with the session cookie it sets (owner setup or sign-in). One connection per
 * request (no keep-alive): a reused socket that n8n closes at that moment fails the request.
 */
function restClient(baseUrl) {
	const browserId = crypto.randomUUID();
	let cookie = '';
	return async function rest(method, route, body, { timeoutMs = 10 * 60 * 1000 } = {}) {
		const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
		const { status, headers, text } = await new Promise((resolve, reject) => {
			const request = http.request(
				`${baseUrl}${route}`,
				{
					method,
					agent: false,
					timeout: timeoutMs,
					headers: {
						'content-type': 'application/json',
						'browser-id': browserId,
						...(payload ? { 'content-length': payload.length } : {}),
						...(cookie ? { cookie } : {}),
					},
				},
				(response) => {
					const chunks = [];
					response.on('data', (chunk) => chunks.push(chunk));
					response.on('end', () =>
						resolve({
							status: response.statusCode,
							headers: response.headers,
							text: Buffer.concat(chunks).toString('utf8'),
						}),
					);
					response.on('error', reject);
				},
			);
			request.on('timeout', () =>
				request.destroy(new Error(`${method} ${route}: no answer within ${timeoutMs} ms`)),
			);
			request.on('error', reject);
			request.end(payload);
		});
		const auth = (headers['set-cookie'] ?? []).find((c) => c.startsWith('n8n-auth='));
		if (auth) cookie = auth.split(';')[0];
		if (status < 200 || status >= 300) throw new RestError(method, route, status, text);
		return text ? JSON.parse(text) : undefined;
	};
}

/**
 * The first call after /healthz/readiness: n8n 1.x reports ready before its REST routes are
 * registered (express's 404 for a few seconds), 2.0 answers 503 "Database is not ready!" for a
 * while; both are retried, anything else is an answer.
 */
async function whenRoutesAnswer(call, { timeoutMs = 120000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await call();
		} catch (error) {
			if (
				!(error instanceof RestError) ||
				![404, 503].includes(error.status) ||
				Date.now() > deadline
			)
				throw error;
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}
}

/** Most /rest answers are { data }. */
const data = (answer) =>
	answer && typeof answer === 'object' && 'data' in answer ? answer.data : answer;

/**
 * @param {object} options
 * @param {string} options.url     the instance, e.g. http://127.0.0.1:5678
 * @param {string} options.n8nDir  its install folder (for `flatted`, the execution data format)
 */
function n8nApi({ url, n8nDir }) {
	const rest = restClient(url);
	const flatted = () =>
		require(require.resolve('flatted', { paths: [path.join(n8nDir, 'node_modules', 'n8n')] }));

	const api = {
		rest,
		owner: OWNER,
		/** Creates the owner on a fresh instance and keeps its session. */
		setupOwner: async (owner = OWNER) =>
			data(await whenRoutesAnswer(() => rest('POST', '/rest/owner/setup', owner))),
		/** Signs in, e.g. after a restart of the same user folder (a new process, a new client). */
		signIn: async (owner = OWNER) =>
			data(
				await whenRoutesAnswer(() =>
					rest('POST', '/rest/login', {
						emailOrLdapLoginId: owner.email,
						password: owner.password,
					}),
				),
			),
		/** Every node type description n8n serves its editor (the file it regenerates after an install). */
		nodeTypes: async () => await rest('GET', '/types/nodes.json'),
		communityPackages: {
			/** Settings → Community Nodes → Install. Resolves the InstalledPackages record. */
			install: async (name, version) =>
				data(
					await rest('POST', '/rest/community-packages', version ? { name, version } : { name }),
				),
			list: async () => data(await rest('GET', '/rest/community-packages')),
			/** The Update button (no version: n8n installs `latest`). */
			update: async (name, version) =>
				data(
					await rest('PATCH', '/rest/community-packages', version ? { name, version } : { name }),
				),
			uninstall: async (name) =>
				data(await rest('DELETE', `/rest/community-packages?name=${encodeURIComponent(name)}`)),
		},
		createCredential: async ({ name, type, data: credentialData }) =>
			data(await rest('POST', '/rest/credentials', { name, type, data: credentialData })),
		/** Saves a workflow (inactive); resolves its record with the id n8n gave it. */
		createWorkflow: async (workflow) =>
			data(
				await rest('POST', '/rest/workflows', {
					name: workflow.name,
					nodes: workflow.nodes,
					connections: workflow.connections || {},
					settings: workflow.settings || {},
					pinData: workflow.pinData || {},
					active: false,
				}),
			),
		/**
		 * The editor's "Execute workflow" from a trigger node, for a saved workflow (createWorkflow's
		 * record); resolves the execution id. 2.x reads the saved workflow and only the trigger
		 * (ManualRunDto drops other keys); 1.x runs the workflowData the editor sends.
		 */
		runManually: async (workflow, triggerName) => {
			const body = { workflowData: workflow, triggerToStartFrom: { name: triggerName } };
			const answer = data(await rest('POST', `/rest/workflows/${workflow.id}/run`, body));
			if (!answer?.executionId)
				throw new Error(`n8n did not start an execution: ${JSON.stringify(answer)}`);
			return answer.executionId;
		},
		/** One execution with its run data parsed (IRunExecutionData). */
		execution: async (id) => {
			const record = data(await rest('GET', `/rest/executions/${id}`));
			const runData = typeof record.data === 'string' ? flatted().parse(record.data) : record.data;
			return { ...record, data: runData };
		},
	};
	return api;
}

module.exports = { n8nApi, restClient, RestError, OWNER };
