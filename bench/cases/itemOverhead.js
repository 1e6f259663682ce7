'use strict';
// Figure 4: per-item cost of the node on a synchronous operation. 1,000 items go through Image
// Editor Job → Get (one GET /jobs/:jobId each) against the fake; the same 1,000 GETs are made with
// plain fetch (sequential, keep-alive, JSON parsed), as the node makes them one after another.
// Overhead per item = (node execute() time − raw time) ÷ 1,000. Both get a warm-up round first, then
// ROUNDS interleaved rounds each; the best round of each is compared (the machine may be busy with
// other work, which only ever adds time).
const { performance } = require('node:perf_hooks');
const { repoPath } = require('../lib/tsRequire');
const { loadNode, credentialTypesFor } = require('../lib/nodes');
const { timedRun, runProblem } = require('../lib/harnessRun');
const { row, naRow, ms } = require('../lib/rows');

const ITEMS = 1000;
const WARM_UP_ITEMS = 100;
const ROUNDS = 3;
const ROW = {
	id: 'items.overheadPerItem',
	figure: `Image Editor Job → Get, ${ITEMS} items: node overhead per item`,
	unit: 'ms',
	goal: 2,
	goalText: '≤ 2 ms/item',
};

/** The least disturbed round: other work on the machine only ever adds time. */
const best = (values) => Math.min(...values);

/** CPU time (user + system, ms) this process spent since `since` (a process.cpuUsage() value). */
const cpuMsSince = (since) => {
	const { user, system } = process.cpuUsage(since);
	return (user + system) / 1000;
};

async function rawCalls(server, jobIds) {
	const cpu = process.cpuUsage();
	const start = performance.now();
	for (const id of jobIds) {
		const response = await fetch(
			`${server.url}/api/v1/image-editor/jobs/${encodeURIComponent(id)}`,
			{
				headers: { Authorization: `Bearer ${server.apiKey}`, Accept: 'application/json' },
			},
		);
		const body = await response.json();
		if (!body.success) throw new Error(`raw GET failed: ${response.status}`);
	}
	return { wallMs: performance.now() - start, cpuMs: cpuMsSince(cpu) };
}

async function nodeRun(loaded, credentials, server, jobIds) {
	const cpu = process.cpuUsage();
	const run = await timedRun(loaded.NodeClass, {
		credentials: { flokanApi: { apiKey: server.apiKey, baseUrl: server.url } },
		credentialTypes: credentials.classes,
		parameters: {
			resource: 'job',
			operation: 'get',
			jobId: { __rl: true, mode: 'id', value: '={{ $json.jobId }}' },
		},
		items: jobIds.map((jobId) => ({ json: { jobId } })),
	});
	const problem = runProblem(run.result);
	if (problem) throw new Error(problem);
	if (run.result.items.length !== jobIds.length)
		throw new Error(`expected ${jobIds.length} output items, got ${run.result.items.length}`);
	return { ...run, cpuMs: cpuMsSince(cpu) };
}

async function itemOverheadCase() {
	const loaded = loadNode('FlokanImageEditor');
	if (!loaded.ok) return [naRow(ROW, loaded.reason)];
	const credentials = credentialTypesFor(loaded);
	if (!credentials.ok) return [naRow(ROW, credentials.reason)];
	const { startFlokanFake } = require(repoPath('test', 'fakes', 'flokan'));
	const server = await startFlokanFake({ rateLimitPerMinute: 1_000_000 });
	try {
		const jobIds = server.state.imageEditor.seedJobs(ITEMS).map((job) => job.job_id);
		const warm = jobIds.slice(0, WARM_UP_ITEMS);
		await rawCalls(server, warm);
		await nodeRun(loaded, credentials, server, warm);

		const raws = [];
		const runs = [];
		let requests;
		for (let round = 0; round < ROUNDS; round++) {
			raws.push(await rawCalls(server, jobIds));
			server.clearLog();
			runs.push(await nodeRun(loaded, credentials, server, jobIds));
			requests = server.requests('GET').length;
		}
		const rawMs = best(raws.map((r) => r.wallMs));
		const rawCpuMs = best(raws.map((r) => r.cpuMs));
		const nodeCpuMs = best(runs.map((r) => r.cpuMs));
		const executeMs = best(runs.map((r) => r.executeMs));
		const totalMs = best(runs.map((r) => r.totalMs));
		const overhead = (executeMs - rawMs) / ITEMS;
		return [
			row({
				...ROW,
				value: overhead,
				pass: overhead <= ROW.goal,
				detail: `best of ${ROUNDS}: node execute() ${ms(executeMs)} (${(executeMs / ITEMS).toFixed(2)} ms/item; whole engine run ${ms(totalMs)}) vs raw fetch ${ms(rawMs)} (${(rawMs / ITEMS).toFixed(2)} ms/item); ${requests} requests per node run; CPU time (this process, fake included) ${((nodeCpuMs - rawCpuMs) / ITEMS).toFixed(2)} ms/item more than raw`,
				raw: {
					executeMs,
					totalMs,
					rawMs,
					rawCpuMs,
					nodeCpuMs,
					requests,
					rounds: { raw: raws, node: runs.map((r) => ({ wallMs: r.executeMs, cpuMs: r.cpuMs })) },
				},
			}),
		];
	} catch (error) {
		return [
			naRow(
				ROW,
				error.message.startsWith('node run') ? error.message : `bench error: ${error.message}`,
			),
		];
	} finally {
		await server.close();
	}
}

module.exports = { itemOverheadCase, ITEMS };
