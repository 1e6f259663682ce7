'use strict';
/**
 * What `npm run release` writes into CHANGELOG.md, read from the release tooling itself rather than
 * guessed: n8n-node release runs release-it with an after:bump hook (`npx auto-changelog -p`, read
 * here from the installed @n8n/node-cli), which regenerates CHANGELOG.md with the new version's
 * heading once package.json has the new version. bumpedChangelog() runs that hook, with the pinned
 * auto-changelog, on a throw-away git history; sectionHeading() accepts the headings it writes and
 * the hand-written one of 0.1.0.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { requireProgram } = require('../../scripts/system-programs');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** The after:bump hook `n8n-node release` hands to release-it (release-it runs it in a shell). */
function afterBumpHook() {
	const cli = fs.readFileSync(
		path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'),
		'utf8',
	);
	const hook = /'--hooks\.after:bump="([^"]+)"'/.exec(cli);
	if (!hook) throw new Error('@n8n/node-cli release.js has no after:bump hook any more');
	return hook[1];
}

let gitBin;
const git = (cwd, ...args) =>
	execFileSync(
		(gitBin ??= requireProgram('git')),
		[
			'-c',
			'user.name=release test',
			'-c',
			'user.email=release-test@localhost',
			'-c',
			'commit.gpgsign=false',
			'-c',
			'tag.gpgsign=false',
			...args,
		],
		{ cwd, stdio: 'pipe' },
	);

/**
 * CHANGELOG.md as `npm run release` leaves it after bumping package.json to `version`: a git
 * history of this repo's package.json and CHANGELOG.md, tagged `previousTag` unless null (a
 * clone without tags), the remote GitHub repository package.json names, then the hook. Each
 * (version, previousTag) runs once per test file.
 */
const bumped = new Map();
function bumpedChangelog(version, { previousTag }) {
	const key = `${version} after ${previousTag}`;
	if (!bumped.has(key)) bumped.set(key, runHookAfterBump(version, previousTag));
	return bumped.get(key);
}

function runHookAfterBump(version, previousTag) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-changelog-'));
	try {
		for (const file of ['package.json', 'CHANGELOG.md', '.auto-changelog']) {
			if (fs.existsSync(path.join(ROOT, file)))
				fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
		}
		git(dir, 'init', '-q', '-b', 'main');
		git(dir, 'remote', 'add', 'origin', pkg.repository.url.replace(/^git\+/, ''));
		git(dir, 'add', '.');
		git(dir, 'commit', '-q', '-m', 'First release');
		if (previousTag) git(dir, 'tag', previousTag);
		fs.writeFileSync(path.join(dir, 'README.md'), 'changed\n');
		git(dir, 'add', 'README.md');
		git(dir, 'commit', '-q', '-m', 'A change after the previous release');
		// release-it's bump: package.json gets the new version, then the hook runs.
		const bumped = {
			...JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')),
			version,
		};
		fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(bumped, null, 2)}\n`);
		// npx finds the pinned auto-changelog in this node_modules; offline, it could fetch nothing else.
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
		execFileSync('sh', ['-c', afterBumpHook()], {
			cwd: dir,
			stdio: 'pipe',
			env: { ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false' },
		});
		return fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8');
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shapes of `version`'s heading the hook writes (with and without a previous tag), as patterns. */
const toolHeadingPatterns = new Map();
function releaseHeadingPatterns(version) {
	if (!toolHeadingPatterns.has(version)) {
		const patterns = [];
		for (const previousTag of ['0.0.0', null]) {
			const heading = bumpedChangelog(version, { previousTag })
				.split('\n')
				.find((line) => line.startsWith('#') && line.includes(version));
			if (!heading) throw new Error(`auto-changelog wrote no heading for ${version}`);
			// The link target is a compare URL between the previous tag and this version.
			const shape = escape(heading).replace(/\\\(https:[^)]*\\\)$/, '\\(https://[^)\\s]+\\)');
			patterns.push(new RegExp(`^${shape}$`));
		}
		toolHeadingPatterns.set(version, patterns);
	}
	return toolHeadingPatterns.get(version);
}

/** The hand-written heading, as 0.1.0's: `## 0.1.0` (or `## [0.1.0]…`). */
const handWrittenPattern = (version) => new RegExp(`^## \\[?${escape(version)}(\\]|$)`);

/** The line of `changelog` that heads `version`'s section, written by hand or by `npm run release`. */
function sectionHeading(changelog, version) {
	const patterns = [handWrittenPattern(version), ...releaseHeadingPatterns(version)];
	return changelog.split('\n').find((line) => patterns.some((pattern) => pattern.test(line)));
}

module.exports = { afterBumpHook, bumpedChangelog, releaseHeadingPatterns, sectionHeading };
