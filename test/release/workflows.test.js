'use strict';
/**
 * The GitHub Actions workflows, parsed as GitHub reads them (YAML), and the one setup both run
 * before `npm test`: CI runs the README's test command on Node 24 and on the lowest Node
 * package.json's engines admits; a version tag publishes through `npm run release` (n8n-node
 * release) with an npm provenance statement, by Trusted Publishing or the NPM_TOKEN fallback,
 * a prerelease under the `next` dist-tag.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawnSync } = require('node:child_process');
const semver = require('semver');
const YAML = require('yaml');
const { SYSTEM_PROGRAMS, installCommands } = require('../../scripts/system-programs');
const { VERSIONS, PACKAGE_NAME } = require('../../scripts/n8n-env');
const { freePorts } = require('../../scripts/local-processes');
const { sectionHeading } = require('./changelog');
const {
	BASE_PROGRAMS,
	programsSpawnedByName,
	programsRequired,
	scriptFiles,
} = require('./spawned-programs');

const ROOT = path.join(__dirname, '..', '..');
const readYaml = (...segments) => YAML.parse(fs.readFileSync(path.join(ROOT, ...segments), 'utf8'));
const readWorkflow = (name) => readYaml('.github', 'workflows', name);
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
const onlyJob = (workflow) => Object.values(workflow.jobs)[0];
/** The Node major n8n runs on in the real-n8n tests (scripts/n8n-env.js), today 24. */
const N8N_NODE = String(semver.major(VERSIONS.node));

