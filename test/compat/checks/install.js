'use strict';
// Install through the n8n's own community installer (Settings → Community Nodes → Install:
// POST /rest/community-packages, from the local registry behind the registry.npmjs.org stand-in),
// then: the six nodes and five tool variants are offered to the editor, and the package runs
// against n8n's own n8n-workflow (seen inside the n8n process, and on disk: no second copy).
const fs = require('node:fs');
const path = require('node:path');
const { PACKAGE_NAME } = require('../../../scripts/n8n-env');
const { checkRuntimeResolution } = require('../../../scripts/rehearsal/runtime-resolution');
const {
	declaredNodeTypes,
	packageTypesIn,
} = require('../../../scripts/rehearsal/package-node-types');
const { startCheck } = require('../outcome');

/** The versions of a node type n8n offers (a description per version, or one with a list). */
function versionsOffered(nodeTypes, name) {
	return [
		...new Set(
			nodeTypes
				.filter((type) => type.name === name)
				.flatMap((type) => (Array.isArray(type.version) ? type.version : [type.version])),
		),
	].sort((a, b) => a - b);
}

/**
 * The node types n8n serves its editor once it has rewritten them after the install: the file
 * behind /types/nodes.json is rewritten while it may be served (n8n 1.123 once answered a cut-off
 * file), so it is read until it parses and lists the package's types, or the deadline passes
 * (then the last complete answer is checked).
 */
async function typesAfterInstall(api, timeoutMs = 60000) {
	const deadline = Date.now() + timeoutMs;
	let complete;
	for (;;) {
		try {
			complete = await api.nodeTypes();
			if (packageTypesIn(complete).length) return complete;
		} catch (error) {
			if (!(error instanceof SyntaxError)) throw error;
		}
		if (Date.now() > deadline) {
			if (complete) return complete;
			throw new Error(`/types/nodes.json did not parse within ${timeoutMs} ms`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * @param {object} context  { api, n8n, stage, pkg: { version, packageDir } }
 * Resolves the check record; measured.nodeTypes is every type n8n offers (for later checks).
 */
async function installThroughInstaller({ api, n8n, stage, pkg }) {
	const check = startCheck();
	const expected = declaredNodeTypes(pkg.packageDir);
	check.expect(
		'declared',
		{ nodes: expected.nodes.length, tools: expected.tools.length },
		{ nodes: 6, tools: 5 },
	);
	const installed = await api.communityPackages.install(PACKAGE_NAME);
	check.expect('installedVersion', installed.installedVersion, pkg.version);
	check.expect(
		'installedNodes',
		installed.installedNodes.map((node) => node.type).sort(),
		expected.nodes,
	);
	const nodeTypes = await typesAfterInstall(api);
	const offered = packageTypesIn(nodeTypes);
	check.expect(
		'nodesOffered',
		offered.filter((type) => !type.endsWith('Tool')),
		expected.nodes,
	);
	check.expect(
		'toolsOffered',
		offered.filter((type) => type.endsWith('Tool')),
		expected.tools,
	);
	const tarballPath = `registry.npmjs.org/${PACKAGE_NAME}/-/${PACKAGE_NAME}-${pkg.version}.tgz`;
	check.that(
		`n8n's npm fetched ${tarballPath} through the registry stand-in`,
		stage.proxy.forwarded.includes(`GET ${tarballPath}`),
	);
	const folder = path.join(n8n.nodesDir, 'node_modules', PACKAGE_NAME);
	const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
	check.expect('peerDependenciesKept', manifest.peerDependencies ?? null, null);
	const installedModules = fs
		.readdirSync(path.join(n8n.nodesDir, 'node_modules'))
		.filter((entry) => !entry.startsWith('.'));
	check.expect('nodesFolderModules', installedModules, [PACKAGE_NAME]);
	return {
		...check.done(
			`${expected.nodes.length} nodes and ${expected.tools.length} tools offered; peer dependencies dropped, nothing else in ~/.n8n/nodes`,
		),
		nodeTypes,
	};
}

/** After the package's nodes ran: every require('n8n-workflow') of the package resolved n8n's own file. */
function resolvesN8nOwnWorkflow({ n8n, runtime, pkg }) {
	const check = startCheck();
	const result = checkRuntimeResolution({
		probeEntries: n8n.probeEntries(),
		nodesDir: n8n.nodesDir,
		packageName: PACKAGE_NAME,
		version: pkg.version,
	});
	const relative = (file) => path.relative(runtime.n8nDir, file);
	check.measured.loads = result.loads;
	check.measured.packageResolves = result.packageResolves.map(relative);
	check.measured.n8nResolves = result.n8nResolves.map(relative);
	check.expect('secondCopies', result.copies, []);
	for (const problem of result.problems) check.problems.push(problem);
	const workflowVersion = JSON.parse(
		fs.readFileSync(
			path.join(runtime.n8nDir, 'node_modules', 'n8n-workflow', 'package.json'),
			'utf8',
		),
	).version;
	return check.done(
		`n8n's own n8n-workflow ${workflowVersion} (${result.loads} loads seen in the process), no second copy`,
	);
}

module.exports = {
	installThroughInstaller,
	resolvesN8nOwnWorkflow,
	versionsOffered,
};
