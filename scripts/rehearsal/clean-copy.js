'use strict';
// A clean copy of the repository as a maintainer's up-to-date `main` looks to `npm run release`:
//   <dir>/upstream.git  a bare repository standing in for GitHub: branch main = the source's
//                       committed HEAD, plus the source's tags
//   <dir>/work          a clone of it on main, tracking origin/main
// Only committed files travel (never a developer's uncommitted changes); node_modules is a link
// to the source's, so nothing is installed. The source repository is only read.
// A shallow source (GitHub's actions/checkout) works too. origin carries the repository URL of
// package.json (what auto-changelog turns into commit links), and git reaches it in upstream.git
// (url.<upstream>.insteadOf), so the CHANGELOG reads as the real release's would.
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { requireProgram } = require('../system-programs');

const IDENTITY = { name: 'Release Rehearsal', email: 'rehearsal@localhost' };

let gitBin;
function git(cwd, args, { allowFailure = false } = {}) {
	gitBin ??= requireProgram('git');
	const result = spawnSync(gitBin, args, { cwd, encoding: 'utf8', env: gitEnv() });
	if (!allowFailure && (result.error || result.status !== 0)) {
		const why = result.error ? result.error.message : `exit ${result.status}: ${result.stderr}`;
		throw new Error(`git ${args.join(' ')} in ${cwd} failed (${why.trim()})`);
	}
	return { ok: result.status === 0, stdout: (result.stdout || '').trim() };
}

/** No global or system git configuration (signing, hooks, templates) reaches the copy. */
function gitEnv() {
	const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
	for (const key of Object.keys(env))
		if (key.startsWith('GIT_') && !key.startsWith('GIT_CONFIG')) delete env[key];
	return env;
}

/** package.json's repository URL, as GitHub serves it (without npm's `git+` prefix). */
function repositoryUrl(sourceDir) {
	const { repository } = JSON.parse(fs.readFileSync(path.join(sourceDir, 'package.json'), 'utf8'));
	const url = typeof repository === 'string' ? repository : repository?.url;
	if (!url) throw new Error('package.json has no repository URL');
	return url.replace(/^git\+/, '');
}

/**
 * @param {object} options
 * @param {string} options.sourceDir  the repository to copy (read only)
 * @param {string} options.dir        an empty folder to create the copy in
 * @returns {{ workDir, upstreamDir, remoteUrl, head, addedCommit }} addedCommit: HEAD carried a version tag,
 *   so an empty commit was added (release-it's requireCommits needs a commit after the last tag)
 */
function createCleanCopy({ sourceDir, dir }) {
	const upstreamDir = path.join(dir, 'upstream.git');
	const workDir = path.join(dir, 'work');
	const head = git(sourceDir, ['rev-parse', 'HEAD']).stdout;

	git(dir, ['init', '--quiet', '--bare', '--initial-branch=main', upstreamDir]);
	git(upstreamDir, [
		'fetch',
		'--quiet',
		'--update-shallow',
		sourceDir,
		`+${head}:refs/heads/main`,
		'+refs/tags/*:refs/tags/*',
	]);
	git(dir, ['clone', '--quiet', '--no-local', '--branch', 'main', upstreamDir, workDir]);
	const remoteUrl = repositoryUrl(sourceDir);
	git(workDir, ['remote', 'set-url', 'origin', remoteUrl]);
	git(workDir, ['config', `url.${upstreamDir}.insteadOf`, remoteUrl]);
	for (const [key, value] of [
		['user.name', IDENTITY.name],
		['user.email', IDENTITY.email],
		['commit.gpgsign', 'false'],
		['tag.gpgsign', 'false'],
	])
		git(workDir, ['config', key, value]);

	fs.symlinkSync(path.join(sourceDir, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');

	const tagsAtHead = git(workDir, ['tag', '--points-at', 'HEAD']).stdout;
	const addedCommit = Boolean(tagsAtHead);
	if (addedCommit) {
		git(workDir, [
			'commit',
			'--quiet',
			'--allow-empty',
			'-m',
			'Rehearsal: a change after the tagged release',
		]);
	}
	return { workDir, upstreamDir, remoteUrl, head, addedCommit };
}

module.exports = { createCleanCopy, git, gitEnv };
