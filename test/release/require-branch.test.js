'use strict';
/**
 * `npm run release` refuses to release from a branch other than main. n8n-node release hands
 * release-it '--git.requireBranch main' as one argument, which release-it reads as a key
 * "requireBranch main" and so never checks the branch; .release-it.json sets git.requireBranch.
 * Here the repository's own .release-it.json and the real n8n-node release and release-it run on a
 * tiny package (lint and build do nothing), through the rehearsal's npm stand-in (no push, no
 * GitHub release, no questions): on a feature branch the release stops before bumping anything.
 * (That the same configuration releases from main, the rehearsal shows: rehearsal.e2e.test.js.)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createCleanCopy, git } = require('../../scripts/rehearsal/clean-copy');
const { releaseLocally } = require('../../scripts/rehearsal/release-locally');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const RELEASE_TIMEOUT_MS = 3 * 60 * 1000;

let dir;
beforeAll(() => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'require-branch-'));
	const source = path.join(dir, 'source');
	fs.mkdirSync(source);
	const manifest = {
		name: pkg.name,
		version: '0.1.0',
		repository: pkg.repository,
		scripts: { release: pkg.scripts.release, lint: 'node -e ""', build: 'node -e ""' },
	};
	fs.writeFileSync(path.join(source, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
	fs.copyFileSync(path.join(ROOT, '.release-it.json'), path.join(source, '.release-it.json'));
	fs.writeFileSync(path.join(source, '.gitignore'), 'node_modules\n');
	// n8n-node, release-it and auto-changelog as installed here.
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');
	git(source, ['init', '--quiet', '--initial-branch=main']);
	git(source, ['add', '.']);
	git(source, [
		'-c',
		'user.name=release test',
		'-c',
		'user.email=release-test@localhost',
		'commit',
		'--quiet',
		'-m',
		'A package to release',
	]);
});

afterAll(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A clean copy of the tiny package on `branch`, pushed and tracked like main (so release-it's
 * other checks, clean working dir, upstream and commits, pass there too).
 */
function copyOn(branch) {
	fs.mkdirSync(path.join(dir, branch));
	const copy = createCleanCopy({
		sourceDir: path.join(dir, 'source'),
		dir: path.join(dir, branch),
	});
	git(copy.workDir, ['checkout', '--quiet', '-b', branch]);
	git(copy.workDir, ['push', '--quiet', '--set-upstream', 'origin', branch]);
	return copy;
}

test(
	'from another branch, npm run release stops before the bump: "Must be on branch main"',
	async () => {
		const { workDir } = copyOn('feature');
		const head = git(workDir, ['rev-parse', 'HEAD']).stdout;
		await expect(
			releaseLocally({ workDir, version: '0.2.0', binDir: path.join(dir, 'feature-bin') }),
		).rejects.toThrow(/Must be on branch main/);
		expect(JSON.parse(fs.readFileSync(path.join(workDir, 'package.json'), 'utf8')).version).toBe(
			'0.1.0',
		);
		expect(git(workDir, ['rev-parse', 'HEAD']).stdout).toBe(head);
		expect(git(workDir, ['tag', '--list']).stdout).toBe('');
	},
	RELEASE_TIMEOUT_MS,
);
