'use strict';
// The compatibility record (docs/compatibility.json, written by `npm run test:compat`) and the page
// generated from it (docs/compatibility.md): the supported range, then a table feature × n8n
// version with what each check measured there, and what differs between versions.
//   mergeRecord(readRecord(), run) → record;  renderDoc(record) → markdown
const fs = require('node:fs');
const path = require('node:path');
const { MATRIX } = require('../n8n-env');

const DOCS = path.join(__dirname, '..', '..', 'docs');
const RECORD_FILE = path.join(DOCS, 'compatibility.json');
const DOC_FILE = path.join(DOCS, 'compatibility.md');

/**
 * The lowest n8n that loads the package: read in n8n-workflow and measured with
 * scripts/compat/load-package.js (docs/compatibility-notes.md), not by this run, which only
 * covers the matrix.
 */
const LOADABLE_FROM = Object.freeze({
	n8n: '1.85',
	n8nWorkflow: '1.83.0',
	lastFailing: 'n8n 1.84 (n8n-workflow 1.82)',
});

/** The table's rows: check name → what it shows, and a short cell from what it measured. */
const ROWS = [
	{
		check: 'install',
		label: "Installed by n8n's own installer (POST /rest/community-packages)",
		cell: (m) => `${m.nodesOffered?.length} nodes + ${m.toolsOffered?.length} tools offered`,
	},
	{
		check: 'n8nWorkflow',
		label: "Runs against n8n's own n8n-workflow",
		cell: (m, v) => `its own ${v.n8nWorkflow}, no 2nd copy (${m.loads} loads)`,
	},
	{
		check: 'example.imageEditor',
		label: 'Example 01: Image Editor generate → edit',
		cell: () => 'success',
	},
	{ check: 'example.thumbnails', label: 'Example 02: Thumbnail Generator', cell: () => 'success' },
	{
		check: 'example.voToImages',
		label: 'Example 03: VO to Images pipeline',
		cell: () => 'success',
	},
	{ check: 'example.flora', label: 'Example 04: FLORA Studio Shot', cell: () => 'success' },
	{ check: 'example.vidgen', label: 'Example 05: Vidgen (polling)', cell: () => 'success' },
	{
		check: 'example.vidgenTrigger',
		label: 'Example 06: Vidgen Trigger (active workflow, signed callback)',
		cell: (m) => `signed ${m.signedCallback}, forged ${m.forgedCallback}`,
	},
	{
		check: 'example.imageEditorBatch',
		label: 'Example 07: Image Editor, 10 items',
		cell: (m) => `success, ${m.peakInFlight} in flight`,
	},
	...['imageEditor', 'thumbnails', 'voToImages', 'flora', 'vidgen'].map((key, index) => ({
		check: `agent.${key}`,
		label: `Example ${String(8 + index).padStart(2, '0')}: AI Agent + ${['Image Editor', 'Thumbnail Generator', 'VO to Images', 'FLORA', 'Vidgen'][index]} tool`,
		cell: (m) => agentCell(m.agentVersion),
	})),
	{
		check: 'agent.toolError',
		label: 'AI Agent: a tool call with bad input (empty Prompt), then a good one',
		cell: (m) =>
			m.errorGoesTo === 'the model'
				? "the node's message reached the model; the corrected call worked"
				: "the node's message ended the run (the model never saw it)",
	},
	{
		check: 'agent.toolErrorContinued',
		label: '… the same with the tool node set to On Error → Continue',
		cell: () => "the node's message reached the model; the corrected call worked",
	},
	{
		check: 'stop',
		label: 'Stop during a 60 s poll interval',
		cell: (m) =>
			`ended ${m.msFromStopToRemoteCancel} ms after the stop, ${m.pollsAfterStop} polls after`,
	},
	{
		check: 'webhookResume',
		label: 'Vidgen Resume on Webhook Callback',
		cell: () => 'waiting → other job 400 → resumed, success',
	},
];

/** Measurements that describe a version rather than pass or fail. */
const FACTS = [
	{
		label: "`$execution.customData.get('vidgenJobId')` in a later node's expression",
		value: (v) => readCell(v, 'expression'),
	},
	{ label: '… in a later Code node', value: (v) => readCell(v, 'codeNode') },
	{
		label: 'Default expression engine (`N8N_EXPRESSION_ENGINE`)',
		value: (v) => (v.expressionEngine ? `\`${v.expressionEngine}\`` : 'no such setting'),
	},
	{ label: "n8n's `engines.node`", value: (v) => `\`${v.engines}\`` },
	{
		label: 'n8n-workflow / n8n-core / n8n-nodes-langchain',
		value: (v) => `${v.n8nWorkflow} / ${v.n8nCore} / ${v.agentNode}`,
	},
];

