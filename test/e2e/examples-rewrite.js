'use strict';
// Turns an example workflow into a copy that runs against the fakes: HTTP
// Request downloads go to the fake media host, the VO preset is one of the fake
// workspace's (presets belong to a workspace), and waiting nodes poll every
// few milliseconds instead of every few seconds. Nothing else changes: the
// credentials stay referenced by the examples' fixed ids (the imported
// credentials carry the fakes' base URLs), FLORA media URLs keep their allowed
// hosts (the node checks the URL, the fake never fetches it), and the VO audio
// URL stays as it is (the fake only checks that it is an HTTP(S) URL).
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { EXAMPLES_DIR } = require('./examples-fakes');

const PACKAGE = 'n8n-nodes-ai-media';
const FAST_POLL_SECONDS = 0.05;

/** The example workflows 01–07 by what they show (the AI Agent ones: agent-examples.js). */
const EXAMPLES = {
	imageEditor: '01-image-editor-generate-then-edit.json',
	thumbnails: '02-thumbnail-search-and-generate.json',
	voToImages: '03-vo-to-images-run-pipeline.json',
	flora: '04-flora-studio-shot.json',
	vidgen: '05-vidgen-image-and-audio-to-video.json',
	vidgenTrigger: '06-vidgen-trigger-on-callback.json',
	imageEditorBatch: '07-image-editor-batch-of-10.json',
};

function loadExample(fileName) {
	return JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, fileName), 'utf8'));
}

/** Where each HTTP Request node's download goes, by the binary field it fills. */
function mediaUrlFor(node, media) {
	const field = node.parameters?.options?.response?.response?.outputPropertyName;
	if (field === 'image') return media.imageUrl;
	if (field === 'audio') return media.audioUrl;
	throw new Error(`example node "${node.name}" downloads into "${field}"; the e2e has no media for it`);
}

/** A node's type without the `Tool` suffix of its AI Agent tool variant (…floraTool → …flora). */
const baseType = (type) => type.replace(/Tool$/, '');

function fastPolling(node) {
	const parameters = node.parameters;
	switch (baseType(node.type)) {
		case `${PACKAGE}.flokanVoToImages`:
		case `${PACKAGE}.vidgen`:
			parameters.pollIntervalSeconds = FAST_POLL_SECONDS;
			break;
		case `${PACKAGE}.flora`:
			parameters.options = { ...parameters.options, pollIntervalSeconds: FAST_POLL_SECONDS };
			break;
		default:
	}
}

/** A deep copy of the workflow, pointed at the fakes. */
function pointAtFakes(workflow, fakes) {
	const copy = structuredClone(workflow);
	for (const node of copy.nodes) {
		if (node.type === 'n8n-nodes-base.httpRequest') node.parameters.url = mediaUrlFor(node, fakes.media);
		if (baseType(node.type) === `${PACKAGE}.flokanVoToImages` && node.parameters.presetId?.value) {
			node.parameters.presetId = { ...node.parameters.presetId, value: fakes.voPresetId };
		}
		fastPolling(node);
	}
	return copy;
}

/** Writes the workflow to a new temp file and returns its path. */
function writeTempCopy(workflow, fileName) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-example-'));
	const file = path.join(dir, fileName);
	fs.writeFileSync(file, JSON.stringify(workflow, null, 2));
	return file;
}

module.exports = { PACKAGE, EXAMPLES, FAST_POLL_SECONDS, loadExample, pointAtFakes, writeTempCopy };
