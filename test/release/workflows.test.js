'use strict';
/**
 * The GitHub Actions workflows, parsed as GitHub reads them (YAML): CI runs the README's test
 * command on Node 20 and 22; a version tag publishes through `npm run release` (n8n-node release)
 * with an npm provenance statement, by Trusted Publishing or the NPM_TOKEN fallback.
 */
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const ROOT = path.join(__dirname, '..', '..');
const readWorkflow = (name) =>
	YAML.parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', name), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** GitHub's filter pattern syntax, enough for tags: `*` is any run of characters except `/`. */
function matchesFilter(pattern, ref) {
	const regex = pattern
		.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
		.replace(/\*\*/g, '\u0000')
		.replace(/\*/g, '[^/]*')
		.replace(/\u0000/g, '.*');
	return new RegExp(`^${regex}$`).test(ref);
}

const steps = (job) => job.steps ?? [];
const runs = (job) => steps(job).map((step) => step.run ?? '');
const indexOfRun = (job, pattern) => runs(job).findIndex((run) => pattern.test(run));
const usesStep = (job, action) =>
	steps(job).find((step) => typeof step.uses === 'string' && step.uses.startsWith(`${action}@`));

describe('ci.yml', () => {
	const ci = readWorkflow('ci.yml');
	const [jobName, job] = Object.entries(ci.jobs)[0];

	test('runs on every pull request and on pushes to main', () => {
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
		expect(ci.on.pull_request?.branches).toBeUndefined();
		expect(ci.on.push.branches).toContain('main');
		expect(Object.keys(ci.jobs)).toEqual([jobName]);
	});

	test('runs `npm test` (what .ci/run runs) on Node 20 and 22', () => {
		expect(job.strategy.matrix['node-version'].map(String)).toEqual(['20', '22']);
		expect(usesStep(job, 'actions/checkout')).toBeDefined();
		expect(usesStep(job, 'actions/setup-node').with['node-version']).toBe(
			'${{ matrix.node-version }}',
		);
		expect(runs(job)).toContain('npm test');
		expect(fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8')).toMatch(/^npm test /m);
		expect(pkg.scripts.test).toBe('bash scripts/test.sh');
	});

	test('needs no write access', () => {
		expect(ci.permissions).toEqual({ contents: 'read' });
	});
});

describe('publish.yml', () => {
	const publish = readWorkflow('publish.yml');
	const jobs = Object.values(publish.jobs);
	const [job] = jobs;

	test('runs only when a version tag is pushed, the way `npm run release` tags (bare version)', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push.branches).toBeUndefined();
		const tags = publish.on.push.tags;
		const matches = (ref) => tags.some((pattern) => matchesFilter(pattern, ref));
		expect(matches(pkg.version)).toBe(true);
		expect(matches('1.2.3-rc.1')).toBe(true);
		expect(matches('main')).toBe(false);
		expect(matches('latest')).toBe(false);
		expect(jobs).toHaveLength(1);
	});

	test('may mint an OIDC token (provenance, Trusted Publishing) and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
		expect(publish.permissions).toBeUndefined();
	});

	test('checks the tag against package.json, then npm ci, test (lint, build inside), publish, in that order', () => {
		const tagCheck = indexOfRun(job, /GITHUB_REF_NAME/);
		const install = indexOfRun(job, /^npm ci\b/);
		const test = runs(job).indexOf('npm test');
		const release = runs(job).indexOf('npm run release');
		expect([tagCheck, install, test, release].every((index) => index >= 0)).toBe(true);
		expect(tagCheck).toBeLessThan(release);
		expect(install).toBeLessThan(test);
		expect(test).toBeLessThan(release);
		expect(fs.readFileSync(path.join(ROOT, 'scripts', 'test.sh'), 'utf8')).toMatch(
			/n8n-node lint[\s\S]*npm run --silent build/,
		);
	});

	test('publishes with provenance through n8n-node release, as the n8n node starter does', () => {
		const releaseStep = steps(job).find((step) => step.run === 'npm run release');
		expect(releaseStep.env.NPM_CONFIG_PROVENANCE).toBe('true');
		expect(pkg.scripts.release).toBe('n8n-node release');
		// n8n-node release inside GitHub Actions: lint, build, `npm publish` with provenance on.
		const cli = fs.readFileSync(
			path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'commands', 'release.js'),
			'utf8',
		);
		expect(cli).toMatch(/GITHUB_ACTIONS/);
		expect(cli).toMatch(/'npm', \['publish'\][\s\S]*NPM_CONFIG_PROVENANCE: 'true'/);
	});

	test('authenticates by Trusted Publishing, with the NPM_TOKEN secret as the fallback', () => {
		const setupNode = usesStep(job, 'actions/setup-node');
		expect(setupNode.with['registry-url']).toBe('https://registry.npmjs.org');
		// Trusted Publishing needs npm ≥ 11.5.1, which Node 24 ships.
		expect(Number(setupNode.with['node-version'])).toBeGreaterThanOrEqual(24);
		const releaseStep = steps(job).find((step) => step.run === 'npm run release');
		expect(releaseStep.env.NODE_AUTH_TOKEN).toBe('${{ secrets.NPM_TOKEN }}');
	});
});

describe('release files', () => {
	test('LICENSE.md is the MIT licence package.json names', () => {
		expect(pkg.license).toBe('MIT');
		expect(fs.readFileSync(path.join(ROOT, 'LICENSE.md'), 'utf8')).toMatch(
			/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/,
		);
	});

	test('CHANGELOG.md has a section for the version in package.json', () => {
		const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(new RegExp(`^## \\[?${pkg.version.replace(/\./g, '\\.')}\\]?`, 'm'));
	});
});
