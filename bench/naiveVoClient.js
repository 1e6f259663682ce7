'use strict';
// The naive way to drive the VO to Images pipeline: plain fetch calls, one after another, exactly
// as the API page's flow lists them (no fan-out for the prompts calls). Used by the benchmark as the
// baseline the node's Run Pipeline and Wait is compared with.
const { setTimeout: sleep } = require('node:timers/promises');

const BASE = '/api/v1/vo-to-images';

async function call(baseUrl, apiKey, method, path, body) {
	const response = await fetch(`${baseUrl}${BASE}${path}`, {
		method,
		headers: {
			Authorization: `Bearer ${apiKey}`,
			...(body ? { 'Content-Type': 'application/json' } : {}),
		},
		body: body ? JSON.stringify(body) : undefined,
	});
	const json = await response.json();
	if (!response.ok || json.success === false)
		throw new Error(`${method} ${path}: HTTP ${response.status} ${json.error ?? ''}`);
	return json.data;
}

/**
 * create project → set audio → auto-run → prompts for each segment (sequentially) → finalize →
 * poll auto-status every pollIntervalMs until is_done → read the project (all sentence pages).
 */
async function runNaivePipeline({ baseUrl, apiKey, audioUrl, artStyleId, pollIntervalMs }) {
	const project = await call(baseUrl, apiKey, 'POST', '/projects', {
		title: 'Naive benchmark client',
		art_style_id: artStyleId,
		detect_characters: false,
	});
	await call(baseUrl, apiKey, 'POST', `/projects/${project.id}/audio`, { audio_url: audioUrl });
	const prep = await call(baseUrl, apiKey, 'POST', `/projects/${project.id}/auto-run`);
	for (const segmentId of prep.segment_ids) {
		await call(
			baseUrl,
			apiKey,
			'POST',
			`/projects/${project.id}/segments/${segmentId}/prompts`,
			{},
		);
	}
	await call(baseUrl, apiKey, 'POST', `/projects/${project.id}/finalize`);
	let polls = 0;
	for (;;) {
		polls += 1;
		const status = await call(baseUrl, apiKey, 'GET', `/projects/${project.id}/auto-status`);
		if (status.is_done) break;
		await sleep(pollIntervalMs);
	}
	const sentences = [];
	for (let offset = 0; ; ) {
		const page = await call(
			baseUrl,
			apiKey,
			'GET',
			`/projects/${project.id}?sentences_offset=${offset}&sentences_limit=300`,
		);
		sentences.push(...page.sentences);
		if (!page.has_more_sentences) break;
		offset += page.sentences.length;
	}
	return { projectId: project.id, polls, sentences: sentences.length };
}

module.exports = { runNaivePipeline };
