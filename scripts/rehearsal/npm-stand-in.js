'use strict';
// Stands in for `npm` (first on PATH) while the rehearsal runs `npm run release`. n8n-node release
// (local mode) starts release-it as `npm exec -- release-it <its flags>`; this rewrites exactly
// three things in that one call and passes every other npm call through unchanged:
//   --git.push       → --no-git.push        nothing leaves the machine
//   --github.release → --no-github.release  no GitHub API call, no token needed
//   + --ci --increment=<version>            no questions; the version the rehearsal asked for
// A flag it expects but does not find fails the run, so a changed n8n-node release is noticed
// instead of silently pushing. Each release-it call (before and after the rewrite) is appended
// as a JSON line to REHEARSAL_RELEASE_IT_LOG.
// Environment: REHEARSAL_REAL_NPM (the npm to run), REHEARSAL_VERSION, REHEARSAL_RELEASE_IT_LOG.
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const REWRITES = Object.freeze({
	'--git.push': '--no-git.push',
	'--github.release': '--no-github.release',
});

/** The release-it argv after the rewrite; throws when n8n-node release's flags changed. */
function rewriteReleaseItArgs(args, version) {
	for (const flag of Object.keys(REWRITES)) {
		const count = args.filter((arg) => arg === flag).length;
		if (count !== 1)
			throw new Error(
				`expected n8n-node release to pass ${flag} once to release-it, found it ${count} times`,
			);
	}
	if (!args.includes('--npm.publish=false'))
		throw new Error('n8n-node release no longer passes --npm.publish=false');
	if (!version) throw new Error('REHEARSAL_VERSION is not set');
	return [...args.map((arg) => REWRITES[arg] ?? arg), '--ci', `--increment=${version}`];
}

function isReleaseItCall(argv) {
	return argv[0] === 'exec' && argv[1] === '--' && argv[2] === 'release-it';
}

function main() {
	const realNpm = process.env.REHEARSAL_REAL_NPM;
	if (!realNpm) throw new Error('REHEARSAL_REAL_NPM is not set');
	let argv = process.argv.slice(2);
	if (isReleaseItCall(argv)) {
		const original = argv.slice(3);
		const rewritten = rewriteReleaseItArgs(original, process.env.REHEARSAL_VERSION);
		argv = ['exec', '--', 'release-it', ...rewritten];
		if (process.env.REHEARSAL_RELEASE_IT_LOG) {
			fs.appendFileSync(
				process.env.REHEARSAL_RELEASE_IT_LOG,
				JSON.stringify({ original, rewritten }) + '\n',
			);
		}
	}
	const result = spawnSync(realNpm, argv, { stdio: 'inherit' });
	if (result.error) throw result.error;
	process.exit(result.status ?? 1);
}

module.exports = { rewriteReleaseItArgs, REWRITES };

if (require.main === module) {
	try {
		main();
	} catch (error) {
		process.stderr.write(`[rehearsal npm stand-in] ${error.message}\n`);
		process.exit(1);
	}
}
