'use strict';
// Every check of the compatibility run on one n8n of the matrix, in one fresh n8n (its cached
// install, on the Node it needs): the package published to a local registry, installed by that
// n8n's own installer, then the examples, the AI Agent examples, a stop mid-wait and a Vidgen
// webhook resume against the fakes. Resolves the version's record: { n8n, node, ..., checks }.
// A check that fails is recorded and the next one runs; only a failed install stops the rest.
const fs = require('node:fs');
const path = require('node:path');
const { runtimeOf, VERSIONS } = require('../../scripts/n8n-env');
const { ensureN8nVersion } = require('../../scripts/ensure-n8n');
const { startStage } = require('../../scripts/rehearsal/stage');
const { startExampleFakes, exampleCredentials } = require('../e2e/examples-fakes');
const { compatSession } = require('./session');
const { runCheck, notRun } = require('./outcome');
const { installThroughInstaller, resolvesN8nOwnWorkflow } = require('./checks/install');
const { exampleChecks } = require('./checks/examples');
const {
	AGENT_SCENARIOS,
	agentExample,
	agentToolError,
	agentToolErrorContinued,
} = require('./checks/agents');
const { stopMidWait } = require('./checks/stop');
const { webhookResume, HTTPS_WEBHOOK_URL } = require('./checks/webhook-resume');

/** The order of the checks in the record and the table. */
const CHECKS = [
	'install',
	...Object.keys(exampleChecks).map((key) => `example.${key}`),
	...Object.keys(AGENT_SCENARIOS).map((key) => `agent.${key}`),
	'agent.toolError',
	'agent.toolErrorContinued',
	'n8nWorkflow',
	'stop',
	'webhookResume',
];

const versionOf = (dir, name) =>
	JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * The expression engine this n8n uses unless N8N_EXPRESSION_ENGINE says otherwise (read from its
 * @n8n/config): 'vm' (isolated-vm, which hands objects to expressions without their methods),
 * 'legacy', or null where n8n has no such setting.
 */
function defaultExpressionEngine(n8nDir) {
	const config = path.join(
		n8nDir,
		'node_modules',
		'@n8n',
		'config',
		'dist',
		'configs',
		'expression-engine.config.js',
	);
	if (!fs.existsSync(config)) return null;
	return fs.readFileSync(config, 'utf8').match(/this\.engine = '(\w+)'/)?.[1] ?? null;
}

function log(message) {
	process.stderr.write(`[compat] ${message}\n`);
}

/**
 * @param {object} options
 * @param {string} options.n8nVersion  a version of MATRIX
 * @param {{ tarball, version, packageDir }} options.pkg  the built package
 * @param {string} options.dir  an empty temp folder
 */
async function checkVersion({ n8nVersion, pkg, dir }) {
	const started = Date.now();
	const runtime = ensureN8nVersion(n8nVersion);
	// verdaccio needs Node >= 22: the Node of the newest n8n runs it.
	const registryNodeBin = ensureN8nVersion(VERSIONS.n8n).nodeBin;
	const record = {
		n8n: n8nVersion,
		node: runtime.node,
		engines: runtime.engines,
		n8nWorkflow: versionOf(runtime.n8nDir, 'n8n-workflow'),
		n8nCore: versionOf(runtime.n8nDir, 'n8n-core'),
		agentNode: versionOf(runtime.n8nDir, '@n8n/n8n-nodes-langchain'),
		expressionEngine: defaultExpressionEngine(runtime.n8nDir),
		package: { version: pkg.version, commit: pkg.commit, uncommittedChanges: pkg.changedFiles },
		measuredAt: new Date().toISOString(),
		checks: {},
	};
	let n8nOutput = () => '';
	const fakes = await startExampleFakes();
	let stage;
	try {
		stage = await startStage({ dir, runtime: runtimeOf(n8nVersion), registryNodeBin });
		await stage.registry.publish(pkg.tarball);
		log(`n8n ${n8nVersion}: starting`);
		const { n8n, api } = await stage.startN8n('compat', {
			env: { WEBHOOK_URL: HTTPS_WEBHOOK_URL, N8N_WEBHOOK_URL: HTTPS_WEBHOOK_URL },
		});
		n8nOutput = n8n.output;
		const session = compatSession(api, exampleCredentials(fakes));
		const context = { n8n, api, stage, pkg, runtime, fakes, session };
		const run = async (name, work) => {
			for (const fake of ['flokan', 'flora', 'vidgen', 'media', 'openai']) fakes[fake].clearLog();
			const result = await runCheck(work);
			record.checks[name] = result;
			log(
				`n8n ${n8nVersion}: ${name} ${result.ok ? 'ok' : 'FAILED'} (${result.seconds} s) ${result.ok ? '' : result.problems.join(' | ').slice(0, 600)}`,
			);
			return result;
		};

		const install = await run('install', () => installThroughInstaller(context));
		const nodeTypes = install.nodeTypes;
		delete install.nodeTypes;
		if (!install.ok) {
			for (const name of CHECKS.filter((check) => !record.checks[check]))
				record.checks[name] = notRun('the install failed');
			return record;
		}
		for (const [key, check] of Object.entries(exampleChecks))
			await run(`example.${key}`, () => check(context));
		for (const key of Object.keys(AGENT_SCENARIOS))
			await run(`agent.${key}`, () => agentExample(key, { ...context, nodeTypes }));
		await run('agent.toolError', () => agentToolError({ ...context, nodeTypes }));
		await run('agent.toolErrorContinued', () => agentToolErrorContinued({ ...context, nodeTypes }));
		await run('n8nWorkflow', () => resolvesN8nOwnWorkflow(context));
		await run('stop', () => stopMidWait(context));
		await run('webhookResume', () => webhookResume(context));
		return record;
	} catch (error) {
		record.failure = String(error.stack || error.message).slice(0, 4000);
		for (const name of CHECKS.filter((check) => !record.checks[check]))
			record.checks[name] = notRun(
				`n8n ${n8nVersion} could not be set up: ${error.message.split('\n')[0]}`,
			);
		return record;
	} finally {
		if (Object.values(record.checks).some((check) => !check.ok))
			record.n8nLogTail = n8nOutput().slice(-6000);
		await stage?.stop();
		await fakes.close();
		record.seconds = Math.round((Date.now() - started) / 1000);
	}
}

module.exports = { checkVersion, CHECKS };
