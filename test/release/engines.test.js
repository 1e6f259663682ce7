'use strict';
/**
 * package.json → engines states the Node versions the package builds and tests on: exactly the
 * versions every locked package admits (release-it, eslint, jest, gulp, …), the two exceptions
 * named below aside. CI runs the lowest of them (ci.yml, checked in workflows.test.js).
 */
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

// Named Node ranges the package does not follow, and why.
const NOT_FOLLOWED = {
	// n8n-workflow's expression sandbox, a native module: .npmrc's ignore-scripts never builds it,
	// and nothing here loads it (README → Development).
	'isolated-vm': '>=24.0.0',
	// Loaded only by release-it's GitHub client (@octokit/request); Node ≥ 20.19 requires it
	// (an ES module) from CommonJS.
	'content-type': '>=22',
};

/** Each locked package that names the Node versions it runs on: [name, range]. */
const locked = Object.entries(lock.packages)
	.filter(([key, entry]) => key && !entry.optional && typeof entry.engines?.node === 'string')
	.map(([key, entry]) => [
		key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length),
		entry.engines.node,
	]);

const admittedByAll = (version) =>
	locked.every(([name, range]) => NOT_FOLLOWED[name] === range || semver.satisfies(version, range));

test('package.json names its Node versions, and the Node running this test is one of them', () => {
	expect(pkg.engines).toEqual({ node: '^20.19.0 || ^22.13.0 || >=24' });
	expect(semver.satisfies(process.version, pkg.engines.node)).toBe(true);
});

test('they are exactly the versions every locked package admits', () => {
	const versions = [];
	for (let major = 18; major <= 26; major++) {
		for (let minor = 0; minor <= 30; minor++) versions.push(`${major}.${minor}.0`);
	}
	const wrong = versions.filter(
		(version) => semver.satisfies(version, pkg.engines.node) !== admittedByAll(version),
	);
	expect(wrong).toEqual([]);
	// The lowest is admitted; the minor below it is not.
	const lowest = semver.minVersion(pkg.engines.node).version;
	expect(admittedByAll(lowest)).toBe(true);
	expect(admittedByAll(`${semver.major(lowest)}.${semver.minor(lowest) - 1}.0`)).toBe(false);
});

test('the exceptions are still in the lock file with the ranges named above', () => {
	for (const [name, range] of Object.entries(NOT_FOLLOWED)) {
		expect(locked).toContainEqual([name, range]);
	}
});

test('release-it and auto-changelog, which n8n-node release runs through npm exec, are pinned', () => {
	for (const name of ['release-it', 'auto-changelog']) {
		expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
		expect(lock.packages[`node_modules/${name}`].version).toBe(pkg.devDependencies[name]);
	}
	// release-it 21 needs Node ≥ 22.22 / 24.15; the pinned one runs on the lowest Node here.
	const releaseIt = lock.packages['node_modules/release-it'].engines.node;
	expect(semver.satisfies(semver.minVersion(pkg.engines.node), releaseIt)).toBe(true);
});