function agentCell(versions) {
	if (!versions) return '';
	return versions.used === versions.wanted
		? `success (AI Agent ${versions.used})`
		: `success with AI Agent ${versions.used} (no ${versions.wanted} here)`;
}

function readCell(version, how) {
	const read = version.checks.webhookResume?.measured?.laterNodeReads?.[how];
	if (!read) return 'not measured';
	if (read.error) return `error: ${read.error}`;
	return read.jobId ? 'the job ID' : '**empty**';
}

function readRecord(file = RECORD_FILE) {
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { versions: [] };
}

/** The record with this run's versions replacing their earlier entries; MATRIX order, versions no longer in it dropped. */
function mergeRecord(previous, run) {
	const byVersion = new Map((previous.versions ?? []).map((entry) => [entry.n8n, entry]));
	for (const entry of run.versions) byVersion.set(entry.n8n, entry);
	return {
		$comment:
			'Written by `npm run test:compat` (scripts/compat/run.js); docs/compatibility.md is generated from it.',
		lastRun: {
			at: run.at,
			seconds: run.seconds,
			machine: run.machine,
			versions: run.versions.map((entry) => ({
				n8n: entry.n8n,
				seconds: entry.seconds,
				ok: versionOk(entry),
			})),
		},
		versions: MATRIX.map((entry) => byVersion.get(entry.n8n)).filter(Boolean),
	};
}

const versionOk = (entry) => Object.values(entry.checks).every((check) => check.ok);
const day = (iso) => iso.slice(0, 10);
const escapeCell = (text) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function cellOf(row, version) {
	const check = version.checks[row.check];
	if (!check) return 'not run';
	if (!check.ok) return `❌ ${escapeCell((check.problems[0] ?? check.summary).slice(0, 120))}`;
	return `✅ ${escapeCell(row.cell(check.measured, version))}`;
}

function table(versions) {
	const header = `| | ${versions.map((v) => `n8n ${v.n8n} (Node ${v.node})`).join(' | ')} |`;
	const rule = `|---|${versions.map(() => '---').join('|')}|`;
	const rows = ROWS.map(
		(row) => `| ${row.label} | ${versions.map((v) => cellOf(row, v)).join(' | ')} |`,
	);
	const facts = FACTS.map(
		(fact) => `| ${fact.label} | ${versions.map((v) => escapeCell(fact.value(v))).join(' | ')} |`,
	);
	return [header, rule, ...rows, ...facts].join('\n');
}

