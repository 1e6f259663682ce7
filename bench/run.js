'use strict';
// `npm run bench`: the performance figures of the nodes, measured against the project's fake APIs
// on 127.0.0.1 with server-side delays. Prints a table, writes bench/results.json and
// bench/results.svg. Not part of the tests. See docs/bench.md for what each figure means.
//
//   node bench/run.js                   every case (about 5 minutes)
//   node bench/run.js --only=vo,polls   some cases: vo, polls, memory, items, package, batches,
//                                        queue (n8n queue mode: Redis, PostgreSQL, 2 workers)
//   node bench/run.js --quick           skip the naive sequential VO client (saves ~85 s)
//   node bench/run.js --update-docs     also rewrite the results section of docs/bench.md
//
// A case whose node is not there yet reports "n/a (node missing)" instead of failing.
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const os = require('node:os');

// Everything temporary (the harness's n8n folder and binary store, the package build, the memory
// children's folders) goes under one folder that is removed at the end.
const benchTmp = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-bench-'));
process.env.TMPDIR = benchTmp;

const { table, markdownTable, svgChart } = require('./lib/report');
const { naRow } = require('./lib/rows');

const CASES = {
	vo: {
		title: '1. VO to Images pipeline',
		load: () => require('./cases/voPipeline').voPipelineCase,
	},
	polls: { title: '2. Polling', load: () => require('./cases/polls').pollsCase },
	memory: { title: '3. Memory', load: () => require('./cases/memory').memoryCase },
	items: {
		title: '4. Per-item overhead',
		load: () => require('./cases/itemOverhead').itemOverheadCase,
	},
	package: { title: '5. Package', load: () => require('./cases/pkg').packageCase },
	batches: { title: '6. Batches', load: () => require('./cases/batches').batchesCase },
	queue: { title: '7. Queue mode', load: () => require('./cases/queue').queueCase },
};

const args = process.argv.slice(2);
const only = args
	.find((a) => a.startsWith('--only='))
	?.slice('--only='.length)
	.split(',');
const quick = args.includes('--quick');
const updateDocs = args.includes('--update-docs');

async function runCase(key) {
	const start = performance.now();
	let rows;
	try {
		rows = await CASES[key].load()({ skipNaive: quick });
	} catch (error) {
		rows = [
			naRow(
				{ id: `${key}.error`, figure: CASES[key].title },
				`bench error: ${error.message.split('\n')[0]}`,
			),
		];
	}
	const seconds = (performance.now() - start) / 1000;
	return {
		key,
		title: CASES[key].title,
		seconds,
		rows: rows.map((r) => ({ group: CASES[key].title, ...r })),
	};
}

function updateDocsSection(markdown) {
	const file = path.join(__dirname, '..', 'docs', 'bench.md');
	if (!fs.existsSync(file)) return false;
	const text = fs.readFileSync(file, 'utf8');
	const start = '<!-- bench:results:start -->';
	const end = '<!-- bench:results:end -->';
	if (!text.includes(start) || !text.includes(end)) return false;
	const updated = `${text.slice(0, text.indexOf(start) + start.length)}\n${markdown}\n${text.slice(text.indexOf(end))}`;
	fs.writeFileSync(file, updated);
	return true;
}

/** The cases (and their rows) of bench/results.json that this run does not measure again. */
function earlierResults(keys) {
	try {
		const previous = JSON.parse(fs.readFileSync(path.join(__dirname, 'results.json'), 'utf8'));
		const cases = previous.cases.filter((c) => !keys.includes(c.key));
		const titles = cases.map((c) => c.title);
		return { cases, rows: previous.rows.filter((r) => titles.includes(r.group)) };
	} catch {
		return { cases: [], rows: [] };
	}
}

async function main() {
	const startedAt = new Date();
	const wall = performance.now();
	const keys = Object.keys(CASES).filter((k) => !only || only.includes(k));
	const results = [];
	for (const key of keys) {
		process.stdout.write(`${CASES[key].title} …`);
		const result = await runCase(key);
		results.push(result);
		process.stdout.write(` ${result.seconds.toFixed(1)} s\n`);
	}
	const rows = results.flatMap((r) => r.rows);
	const totalSeconds = (performance.now() - wall) / 1000;
	console.log(`\n${table(rows)}\n\nTotal ${totalSeconds.toFixed(1)} s`);
	const [load] = os.loadavg();
	if (load > os.cpus().length) {
		console.log(
			`Note: load average ${load.toFixed(1)} on ${os.cpus().length} CPUs — other work competed for the CPU; the ms/item figure is the most sensitive to it.`,
		);
	}

	const meta = {
		startedAt: startedAt.toISOString(),
		totalSeconds: Number(totalSeconds.toFixed(1)),
		node: process.version,
		platform: `${process.platform} ${process.arch}, ${os.cpus().length} CPUs`,
		loadAverageAtEnd: os.loadavg().map((l) => Number(l.toFixed(2))),
		args,
	};
	// With --only, the figures of the cases not run stay as the last full run recorded them.
	const earlier = only ? earlierResults(keys) : { cases: [], rows: [] };
	const caseOrder = Object.keys(CASES);
	const cases = [
		...earlier.cases,
		...results.map((r) => ({ key: r.key, title: r.title, seconds: Number(r.seconds.toFixed(1)) })),
	].sort((a, b) => caseOrder.indexOf(a.key) - caseOrder.indexOf(b.key));
	const groupOrder = cases.map((c) => c.title);
	const json = {
		...meta,
		cases,
		rows: [...earlier.rows, ...rows.map(({ raw, ...r }) => ({ ...r, raw }))].sort(
			(a, b) => groupOrder.indexOf(a.group) - groupOrder.indexOf(b.group),
		),
	};
	fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
	fs.writeFileSync(
		path.join(__dirname, 'results.svg'),
		svgChart(json.rows, {
			title: 'n8n-nodes-ai-media benchmark',
			subtitle: `${meta.startedAt.slice(0, 16).replace('T', ' ')} UTC · Node ${meta.node} · ${meta.platform} · fake APIs on 127.0.0.1`,
			referenceGoals: { 'vo.naiveSequential': 1.1 },
		}),
	);
	console.log('Wrote bench/results.json and bench/results.svg');
	if (updateDocs) {
		const markdown = `Latest run: ${meta.startedAt.slice(0, 16).replace('T', ' ')} UTC, Node ${meta.node}, ${meta.platform}, ${meta.totalSeconds} s.\n\n${markdownTable(rows)}`;
		console.log(
			updateDocsSection(markdown)
				? 'Updated docs/bench.md'
				: 'docs/bench.md has no results markers; not updated',
		);
	}
}

main()
	.catch((error) => {
		console.error(error);
		process.exitCode = 1;
	})
	.finally(() => {
		fs.rmSync(benchTmp, { recursive: true, force: true });
		// a node that left a timer or socket behind must not keep the benchmark from ending
		setTimeout(() => process.exit(), 2000).unref();
	});
