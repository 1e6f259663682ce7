'use strict';
// Calls a node's webhook() through n8n-core's real WebhookContext, with small express-like
// request/response stand-ins, then answers the request the way n8n's webhook helpers do.
const { NodeHelpers, isNodeClassInstance } = require('n8n-workflow');
const { core } = require('./engine');

/** The subset of an express Request that WebhookContext and nodes read. */
function createRequest({ method = 'POST', headers = {}, body = {}, rawBody, query = {}, params = {}, path = '/' } = {}) {
	const lowerHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
	const search = new URLSearchParams(query).toString();
	return {
		method: method.toUpperCase(),
		headers: lowerHeaders,
		body,
		rawBody: rawBody ?? (body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body))),
		query,
		params,
		path,
		url: search ? `${path}?${search}` : path,
		contentType: lowerHeaders['content-type']?.split(';')[0],
		get: (name) => lowerHeaders[name.toLowerCase()],
		header: (name) => lowerHeaders[name.toLowerCase()],
	};
}

/** An express-like Response that records what the node writes. */
function createResponse() {
	const res = {
		statusCode: 200,
		headers: {},
		body: undefined,
		headersSent: false,
		finished: false,
		status(code) {
			res.statusCode = code;
			return res;
		},
		sendStatus(code) {
			return res.status(code).end();
		},
		setHeader(name, value) {
			res.headers[name.toLowerCase()] = value;
			return res;
		},
		getHeader: (name) => res.headers[name.toLowerCase()],
		header(name, value) {
			if (typeof name === 'object') {
				for (const [key, headerValue] of Object.entries(name)) res.setHeader(key, headerValue);
				return res;
			}
			return res.setHeader(name, value);
		},
		set(name, value) {
			return res.header(name, value);
		},
		writeHead(code, headers = {}) {
			res.status(code).header(headers);
			res.headersSent = true;
			return res;
		},
		write(chunk) {
			res.body = res.body === undefined ? chunk : Buffer.concat([Buffer.from(res.body), Buffer.from(chunk)]);
			res.headersSent = true;
			return true;
		},
		json(body) {
			if (!res.getHeader('content-type')) res.setHeader('content-type', 'application/json');
			return res.end(body);
		},
		send(body) {
			return res.end(body);
		},
		end(body) {
			if (body !== undefined) res.body = body;
			res.headersSent = true;
			res.finished = true;
			return res;
		},
		on: () => res,
		once: () => res,
	};
	return res;
}

/** Finds the webhook description and resolves its method/path like WebhookService.getNodeWebhooks. */
function getWebhookData(workflow, node, additionalData, { webhookName = 'default', restartWebhook } = {}) {
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const descriptions = (nodeType.description.webhooks ?? []).filter(
		(description) =>
			description.name === webhookName &&
			(restartWebhook === undefined || Boolean(description.restartWebhook) === restartWebhook),
	);
	if (descriptions.length === 0) {
		throw new Error(
			`harness: node "${node.name}" has no webhook named "${webhookName}"${restartWebhook ? ' with restartWebhook: true' : ''}`,
		);
	}
	const webhookDescription = descriptions[0];
	const resolve = (value, fallback) => workflow.expression.getSimpleParameterValue(node, value, 'internal', {}, undefined, fallback);
	const path = String(resolve(webhookDescription.path, '') ?? '').replace(/^\/|\/$/g, '');
	return {
		httpMethods: String(resolve(webhookDescription.httpMethod, 'GET')).split(',').map((m) => m.trim()),
		webhookData: {
			httpMethod: String(resolve(webhookDescription.httpMethod, 'GET')).split(',')[0].trim(),
			node: node.name,
			path: NodeHelpers.getNodeWebhookPath(
				workflow.id,
				node,
				path,
				resolve(webhookDescription.isFullPath, false),
				resolve(webhookDescription.restartWebhook, false),
			),
			webhookDescription,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: node.webhookId,
		},
	};
}

/**
 * Runs node.webhook() and works out the HTTP answer as n8n's webhook-helpers do:
 *  - webhook() throws        → 500 "Workflow Webhook Error: Workflow could not be started!"
 *  - noWebhookResponse: true → whatever the node wrote to the response object
 *  - no workflowData         → responseCode + (webhookResponse ?? { message: 'Webhook call received' })
 *  - workflowData            → responseMode 'onReceived': the webhook description's responseData (n8n's
 *                              default is the literal text 'firstEntryJson'; 'noData' → no body), else
 *                              webhookResponse, else { message: 'Workflow was started' }
 *                              (n8n 2.40 webhook-on-received-response-extractor)
 * @returns {{ response, webhookResponse, webhookError }}
 */
async function callWebhook({ workflow, node, additionalData, mode, runExecutionData = null, request, webhookName, restartWebhook }) {
	const { webhookData, httpMethods } = getWebhookData(workflow, node, additionalData, { webhookName, restartWebhook });
	const req = createRequest(request);
	const res = createResponse();
	if (!httpMethods.includes(req.method)) {
		const body = { message: `The requested webhook "${req.method} ${webhookData.path}" is not registered.` };
		return { response: { statusCode: 404, body, headers: {} }, webhookResponse: undefined, webhookError: undefined };
	}
	const webhookAdditionalData = { ...additionalData, httpRequest: req, httpResponse: res };
	const context = new core.WebhookContext(workflow, node, webhookAdditionalData, mode, webhookData, [], runExecutionData);
	const nodeType = workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);

	let webhookResponse;
	try {
		webhookResponse = await workflow.expression.withIsolate(async () =>
			isNodeClassInstance(nodeType) ? await nodeType.webhook(context) : await nodeType.webhook.call(context),
		);
	} catch (webhookError) {
		const body = { message: 'Workflow Webhook Error: Workflow could not be started!' };
		return { response: { statusCode: 500, body, headers: res.headers }, webhookResponse: undefined, webhookError };
	}

	const responseCode = workflow.expression.getSimpleParameterValue(node, webhookData.webhookDescription.responseCode, mode, {}, undefined, 200);
	let response;
	if (webhookResponse?.noWebhookResponse === true) {
		response = { statusCode: res.statusCode, body: res.body, headers: res.headers };
	} else if (webhookResponse?.workflowData === undefined) {
		response = { statusCode: responseCode, body: webhookResponse?.webhookResponse ?? { message: 'Webhook call received' }, headers: res.headers };
	} else {
		const responseData = workflow.expression.getComplexParameterValue(node, webhookData.webhookDescription.responseData, mode, {}, undefined, 'firstEntryJson');
		const body = responseData === 'noData' ? undefined : responseData || (webhookResponse.webhookResponse ?? { message: 'Workflow was started' });
		response = { statusCode: responseCode, body, headers: res.headers };
	}
	return { response, webhookResponse, webhookError: undefined };
}

module.exports = { callWebhook, createRequest, createResponse };