/** Bullets on what differs between the versions, from what was measured. */
function differences(versions) {
	const list = (entries) => entries.map((v) => v.n8n).join(', ');
	const lines = [];
	const olderAgent = versions.filter((v) => {
		const agent = v.checks['agent.vidgen']?.measured?.agentVersion;
		return agent && agent.used !== agent.wanted;
	});
	if (olderAgent.length) {
		const { wanted, used } = olderAgent[0].checks['agent.vidgen'].measured.agentVersion;
		lines.push(
			`- **AI Agent ${wanted}** (what examples 08–12 use) is missing on n8n ${list(olderAgent)}: there the examples ran with AI Agent ${used}, the newest those versions offer (the agent node's \`typeVersion\` set to ${used}), and every tool call worked.`,
		);
	}
	const runEnders = versions.filter(
		(v) =>
			v.checks['agent.toolError']?.ok &&
			v.checks['agent.toolError'].measured.errorGoesTo === 'the workflow',
	);
	const toModel = versions.filter(
		(v) =>
			v.checks['agent.toolError']?.ok &&
			v.checks['agent.toolError'].measured.errorGoesTo === 'the model',
	);
	if (runEnders.length) {
		lines.push(
			`- **A tool's error in an AI Agent run** (bad input the node refuses with the field and the allowed values): on n8n ${list(runEnders)} it ends the whole run with the node's message, so the model cannot correct its call${toModel.length ? `; on n8n ${list(toModel)} the model gets the message as the tool's result and corrects the call` : ''}. The message is the same; only where it goes differs (n8n's agent, not the package).${versions.every((v) => v.checks['agent.toolErrorContinued']?.ok) ? ' With the tool node\'s **Settings → On Error → Continue**, the node answers with the error as the tool\'s result (`{"error": "<message with the allowed values or the next step>"}`), and the model got it and corrected the call on every version here.' : ''}`,
		);
	}
	const stops = versions.filter((v) => v.checks.stop?.ok);
	if (stops.length) {
		const ms = stops
			.map((v) => `${v.n8n}: ${v.checks.stop.measured.msFromStopToRemoteCancel} ms`)
			.join(', ');
		lines.push(
			`- **Stop**: n8n-workflow's \`sleep\` ends on the stop only from n8n 2.34 on; before that the nodes sleep in 250 ms slices and look for the stop between them, so there it takes up to one slice (${ms}).`,
		);
	}
	const emptyReads = versions.filter(
		(v) =>
			v.checks.webhookResume?.measured?.laterNodeReads?.expression &&
			!v.checks.webhookResume.measured.laterNodeReads.expression.jobId,
	);
	if (emptyReads.length) {
		const engines = [...new Set(emptyReads.map((v) => v.expressionEngine))].join(', ');
		const codeReads = versions.filter(
			(v) => v.checks.webhookResume?.measured?.laterNodeReads?.codeNode?.jobId,
		);
		const where =
			codeReads.length === versions.length ? 'on every version here' : `on n8n ${list(codeReads)}`;
		lines.push(
			`- **Reading the waited-for Vidgen job ID in a later node** (e.g. after a Max Wait resume): \`{{ $execution.customData.get('vidgenJobId') }}\` in an expression is **empty** on n8n ${list(emptyReads)}, whose default expression engine (\`${engines}\`) hands \`$execution.customData\` to expressions without its methods. A Code node reads it ${where}: \`return [{ json: { jobId: $execution.customData.get('vidgenJobId') } }];\`, then use \`{{ $json.jobId }}\`. Setting \`N8N_EXPRESSION_ENGINE=legacy\` made the expression work too (measured once on 1.123.81 and 2.40.7, see the notes).`,
		);
	}
	lines.push(
		"- **Resume on Webhook Callback** works on every version here. The node keeps the job ID in the execution's custom data: through the node context's own `customData` from n8n 2.16 on, through the workflow data proxy's `$execution.customData` before. An n8n that offers neither is refused in the prepare step, before anything is sent (engine-tested in `test/vidgen/resumeOlderN8n.test.js`); no version of the matrix needs that.",
	);
	return lines.join('\n');
}

