'use strict';
// The AI Agent examples (examples/08-… to 12-…), and how the e2e points a copy of one at the fakes:
// pointAtFakes (poll intervals, the fake workspace's VO preset), the media URLs the user names in
// the chat message moved to the fake media host on 127.0.0.1 (which Vidgen may then fetch: the copy
// turns on Allow Private Network URLs unless told not to), tool parameters a scenario changes (a
// small Tool Wait Limit), and a tag on the user message so each scenario's conversation is its own.
const { MEDIA } = require('./examples-fakes');
const { loadExample, pointAtFakes } = require('./examples-rewrite');

const AGENT_EXAMPLES = {
	imageEditor: '08-agent-image-editor.json',
	thumbnails: '09-agent-thumbnail-generator.json',
	voToImages: '10-agent-vo-to-images.json',
	flora: '11-agent-flora.json',
	vidgen: '12-agent-vidgen.json',
};
const AGENT_TYPE = '@n8n/n8n-nodes-langchain.agent';
const CHAT_MODEL_TYPE = '@n8n/n8n-nodes-langchain.lmChatOpenAi';
/** Where the examples' sample media live; the e2e serves the same file names from the fake media host. */
const SAMPLE_MEDIA = /https:\/\/media\.example\.com\/([\w-]+(?:\.[\w-]+)*)/g;

const agentOf = (workflow) => workflow.nodes.find((node) => node.type === AGENT_TYPE);

/**
 * @param {string} file an AGENT_EXAMPLES file
 * @param {object} fakes startExampleFakes()
 * @param {object} [scenario]
 * @param {string} [scenario.tag] appended to the user message: the conversation's own opening
 * @param {Record<string, object>} [scenario.tools] node name → parameters to set on that tool node
 * @param {boolean} [scenario.privateUrls] Vidgen may fetch from 127.0.0.1 (default true)
 * @returns {{ workflow: object, userMessage: string }}
 */
function agentScenario(file, fakes, { tag, tools = {}, privateUrls = true } = {}) {
	const workflow = pointAtFakes(loadExample(file), fakes);
	const agent = agentOf(workflow);
	let text = agent.parameters.text.replace(SAMPLE_MEDIA, (url, name) => (MEDIA[name] ? `${fakes.media.url}/media/${name}` : url));
	if (tag) text = `${text}\n\n(e2e scenario: ${tag})`;
	agent.parameters.text = text;
	for (const node of workflow.nodes) {
		if (node.type.endsWith('.vidgenTool') && node.parameters.operation === 'create' && privateUrls) {
			node.parameters.options = { ...node.parameters.options, allowPrivateNetworkUrls: true };
		}
	}
	for (const [name, parameters] of Object.entries(tools)) {
		const node = workflow.nodes.find((candidate) => candidate.name === name);
		if (!node) throw new Error(`${file} has no node "${name}"`);
		Object.assign(node.parameters, parameters);
	}
	return { workflow, userMessage: text };
}

module.exports = { AGENT_EXAMPLES, AGENT_TYPE, CHAT_MODEL_TYPE, agentOf, agentScenario };
