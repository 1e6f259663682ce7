'use strict';
// Runs the repository's own `npm run release` (n8n-node release, local mode: lint, build,
// release-it bump, auto-changelog, commit, tag) in a clean copy, non-interactively, with pushing,
// the GitHub release and publishing off (see npm-stand-in.js for the only three changes).
//   const { releaseLocally } = require('./scripts/rehearsal/release-locally');
//   const { version, releaseItCalls } = await releaseLocally({ workDir, version: '0.2.0', binDir });
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { git, gitEnv } = require('./clean-copy');
const { runToEnd } = require('../local-processes');

const STAND_IN = path.join(__dirname, 'npm-stand-in.js');

/** The npm the caller would run (the first on PATH). */
function realNpm() {
	const found = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	if (!found) throw new Error('npm is not on PATH');
	return found;
}

/**
 * The environment of a maintainer's terminal: nothing of the `npm test` that runs the rehearsal
 * (npm_* variables would point npm at the source checkout; jest's NODE_ENV=test makes the n8n
 * lint rules treat every file as a trigger node), not GitHub Actions (n8n-node release would
 * publish), no CI flag, no tokens, no global git configuration. One change: npm's update check
 * is off (outside CI it asks registry.npmjs.org once a week; the rehearsal stays on the loopback).
 */
function maintainerEnv(extra) {
	const env = gitEnv();
	for (const key of Object.keys(env)) {
		if (
			/^(npm_|NPM_|GITHUB_|RUNNER_|ACTIONS_|JEST_|NODE_AUTH_TOKEN$|NODE_ENV$|CI$|INIT_CWD$)/.test(
				key,
			)
		)
			delete env[key];
	}
	return { ...env, npm_config_update_notifier: 'false', ...extra };
}

function writeStandIn(binDir) {
	fs.mkdirSync(binDir, { recursive: true });
	const file = path.join(binDir, 'npm');
	fs.writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${STAND_IN}" "$@"\n`, {
		mode: 0o755,
	});
	return file;
}

/**
 * @param {object} options
 * @param {string} options.workDir  a clean copy on main with an upstream (clean-copy.js)
 * @param {string} options.version  the version to release, e.g. '0.2.0'
 * @param {string} options.binDir   an empty folder for the npm stand-in
 * @param {object} [options.env]     added to the maintainer's environment (e.g. a connection probe's)
 * @param {number} [options.timeoutMs]
 * @returns {Promise<{ version, tag, commitSubject, releaseItCalls: Array<{original, rewritten}>, output }>}
 */
async function releaseLocally({
	workDir,
	version,
	binDir,
	env: extraEnv = {},
	timeoutMs = 15 * 60 * 1000,
}) {
	const releaseItLog = path.join(binDir, 'release-it-calls.jsonl');
	const env = maintainerEnv({
		...extraEnv,
		PATH: `${binDir}:${process.env.PATH}`,
		REHEARSAL_REAL_NPM: realNpm(),
		REHEARSAL_VERSION: version,
		REHEARSAL_RELEASE_IT_LOG: releaseItLog,
	});
	writeStandIn(binDir);
	const { code, signal, output } = await runToEnd('npm', ['run', 'release'], {
		cwd: workDir,
		env,
		timeoutMs,
	});
	const releaseItCalls = fs.existsSync(releaseItLog)
		? fs
				.readFileSync(releaseItLog, 'utf8')
				.trim()
				.split('\n')
				.map((line) => JSON.parse(line))
		: [];
	if (code !== 0) {
		throw new Error(
			`npm run release failed (${signal || `exit ${code}`}) in ${workDir}\n${output.slice(-8000)}`,
		);
	}
	const manifest = JSON.parse(fs.readFileSync(path.join(workDir, 'package.json'), 'utf8'));
	return {
		version: manifest.version,
		tag: git(workDir, ['tag', '--points-at', 'HEAD']).stdout,
		commitSubject: git(workDir, ['log', '-1', '--format=%s']).stdout,
		clean: git(workDir, ['status', '--porcelain', '--untracked-files=no']).stdout === '',
		releaseItCalls,
		output,
	};
}

module.exports = { releaseLocally, maintainerEnv };