function renderDoc(record) {
	const versions = record.versions;
	if (!versions.length) throw new Error('the compatibility record has no versions');
	const allOk = versions.every(versionOk);
	const first = versions[0];
	const last = versions.at(-1);
	const dates = [...new Set(versions.map((v) => day(v.measuredAt)))].sort();
	const packages = [
		...new Set(
			versions.map(
				(v) =>
					`${v.package.version} (commit ${v.package.commit.slice(0, 10)}${v.package.uncommittedChanges?.length ? ' + uncommitted changes' : ''})`,
			),
		),
	];
	const nodes = [...new Set(versions.map((v) => v.node))];
	const { lastRun } = record;
	return `# Compatibility

<!-- Generated by \`npm run test:compat\` (scripts/compat/report.js) from docs/compatibility.json. Do not edit by hand. -->

- **Supported: n8n ${first.n8n} to ${last.n8n}**, the range \`npm run test:compat\` runs${allOk ? ' (every check below passed on every version)' : ' (**some checks failed**: see the table)'}, on the Node each n8n requires (tested: Node ${nodes.join(' and ')}).
- **Loads from n8n ${LOADABLE_FROM.n8n}** (n8n-workflow ${LOADABLE_FROM.n8nWorkflow}, the first with \`NodeConnectionTypes\`; on ${LOADABLE_FROM.lastFailing} and older every node fails to load, the credentials load). Versions between ${LOADABLE_FROM.n8n} and ${first.n8n} load the package but are not run here. Read and measured once with \`scripts/compat/load-package.js\` (see [compatibility-notes.md](compatibility-notes.md)).
- **Node**: whatever your n8n requires (its \`engines.node\`, in the table; from n8n 2.36 on that is Node 24). The package has no runtime dependencies and runs on the Node of the n8n that loads it.

Measured ${dates.length > 1 ? `between ${dates[0]} and ${dates.at(-1)}` : `on ${dates[0]}`} with package ${packages.join(', ')}, each n8n from its cached install (\`node scripts/ensure-n8n.js --matrix\`) on the Node it needs${lastRun ? `; the last run (n8n ${lastRun.versions.map((v) => v.n8n).join(', ')}) took ${lastRun.seconds} s on ${lastRun.machine.cpus} cores` : ''}.

## What was measured

${table(versions)}

✅ the check passed, with what it measured; ❌ it failed, with the first problem. The last rows are facts of each version, measured or read from its install, not pass conditions.

## What differs between versions

${differences(versions)}

## How each check works

Per version, one fresh \`n8n start\` (SQLite, its own user folder, loopback only) on the Node that n8n needs, with \`WEBHOOK_URL=https://n8n.compat.test/\` (Vidgen only calls https URLs; n8n itself is reached on its http port). Everything runs against the fake APIs of \`test/fakes\` on 127.0.0.1 (\`test/compat/version.js\`):

- **Install**: the package (a build of the commit named above) is published to a local registry (verdaccio); n8n's own installer, \`POST /rest/community-packages\` as the owner, fetches it through a proxy standing in for registry.npmjs.org (\`scripts/rehearsal/\`). That is exactly the layout each version's installer makes: checked that peer dependencies are dropped and nothing but the package lands in \`~/.n8n/nodes/node_modules\`, and that the editor is offered the six nodes and the five tool variants (\`/types/nodes.json\`).
- **n8n-workflow**: a probe preloaded into the n8n process records what every \`require('n8n-workflow')\` resolves to; each one from the package must resolve the file n8n's own code resolves, and no \`n8n-workflow\` may exist under \`~/.n8n/nodes\`.
- **Examples 01–07**: saved through the REST API with the example credentials (pointed at the fakes), executed from their Manual Trigger as the editor does, the execution read back; outputs and the requests the fakes received are checked. Example 07's fake answers only once 5 calls are in flight. Example 06 is also activated, and the job's signed callback (captured from the fake Vidgen) starts it through its production webhook; a forged signature gets 401.
- **Examples 08–12**: the same, with a scripted OpenAI-compatible model (\`test/fakes/openai.js\`) that calls the node's main tool with valid arguments and answers from the result; checked that the run succeeded, every tool result is the tool's output (no error) and the agent answered. One more conversation on example 08 calls the tool with an empty Prompt first: nothing may reach the fake, and the node's message (field and allowed range) must arrive, at the model or as the run's error. Then the same with the tool node's On Error set to Continue: the message must reach the model and the corrected call must work.
- **Stop**: example 05 polling every 60 s for a job that never finishes. The fake holds the first status poll (the execution is running), answers it, and the execution is stopped through \`POST /rest/executions/:id/stop\`; the node's remote cancel (\`POST /api/jobs/:id/cancel\`) times the reaction. Passes when it comes within 5 s (the unfixed nodes took the rest of the interval) and no poll follows the stop.
- **Resume on Webhook Callback**: example 05 in that wait mode. Once the REST API reports the execution waiting (with \`vidgenJobId\` in its custom data, after one job submission), the job's signed callback is replayed to the resume URL's path: one for another job must get 400, the job's own 200 \`{"received": true, "resumed": true}\`, then the execution ends in success with the job's result. A Set node (expression) and a Code node after it read \`$execution.customData.get('vidgenJobId')\`.

Run it with \`npm run test:compat\` (all versions, about ${estimateMinutes(record)} minutes here once installed) or \`npm run test:compat -- --n8n <version>\`; the GitHub workflow \`.github/workflows/compat.yml\` runs it weekly, on pull requests and by hand. The reasoning behind the fixes, the measurements before them and the quirks of each n8n the run works around: [compatibility-notes.md](compatibility-notes.md).
`;
}

function estimateMinutes(record) {
	const seconds = record.versions.reduce((sum, v) => sum + (v.seconds ?? 0), 0);
	return Math.max(1, Math.round(seconds / 60));
}

module.exports = {
	RECORD_FILE,
	DOC_FILE,
	LOADABLE_FROM,
	ROWS,
	readRecord,
	mergeRecord,
	renderDoc,
	versionOk,
};

// `node scripts/compat/report.js`: docs/compatibility.md again from docs/compatibility.json (after
// a change to this file; the record itself only changes with a run).
if (require.main === module) {
	fs.writeFileSync(DOC_FILE, renderDoc(readRecord()));
	process.stderr.write(`wrote ${path.relative(process.cwd(), DOC_FILE)}\n`);
}
