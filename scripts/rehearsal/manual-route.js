'use strict';
// The README's manual route ("npm, self-hosted" under "Install in your n8n"), taken with the exact
// command the README gives, on a stopped n8n (started once first if its ~/.n8n/nodes does not exist
// yet, as n8n creates it): the command runs in a shell with HOME = the instance's user folder, then
// n8n starts again. The README's one-time setting for later npm commands in that folder is read too.
//   const command = readmeManualCommand(fs.readFileSync('README.md', 'utf8'));
//   const { n8n, api, installOutput } = await takeManualRoute(stage, { command });
//   await runAsUser(stage, { command: `cd ~/.n8n/nodes && ${readmeFolderSetting(readme)}` });
//
// As a script, it takes the route on its own and reports whether the package then runs against
// n8n's own n8n-workflow; exit 1 when it does not. With --uplink the local registry fetches what
// it does not hold from the public registry, so an old command that installs the peer dependency
// can be shown to fail the check:
//   node scripts/rehearsal/manual-route.js --tarball <npm pack file> [--command "<shell>"] [--uplink]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runToEnd } = require('../local-processes');
const { instanceEnv, nodesDir } = require('./n8n-instance');

const README_SECTION = '## Install in your n8n';
const COMMAND_START = 'cd ~/.n8n/nodes && ';

/** The `code spans` of the README's "Install in your n8n" section. */
function sectionSpans(readme) {
	const start = readme.indexOf(README_SECTION);
	if (start < 0) throw new Error(`README.md has no "${README_SECTION}" section`);
	const end = readme.indexOf('\n## ', start + README_SECTION.length);
	const section = readme.slice(start, end < 0 ? undefined : end);
	return [...section.matchAll(/`([^`]+)`/g)].map((match) => match[1].trim());
}

/** The manual install command of the README's "Install in your n8n" section. */
function readmeManualCommand(readme) {
	const spans = sectionSpans(readme);
	const command = spans.find(
		(span) => span.startsWith(COMMAND_START) && /\bnpm (install|i)\b/.test(span),
	);
	if (!command)
		throw new Error(
			`README.md's "${README_SECTION}" has no \`${COMMAND_START}npm install …\` command`,
		);
	return command;
}

/** The README's `npm config set …` that keeps later npm commands in ~/.n8n/nodes as the first one. */
function readmeFolderSetting(readme) {
	const setting = sectionSpans(readme).find((span) => /^npm config set \S/.test(span));
	if (!setting)
		throw new Error(`README.md's "${README_SECTION}" has no \`npm config set …\` for the folder`);
	return setting;
}

/**
 * @param {object} stage  startStage()
 * @param {object} options
 * @param {string} options.command  the shell command, run as the README says (cwd: HOME)
 * @param {string} [options.name]   the user folder's name in the stage (no n8n may be running on it)
 * @returns {Promise<{ n8n, api, installOutput }>}  n8n: the restarted instance (stop it)
 */
async function takeManualRoute(stage, { command, name = 'manual' }) {
	const userFolder = stage.userFolder(name);
	if (!fs.existsSync(nodesDir(userFolder))) {
		// A user who follows the README has run n8n before: it creates ~/.n8n/nodes.
		const first = await stage.startN8n(name);
		await first.n8n.stop();
	}
	const install = await runAsUser(stage, { command, name });
	if (install.code !== 0) {
		// The rehearsal's registry holds only the package: a command that installs peer dependencies
		// (or resolves their tree) asks it for n8n-workflow and gets a 404.
		const why = /404[^\n]*n8n-workflow/.test(install.output)
			? ' — it asks the registry for n8n-workflow, the peer dependency n8n provides (a second copy would land beside the package)'
			: '';
		throw new Error(
			`the README's manual command failed (exit ${install.code})${why}: ${command}\n${install.output.slice(-3000)}`,
		);
	}
	const { n8n, api } = await stage.startN8n(name);
	return { n8n, api, installOutput: install.output };
}

/**
 * A shell command as the user of the instance `name` (HOME = its user folder, npm reaching the
 * stage's registry), e.g. a later npm command in ~/.n8n/nodes. Resolves { code, output }.
 */
async function runAsUser(stage, { command, name = 'manual' }) {
	const userFolder = stage.userFolder(name);
	const env = instanceEnv({
		runtime: stage.runtime,
		userFolder,
		port: 0,
		brokerPort: 0,
		extra: stage.registryEnv,
	});
	return await runToEnd('sh', ['-c', command], { cwd: userFolder, env });
}

module.exports = { readmeManualCommand, readmeFolderSetting, takeManualRoute, runAsUser };

async function main(argv) {
	const { paths, PACKAGE_NAME } = require('../n8n-env');
	const { ensureN8n } = require('../ensure-n8n');
	const { startStage } = require('./stage');
	const { PUBLIC_REGISTRY } = require('./local-registry');
	const { checkRuntimeResolution } = require('./runtime-resolution');
	const option = (name) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
	const tarball = option('--tarball');
	if (!tarball)
		throw new Error(
			'usage: node scripts/rehearsal/manual-route.js --tarball FILE [--command "SHELL"] [--uplink]',
		);
	const repo = path.resolve(__dirname, '..', '..');
	const command =
		option('--command') ||
		readmeManualCommand(fs.readFileSync(path.join(repo, 'README.md'), 'utf8'));
	ensureN8n();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rehearsal-manual-'));
	const stage = await startStage({
		dir,
		runtime: paths(),
		uplink: argv.includes('--uplink') ? PUBLIC_REGISTRY : false,
	});
	try {
		await stage.registry.publish(path.resolve(tarball));
		const { n8n, api, installOutput } = await takeManualRoute(stage, { command });
		const types = (await api.nodeTypes())
			.map((type) => type.name)
			.filter((name) => name.startsWith(`${PACKAGE_NAME}.`));
		const check = checkRuntimeResolution({
			probeEntries: n8n.probeEntries(),
			nodesDir: n8n.nodesDir,
			packageName: PACKAGE_NAME,
		});
		const installed = fs
			.readdirSync(path.join(n8n.nodesDir, 'node_modules'))
			.filter((entry) => !entry.startsWith('.'));
		console.log(
			JSON.stringify(
				{
					command,
					installOutput: installOutput.trim().split('\n').slice(-3),
					installed: installed.length,
					nodeTypes: types,
					...check,
				},
				null,
				2,
			),
		);
		return check.ok ? 0 : 1;
	} finally {
		await stage.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`[manual-route] ${error.message}\n`);
			process.exit(2);
		},
	);
}
