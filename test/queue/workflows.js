'use strict';
// The workflows the queue-mode tests publish, built from the example workflows' own nodes (so
// they use the parameters a user sees), started by a Webhook node so the webhook process queues
// them for the workers, and pointed at the fakes.
const crypto = require('node:crypto');
const { PACKAGE, loadExample, pointAtFakes } = require('../e2e/examples-rewrite');

const POLL_SECONDS = 0.2;

function exampleNode(file, type, fakes) {
	const node = pointAtFakes(loadExample(file), fakes).nodes.find((n) => n.type === type);
	if (!node) throw new Error(`${file} has no ${type} node`);
	return structuredClone(node);
}

function withCredential(node, type, credential) {
	return { ...node, credentials: { [type]: credential } };
}

function webhookTrigger(path) {
	return {
		id: crypto.randomUUID(),
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
}

function chain(nodes) {
	const connections = {};
	nodes.forEach((node, index) => {
		node.position = [index * 220, 0];
		node.id = node.id ?? crypto.randomUUID();
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { nodes, connections };
}

/** POST {items: [{tag}, {tag}]} → one item per tag → Image Editor generate → FLORA run with wait. */
function imageThenFlora(path, fakes, credentials) {
	const split = {
		name: 'One item per tag',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		parameters: { fieldToSplitOut: 'body.items', include: 'noOtherFields', options: {} },
	};
	const generate = withCredential(
		exampleNode('01-image-editor-generate-then-edit.json', `${PACKAGE}.flokanImageEditor`, fakes),
		'flokanApi',
		credentials.flokan,
	);
	generate.name = 'Generate image';
	generate.parameters.prompt = '=A red lighthouse, variant {{ $json.tag }}';
	const flora = withCredential(exampleNode('04-flora-studio-shot.json', `${PACKAGE}.flora`, fakes), 'floraApi', credentials.flora);
	flora.parameters.inputs.value.background = "={{ $('One item per tag').item.json.tag }}";
	flora.parameters.downloadOutputs = false;
	flora.parameters.options = { ...flora.parameters.options, pollIntervalSeconds: POLL_SECONDS };
	return { name: `Queue: image then FLORA (${path})`, ...chain([webhookTrigger(path), split, generate, flora]) };
}

/** POST {title} → VO to Images: Run Pipeline and Wait on a new project. */
function voPipeline(path, fakes, credentials) {
	const run = withCredential(
		exampleNode('03-vo-to-images-run-pipeline.json', `${PACKAGE}.flokanVoToImages`, fakes),
		'flokanApi',
		credentials.flokan,
	);
	run.parameters.title = '={{ $json.body.title }}';
	run.parameters.pollIntervalSeconds = POLL_SECONDS;
	return { name: `Queue: VO pipeline (${path})`, ...chain([webhookTrigger(path), run]) };
}

/** POST {} → FLORA run with wait (the stop test makes the run take minutes). */
function floraWait(path, fakes, credentials) {
	const flora = withCredential(exampleNode('04-flora-studio-shot.json', `${PACKAGE}.flora`, fakes), 'floraApi', credentials.flora);
	flora.parameters.downloadOutputs = false;
	flora.parameters.options = { ...flora.parameters.options, pollIntervalSeconds: POLL_SECONDS };
	return { name: `Queue: FLORA wait (${path})`, ...chain([webhookTrigger(path), flora]) };
}

/** POST {} → download image and audio → Vidgen create job, Resume on Webhook Callback. */
function vidgenCallbackWait(path, fakes, credentials) {
	const example = pointAtFakes(loadExample('05-vidgen-image-and-audio-to-video.json'), fakes);
	const trigger = webhookTrigger(path);
	const manual = example.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	const nodes = example.nodes
		.filter((n) => n !== manual && n.type !== 'n8n-nodes-base.stickyNote')
		.map((n) => (n.type === `${PACKAGE}.vidgen` ? withCredential(n, 'vidgenApi', credentials.vidgen) : n));
	const create = nodes.find((n) => n.type === `${PACKAGE}.vidgen`);
	Object.assign(create.parameters, { waitUntilDone: true, waitMode: 'webhook', maxWaitSeconds: 3600, downloadVideo: false });
	const connections = { ...example.connections, [trigger.name]: example.connections[manual.name] };
	delete connections[manual.name];
	return { name: `Queue: Vidgen callback wait (${path})`, nodes: [trigger, ...nodes], connections };
}

/** Vidgen Trigger → Set: one execution per accepted callback; also its production webhook path. */
function vidgenTrigger(fakes, credentials) {
	const example = loadExample('06-vidgen-trigger-on-callback.json');
	const trigger = withCredential(
		example.nodes.find((n) => n.type === `${PACKAGE}.vidgenTrigger`),
		'vidgenApi',
		credentials.vidgen,
	);
	trigger.webhookId = crypto.randomUUID();
	const result = example.nodes.find((n) => n.name === 'Job result');
	return { workflow: { name: 'Queue: Vidgen Trigger', ...chain([trigger, result]) }, path: `/webhook/${trigger.webhookId}/vidgen` };
}

module.exports = { imageThenFlora, voPipeline, floraWait, vidgenCallbackWait, vidgenTrigger, POLL_SECONDS };
