'use strict';
/**
 * The compatibility workflow (.github/workflows/compat.yml), parsed as GitHub reads it: weekly, on
 * pull requests and by hand, it runs `npm run test:compat` after the shared setup, with the n8n
 * matrix installed (scripts/ensure-n8n.js --matrix) and cached under a key of its own. And
 * `npm test` does not run the compatibility suite: it stays on n8n 2.40.7.
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const semver = require('semver');
const YAML = require('yaml');
const { VERSIONS, PACKAGE_NAME } = require('../../scripts/n8n-env');

const ROOT = path.join(__dirname, '..', '..');
const read = (...segments) => fs.readFileSync(path.join(ROOT, ...segments), 'utf8');
const pkg = JSON.parse(read('package.json'));
const SETUP = './.github/actions/setup';

describe('compat.yml', () => {
	const workflow = YAML.parse(read('.github', 'workflows', 'compat.yml'));
	const jobs = Object.values(workflow.jobs);
	const [job] = jobs;
	const steps = job.steps;
	const runAt = (pattern) => steps.findIndex((step) => pattern.test(step.run ?? ''));
	const usesAt = (action) => steps.findIndex((step) => (step.uses ?? '').startsWith(action));

	test('runs weekly, on every pull request and by hand; one job, read-only', () => {
		expect(Object.keys(workflow.on).sort()).toEqual([
			'pull_request',
			'schedule',
			'workflow_dispatch',
		]);
		expect(workflow.on.schedule).toHaveLength(1);
		// Five fields, the day of the week set: once a week.
		const fields = workflow.on.schedule[0].cron.split(' ');
		expect(fields).toHaveLength(5);
		expect(fields[4]).toMatch(/^[0-6]$/);
		expect(fields[2]).toBe('*');
		expect(workflow.on.pull_request?.branches).toBeUndefined();
		expect(jobs).toHaveLength(1);
		expect(workflow.permissions).toEqual({ contents: 'read' });
	});

	test('runs `npm run test:compat` after the shared setup and the matrix install, on the Node of the newest n8n', () => {
		expect(pkg.scripts['test:compat']).toBe('node scripts/compat/run.js');
		const checkout = usesAt('actions/checkout@');
		const setupNode = usesAt('actions/setup-node@');
		const install = runAt(/^npm ci\b/);
		const setup = steps.findIndex((step) => step.uses === SETUP);
		const matrix = steps.findIndex((step) => step.run === 'node scripts/ensure-n8n.js --matrix');
		const compat = steps.findIndex((step) => step.run === 'npm run test:compat');
		expect([checkout, setupNode, install, setup, matrix, compat].every((index) => index >= 0)).toBe(
			true,
		);
		expect(checkout).toBeLessThan(setupNode);
		expect(setupNode).toBeLessThan(setup);
		expect(install).toBeLessThan(compat);
		// ensure-n8n --matrix needs the system programs and the cache the setup restores.
		expect(setup).toBeLessThan(matrix);
		expect(matrix).toBeLessThan(compat);
		// verdaccio and the newest n8n need Node 24 (scripts/n8n-env.js).
		expect(String(steps[setupNode].with['node-version'])).toBe(String(semver.major(VERSIONS.node)));
		// The results are kept even when a check failed.
		const upload = steps[usesAt('actions/upload-artifact@')];
		expect(upload.if).toBe('always()');
		expect(upload.with.path).toMatch(/docs\/compatibility\.json/);
		expect(upload.with.path).toMatch(/docs\/compatibility\.md/);
	});

	test("caches the matrix under its own key (the pinned versions), never in ci.yml's cache", () => {
		const action = YAML.parse(read('.github', 'actions', 'setup', 'action.yml'));
		const cacheStep = action.runs.steps.find((step) => /^actions\/cache@/.test(step.uses ?? ''));
		expect(cacheStep.with.path).toBe(`~/.cache/${PACKAGE_NAME}`);
		expect(cacheStep.with.key).toMatch(/^\$\{\{ inputs\.cache-key-prefix \}\}-/);
		// The key hashes scripts/n8n-env.js, where the matrix's versions are pinned.
		expect(cacheStep.with.key).toMatch(/hashFiles\([^)]*'scripts\/n8n-env\.js'/);
		const defaultPrefix = action.inputs['cache-key-prefix'].default;
		const prefix = steps.find((step) => step.uses === SETUP).with['cache-key-prefix'];
		expect(prefix).toEqual(expect.any(String));
		expect(prefix).not.toBe(defaultPrefix);
		// ci.yml and publish.yml keep the default key.
		for (const name of ['ci.yml', 'publish.yml']) {
			const other = YAML.parse(read('.github', 'workflows', name));
			const setupStep = Object.values(other.jobs)[0].steps.find((step) => step.uses === SETUP);
			expect(setupStep.with?.['cache-key-prefix']).toBeUndefined();
		}
	});
});

describe('npm test does not run the compatibility suite', () => {
	test('scripts/test.sh never starts it', () => {
		expect(read('scripts', 'test.sh')).not.toMatch(
			/test:compat|scripts\/compat\/run|test\/compat\/version/,
		);
	});

	test("none of jest's test files is or loads the compat runner or its checks", () => {
		const listed = spawnSync('npx', ['--no-install', 'jest', '--listTests', '--json'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		expect(listed.status).toBe(0);
		const files = JSON.parse(listed.stdout.slice(listed.stdout.indexOf('[')));
		expect(files.length).toBeGreaterThan(50);
		const compatSuite = /test\/compat\/(version|session|outcome|checks\/)|scripts\/compat\/run/;
		for (const file of files) {
			const relative = path.relative(ROOT, file);
			expect({ relative, isCompat: compatSuite.test(relative) }).toEqual({
				relative,
				isCompat: false,
			});
			const loads = fs
				.readFileSync(file, 'utf8')
				.match(/require\(['"][^'"]*compat\/(version|run|checks\/[^'"]*)['"]\)/g);
			expect({ relative, loads }).toEqual({ relative, loads: null });
		}
	}, 60000);
});
