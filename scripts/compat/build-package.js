'use strict';
// The package the compatibility run installs, built and packed in a temp folder from the committed
// HEAD (`git archive`; what the record names), or with `workingTree` from the checkout's files as
// they are (tracked and new, not ignored). Never built in the checkout itself: `npm run build`
// empties dist/ first, under anything else that reads it.
//   const { tarball, version, packageDir, commit, changedFiles } = buildPackage({ dir });
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { requireProgram } = require('../system-programs');
const { cleanNpmEnv } = require('../local-processes');
const { pack } = require('../rehearsal/publish-as-ci');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
/** What goes into the tarball or decides how it is built. */
const PACKAGE_INPUTS = [
	'nodes',
	'credentials',
	'index.js',
	'package.json',
	'tsconfig.json',
	'gulpfile.js',
];

function git(args, options = {}) {
	return execFileSync(requireProgram('git'), args, {
		cwd: REPO_ROOT,
		encoding: 'utf8',
		...options,
	});
}

/** The commit the checkout is on, and the package inputs that differ from it (uncommitted). */
function sourceState() {
	const commit = git(['rev-parse', 'HEAD']).trim();
	const changedFiles = git(['status', '--porcelain', '--', ...PACKAGE_INPUTS])
		.split('\n')
		.filter(Boolean)
		.map((line) => line.slice(3));
	return { commit, changedFiles };
}

function copyWorkingTree(copy) {
	const files = git(['ls-files', '-z', '--cached', '--others', '--exclude-standard'])
		.split('\0')
		.filter((file) => file && fs.existsSync(path.join(REPO_ROOT, file)));
	for (const file of files) {
		fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
		fs.copyFileSync(path.join(REPO_ROOT, file), path.join(copy, file));
	}
}

function copyCommit(copy, commit) {
	fs.mkdirSync(copy);
	const archive = path.join(path.dirname(copy), 'source.tar');
	git(['archive', '--format=tar', `--output=${archive}`, commit]);
	execFileSync('tar', ['-xf', archive, '-C', copy]);
	fs.rmSync(archive);
}

/**
 * @param {object} options
 * @param {string} options.dir  an empty temp folder
 * @param {boolean} [options.workingTree]  build the checkout's files, uncommitted changes included
 * @returns {{ tarball, version, packageDir, commit, changedFiles }}  packageDir: the built copy;
 *   changedFiles: the uncommitted package inputs (built only with workingTree)
 */
function buildPackage({ dir, workingTree = false }) {
	const state = sourceState();
	const copy = path.join(dir, 'source');
	if (workingTree) copyWorkingTree(copy);
	else copyCommit(copy, state.commit);
	fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
	try {
		execFileSync('npm', ['run', '--silent', 'build'], {
			cwd: copy,
			env: cleanNpmEnv(),
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'pipe'],
		});
	} catch (error) {
		throw new Error(`npm run build failed in ${copy}:\n${error.stdout}${error.stderr}`);
	}
	const { version } = JSON.parse(fs.readFileSync(path.join(copy, 'package.json'), 'utf8'));
	return {
		tarball: pack(copy, path.join(dir, 'packed')),
		version,
		packageDir: copy,
		commit: state.commit,
		changedFiles: workingTree ? state.changedFiles : [],
	};
}

module.exports = { buildPackage, sourceState, REPO_ROOT };