describe('ci.yml', () => {
	const ci = readWorkflow('ci.yml');
	const [jobName, job] = Object.entries(ci.jobs)[0];

	test('runs on every pull request and on pushes to main', () => {
		expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['pull_request', 'push']));
		expect(ci.on.pull_request?.branches).toBeUndefined();
		expect(ci.on.push.branches).toContain('main');
		expect(Object.keys(ci.jobs)).toEqual([jobName]);
	});

	test('runs `npm test` (what .ci/run runs) on the lowest Node package.json admits and on the Node n8n needs', () => {
		const lowest = semver.minVersion(pkg.engines.node).version;
		expect(job.strategy.matrix['node-version'].map(String)).toEqual([lowest, N8N_NODE]);
		// The Node publish.yml publishes with is one of them.
		const publishNode = usesStep(onlyJob(readWorkflow('publish.yml')), 'actions/setup-node');
		expect(String(publishNode.with['node-version'])).toBe(N8N_NODE);
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

describe('the test prerequisites: one setup (.github/actions/setup) both workflows run', () => {
	const SETUP = './.github/actions/setup';
	const readAction = () => readYaml('.github', 'actions', 'setup', 'action.yml');
	const actionSteps = () => readAction().runs.steps;
	const actionRun = (command) => actionSteps().findIndex((step) => step.run === command);

	test.each(['ci.yml', 'publish.yml'])(
		'%s runs it before `npm test`, and installs nothing by itself',
		(name) => {
			const job = onlyJob(readWorkflow(name));
			const setup = steps(job).findIndex((step) => step.uses === SETUP);
			expect(setup).toBeGreaterThan(steps(job).indexOf(usesStep(job, 'actions/setup-node')));
			expect(setup).toBeLessThan(runs(job).indexOf('npm test'));
			expect(runs(job).filter((run) => /apt-get|system-programs|ensure-n8n/.test(run))).toEqual([]);
			expect(usesStep(job, 'actions/cache')).toBeUndefined();
			// Where the programs are is scripts/system-programs.js's business, not the workflow's.
			expect(JSON.stringify(job)).not.toMatch(/N8N_AI_MEDIA_CHROMIUM/);
		},
	);

	test('it installs every program of scripts/system-programs.js, with sudo on a runner that is not root', () => {
		expect(readAction().runs.using).toBe('composite');
		expect(actionRun('node scripts/system-programs.js --install')).toBeGreaterThanOrEqual(0);
		// What that command runs on a runner that has none of them and is not root.
		const [update, install] = installCommands(SYSTEM_PROGRAMS, { root: false });
		expect(update[0]).toBe('sudo');
		expect(update).toEqual(expect.arrayContaining(['apt-get', 'update']));
		expect(install[0]).toBe('sudo');
		const packages = install.slice(install.indexOf('install'));
		for (const program of SYSTEM_PROGRAMS) {
			expect(program.debianPackages.length).toBeGreaterThan(0);
			for (const debianPackage of program.debianPackages) expect(packages).toContain(debianPackage);
		}
		// The command line goes through the same list.
		const listed = spawnSync('node', ['scripts/system-programs.js'], {
			cwd: ROOT,
			encoding: 'utf8',
		});
		const names = listed.stdout
			.trim()
			.split('\n')
			.map((line) => line.split(':')[0]);
		expect(names).toEqual(SYSTEM_PROGRAMS.map((program) => program.name));
	});

	test('the list is every system program the scripts start, and no script installs one by itself', () => {
		const required = new Set();
		const byName = [];
		const installing = [];
		for (const file of scriptFiles(ROOT)) {
			const text = fs.readFileSync(file, 'utf8');
			const relative = path.relative(ROOT, file);
			for (const name of programsRequired(text)) required.add(name);
			for (const name of programsSpawnedByName(text)) {
				if (!BASE_PROGRAMS.includes(name)) byName.push(`${relative}: ${name}`);
			}
			// apt-get as a command: a quoted argv entry, or a shell line that starts with it.
			const runsAptGet = /['"]apt-get['"]|^\s*(sudo\s+)?apt-get\s/m.test(text);
			// (system-programs.js installs; this file names apt-get in its checks.)
			const mayName = ['scripts/system-programs.js', 'test/release/workflows.test.js'];
			if (runsAptGet && !mayName.includes(relative)) installing.push(relative);
		}
		expect([...required].sort()).toEqual(SYSTEM_PROGRAMS.map((program) => program.name).sort());
		// Any other program started by its name would be missing on a runner the setup did not prepare.
		expect(byName).toEqual([]);
		expect(installing).toEqual([]);
	});

	test('then n8n on Node 24 for the real-n8n tests (scripts/ensure-n8n.js), from the cache', () => {
		const programs = actionRun('node scripts/system-programs.js --install');
		const ensure = actionRun('node scripts/ensure-n8n.js');
		const cache = actionSteps().findIndex((step) => /^actions\/cache@/.test(step.uses ?? ''));
		// ensure-n8n checks that Chromium is there, so the programs come first.
		expect(programs).toBeLessThan(ensure);
		expect(cache).toBeGreaterThanOrEqual(0);
		expect(cache).toBeLessThan(ensure);
		// The folder ensure-n8n installs into when N8N_AI_MEDIA_CACHE is unset.
		expect(actionSteps()[cache].with.path).toBe(`~/.cache/${PACKAGE_NAME}`);
	});

	test('the cache key hashes every script that pins or installs what the cache holds', () => {
		const cacheStep = actionSteps().find((step) => /^actions\/cache@/.test(step.uses ?? ''));
		const hashed = [...cacheStep.with.key.matchAll(/hashFiles\(([^)]*)\)/g)].flatMap((match) =>
			[...match[1].matchAll(/'([^']+)'/g)].map((file) => file[1]),
		);
		// hashFiles() skips a file that does not exist: a renamed script would drop out unnoticed.
		for (const file of hashed) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
		// The scripts that put something into the cache folder: they name its root (cacheDir(), or
		// the .cache of paths()). Today: n8n-env.js (the pinned Node, n8n, playwright-core),
		// ensure-n8n.js (how they are installed), rehearsal/local-registry.js (verdaccio).
		const writers = scriptFiles(ROOT, ['scripts'])
			.filter((file) => /\.(c|m)?js$/.test(file))
			.filter((file) => /\bcacheDir\(\)|\.cache\b/.test(fs.readFileSync(file, 'utf8')))
			.map((file) => path.relative(ROOT, file));
		expect(writers).toEqual(
			expect.arrayContaining([
				'scripts/n8n-env.js',
				'scripts/ensure-n8n.js',
				'scripts/rehearsal/local-registry.js',
			]),
		);
		expect(hashed.sort()).toEqual(writers.sort());
	});

	test('every step runs in bash (GitHub rejects a composite run step without a shell)', () => {
		for (const step of actionSteps().filter((candidate) => candidate.run)) {
			expect(step.shell).toBe('bash');
		}
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

	describe('publishes a prerelease under the `next` dist-tag and a release under `latest`', () => {
		// n8n-node release (in GitHub Actions) runs `npm publish` with its env over process.env.
		const childProcess = fs.readFileSync(
			path.join(ROOT, 'node_modules', '@n8n', 'node-cli', 'dist', 'utils', 'child-process.js'),
			'utf8',
		);
		let closedPort;
		beforeAll(async () => {
			[closedPort] = await freePorts(1);
		});

		/**
		 * Runs the job's steps between `npm test` and the publish step in a package at `version`,
		 * then `npm publish --dry-run` with the environment the publish step hands to npm; returns
		 * npm's output. Nothing listens on the registry port: npm's dry run reports and sends nothing.
		 */
		function publishDryRun(version) {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-tag-'));
			try {
				fs.cpSync(path.join(ROOT, 'scripts'), path.join(dir, 'scripts'), { recursive: true });
				fs.writeFileSync(
					path.join(dir, 'package.json'),
					JSON.stringify({ name: pkg.name, version, files: ['index.js'] }),
				);
				fs.writeFileSync(path.join(dir, 'index.js'), '');
				const githubEnv = path.join(dir, 'github-env');
				fs.writeFileSync(githubEnv, '');
				const first = runs(job).indexOf('npm test') + 1;
				const releaseAt = runs(job).indexOf('npm run release');
				// A runner's environment: no dist-tag of the caller's.
				const runner = Object.fromEntries(
					Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_tag'),
				);
				for (const step of steps(job).slice(first, releaseAt)) {
					if (!step.run) continue;
					execFileSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
						cwd: dir,
						env: { ...runner, ...job.env, ...step.env, GITHUB_ENV: githubEnv },
						stdio: 'pipe',
					});
				}
				const fromSteps = Object.fromEntries(
					fs
						.readFileSync(githubEnv, 'utf8')
						.split('\n')
						.filter(Boolean)
						.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
				);
				const releaseEnv = Object.fromEntries(
					Object.entries(steps(job)[releaseAt].env ?? {}).filter(
						([, value]) => !/\$\{\{/.test(value),
					),
				);
				const env = { ...runner, ...job.env, ...fromSteps, ...releaseEnv, RELEASE_MODE: 'true' };
				const result = spawnSync(
					'npm',
					[
						'publish',
						'--dry-run',
						'--ignore-scripts',
						`--registry=http://127.0.0.1:${closedPort}/`,
						// npm asks the registry for the published versions; nothing answers, at once.
						'--fetch-retries=0',
					],
					{ cwd: dir, env, encoding: 'utf8' },
				);
				return `${result.stdout}${result.stderr}`;
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}

		test('n8n-node release hands its environment on to npm publish', () => {
			expect(childProcess).toMatch(/env: \{ \.\.\.process\.env, \.\.\.opts\.env \}/);
		});

		test.each([
			['1.0.0-rc.1', 'next'],
			['0.3.0-beta.2', 'next'],
			['0.2.0', 'latest'],
			['1.0.0', 'latest'],
		])(
			'%s goes under %s',
			(version, tag) => {
				expect(publishDryRun(version)).toContain(`with tag ${tag} and default access (dry-run)`);
			},
			60000,
		);
	});
});

describe('release files', () => {
	test('LICENSE.md is the MIT licence package.json names', () => {
		expect(pkg.license).toBe('MIT');
		expect(fs.readFileSync(path.join(ROOT, 'LICENSE.md'), 'utf8')).toMatch(
			/^MIT License\n[\s\S]*Permission is hereby granted, free of charge/,
		);
	});

	test('CHANGELOG.md has a section for the version in package.json, by hand or by `npm run release`', () => {
		const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
		// sectionHeading runs the release tooling (a few seconds on a busy machine).
		expect(sectionHeading(changelog, pkg.version)).toBeDefined();
	}, 120000);
});
