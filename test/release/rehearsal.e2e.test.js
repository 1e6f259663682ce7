'use strict';
/**
 * The release rehearsal: what a release does, up to the registry, on this machine only.
 *   1. A clean copy of the committed HEAD (a temp clone on main with a local bare upstream) runs the
 *      repo's own `npm run release` (n8n-node release: lint, build, release-it bump, auto-changelog,
 *      commit, tag) with pushing, the GitHub release and publishing off; the release tests
 *      (`jest test/release`, without this file) pass on the release commit (they run alongside
 *      the steps below; the last test waits for them).
 *   2. The release commit's tarball is published to a throw-away verdaccio on 127.0.0.1 as
 *      publish.yml would: a release under `latest`, a prerelease under `next` (scripts/dist-tag.js).
 *   3. A fresh real n8n, its registry traffic sent to that registry by a local proxy for
 *      registry.npmjs.org, installs the package through its own installer as the owner
 *      (POST /rest/community-packages), loads six nodes and five tools, runs an example workflow
 *      against the fakes, updates to a newer version through n8n (PATCH) and runs it again,
 *      then uninstalls it (DELETE).
 *   4. The README's manual route, with the exact command the README gives, then the README's
 *      setting for that folder and a plain `npm update` to a newer version.
 * In both routes the package must resolve n8n's own n8n-workflow inside the n8n process.
 * Needs the cached n8n (scripts/ensure-n8n.js) and verdaccio (installed into the cache on first use,
 * from npm's registry, like n8n).
 * Network: none but the loopback. The local registry has no uplink (it answers 404 for anything not
 * published here), n8n's npm reaches it through the proxy, which refuses every other destination,
 * and every Node process the rehearsal starts (and the ones they start) carries a connection probe
 * (scripts/rehearsal/connection-probe.js): the last test checks that none connected elsewhere.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n } = require('../../scripts/ensure-n8n');
const { runToEnd } = require('../../scripts/local-processes');
const { paths, PACKAGE_NAME } = require('../../scripts/n8n-env');
const { createCleanCopy, git } = require('../../scripts/rehearsal/clean-copy');
const { releaseLocally, maintainerEnv } = require('../../scripts/rehearsal/release-locally');
const { startStage } = require('../../scripts/rehearsal/stage');
const { publishAsCi, pack, asVersion } = require('../../scripts/rehearsal/publish-as-ci');
const { compatSession } = require('../compat/session');
const {
	checkRuntimeResolution,
	copiesOnDisk,
} = require('../../scripts/rehearsal/runtime-resolution');
const {
	readmeManualCommand,
	readmeFolderSetting,
	takeManualRoute,
	runAsUser,
} = require('../../scripts/rehearsal/manual-route');
const { connectionWatch } = require('../../scripts/rehearsal/connection-probe');
const {
	declaredNodeTypes,
	packageTypesIn,
} = require('../../scripts/rehearsal/package-node-types');
const { startExampleFakes, exampleCredentials } = require('../e2e/examples-fakes');
const { loadExample, pointAtFakes } = require('../e2e/examples-rewrite');
const { stepTimings } = require('../e2e/step-timings');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const SETUP_TIMEOUT_MS = 30 * 60 * 1000;
const STEP_TIMEOUT_MS = 10 * 60 * 1000;
const EXAMPLE = '01-image-editor-generate-then-edit.json';
const IMAGE_EDITOR_PROCESS = '/api/v1/image-editor/process';

/**
 * From the current version: the release (next minor), a later prerelease, the update (a patch of
 * the release) and a later patch for `npm update` in the manual route's folder.
 */
function rehearsalVersions(current) {
	const [major, minor] = current.split(/[.-]/).map(Number);
	return {
		release: `${major}.${minor + 1}.0`,
		prerelease: `${major}.${minor + 2}.0-rc.1`,
		update: `${major}.${minor + 1}.1`,
		later: `${major}.${minor + 1}.2`,
	};
}

const { timings, timed } = stepTimings();

describe('release rehearsal', () => {
	let dir;
	let copy;
	let versions;
	let release;
	let releaseTests;
	let watch; // the connection probe of every process started from here on
	let stageAddresses; // the registry's and the proxy's host:port

	beforeAll(async () => {
		await timed('ensure n8n', async () => ensureN8n());
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'release-rehearsal-'));
		watch = connectionWatch(path.join(dir, 'connections.jsonl'));
		fs.mkdirSync(path.join(dir, 'copy'));
		copy = createCleanCopy({ sourceDir: REPO_ROOT, dir: path.join(dir, 'copy') });
		const current = JSON.parse(
			fs.readFileSync(path.join(copy.workDir, 'package.json'), 'utf8'),
		).version;
		versions = rehearsalVersions(current);
		release = await timed('npm run release', () =>
			releaseLocally({
				workDir: copy.workDir,
				version: versions.release,
				binDir: path.join(dir, 'bin'),
				env: watch.env,
			}),
		);
		// The release tests run on the release commit while the registry and n8n steps go on; the
		// last test waits for them.
		releaseTests = timed('release tests on the release commit (alongside the n8n steps)', () =>
			runToEnd(
				'npx',
				[
					'--no-install',
					'jest',
					'--ci',
					'test/release',
					'--testPathIgnorePatterns',
					'<rootDir>/test/release/rehearsal\\.',
				],
				{
					cwd: copy.workDir,
					env: maintainerEnv(watch.env),
				},
			),
		);
		releaseTests.catch(() => undefined); // awaited (and reported) by its test
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await releaseTests?.catch(() => undefined);
		if (dir && process.env.E2E_KEEP !== '1') fs.rmSync(dir, { recursive: true, force: true });
		console.log(`release rehearsal timings (s): ${JSON.stringify(timings, null, 1)}`);
	});

	test('npm run release bumps, regenerates the CHANGELOG, commits and tags; only push, GitHub release and questions are off', () => {
		expect(release).toMatchObject({
			version: versions.release,
			tag: versions.release,
			commitSubject: `Release ${versions.release}`,
			clean: true,
		});
		// The release commit sits on the source's HEAD (after the empty commit a tagged HEAD needs).
		expect(git(copy.workDir, ['rev-parse', copy.addedCommit ? 'HEAD~2' : 'HEAD~1']).stdout).toBe(
			copy.head,
		);
		// One release-it call, n8n-node release's own flags with exactly three changes.
		expect(release.releaseItCalls).toHaveLength(1);
		const [{ original, rewritten }] = release.releaseItCalls;
		expect(rewritten.filter((flag) => !original.includes(flag))).toEqual([
			'--no-git.push',
			'--no-github.release',
			'--ci',
			`--increment=${versions.release}`,
		]);
		expect(original.filter((flag) => !rewritten.includes(flag))).toEqual([
			'--git.push',
			'--github.release',
		]);
		expect(original).toEqual(
			expect.arrayContaining([
				'--git.commit',
				'--git.tag',
				'--npm.publish=false',
				'--hooks.after:bump="npx auto-changelog -p"',
			]),
		);
		// auto-changelog rewrote the CHANGELOG with a section for the new version, committed with the bump.
		const changed = git(copy.workDir, ['show', '--name-only', '--format=', 'HEAD'])
			.stdout.split('\n')
			.sort();
		expect(changed).toEqual(expect.arrayContaining(['CHANGELOG.md', 'package.json']));
		const changelog = fs.readFileSync(path.join(copy.workDir, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toMatch(
			new RegExp(`^#+ \\[?${versions.release.replace(/\./g, '\\.')}\\]?`, 'm'),
		);
		// Nothing left the copy: upstream still at the source's HEAD, no tag there.
		expect(git(copy.upstreamDir, ['tag', '--list']).stdout.split('\n')).not.toContain(
			versions.release,
		);
	});

	describe('published to a local registry, installed by n8n', () => {
		let stage;
		let tarball;
		let expected;
		let fakes;
		let credentials;
		let first; // { n8n, api } of the installer route
		let installed;
		let firstSession; // compatSession of first.api
		let exampleRun;
		let manualNodesDir;

		beforeAll(async () => {
			// No uplink: the registry serves only what is published here.
			stage = await timed('local registry + proxy', () =>
				startStage({ dir: path.join(dir, 'stage'), runtime: paths(), env: watch.env }),
			);
			tarball = pack(copy.workDir, path.join(dir, 'packed'), { env: watch.env });
			stageAddresses = {
				registry: new URL(stage.registry.url).host,
				proxy: new URL(stage.proxy.url).host,
			};
			expected = declaredNodeTypes(copy.workDir);
			fakes = await startExampleFakes();
			credentials = exampleCredentials(fakes);
		}, STEP_TIMEOUT_MS);

		afterAll(async () => {
			await stage?.stop();
			await fakes?.close();
		}, STEP_TIMEOUT_MS);

		test('the local registry has no uplink: what is not published here is a 404', async () => {
			const response = await fetch(`${stage.registry.url}n8n-workflow`);
			expect(response.status).toBe(404);
		});

		test(
			'a release is published under latest, a prerelease under next (the dist-tag publish.yml gives it)',
			async () => {
				await timed('publish release', () =>
					publishAsCi(stage.registry, tarball, versions.release),
				);
				const prerelease = asVersion(tarball, versions.prerelease, path.join(dir, 'prerelease'));
				expect(
					await timed('publish prerelease', () =>
						publishAsCi(stage.registry, prerelease, versions.prerelease),
					),
				).toBe('next');
				expect(await stage.registry.distTags(PACKAGE_NAME)).toEqual({
					latest: versions.release,
					next: versions.prerelease,
				});
			},
			STEP_TIMEOUT_MS,
		);

		test(
			"n8n's installer (POST /rest/community-packages) installs latest: six nodes and five tools load",
			async () => {
				expect(expected.nodes).toHaveLength(6);
				expect(expected.tools).toHaveLength(5);
				first = await timed('n8n start (fresh)', () => stage.startN8n('installer'));
				installed = await timed('install through n8n', () =>
					first.api.communityPackages.install(PACKAGE_NAME),
				);
				expect(installed).toMatchObject({
					packageName: PACKAGE_NAME,
					installedVersion: versions.release,
				});
				expect(installed.installedNodes.map((node) => node.type).sort()).toEqual(expected.nodes);
				expect(packageTypesIn(await first.api.nodeTypes())).toEqual(
					[...expected.nodes, ...expected.tools].sort(),
				);
				// The package was fetched from the local registry through the proxy, under the public registry's name.
				expect(stage.proxy.forwarded).toContain(
					`GET registry.npmjs.org/${PACKAGE_NAME}/-/${PACKAGE_NAME}-${versions.release}.tgz`,
				);
				const manifest = JSON.parse(
					fs.readFileSync(
						path.join(first.n8n.nodesDir, 'node_modules', PACKAGE_NAME, 'package.json'),
						'utf8',
					),
				);
				expect(manifest).toMatchObject({ name: PACKAGE_NAME, version: versions.release });
				expect(manifest.peerDependencies).toBeUndefined(); // n8n's installer drops them
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'an example workflow runs in that n8n against the fakes',
			async () => {
				expect(installed).toBeDefined();
				firstSession = compatSession(first.api, credentials);
				exampleRun = await timed('example workflow', () =>
					firstSession.run(pointAtFakes(loadExample(EXAMPLE), fakes)),
				);
				expect({ status: exampleRun.status, error: exampleRun.error }).toEqual({
					status: 'success',
					error: undefined,
				});
				const [edited] = exampleRun.outputs('Edit the result');
				expect(edited.json).toMatchObject({
					status: 'completed',
					result_image_id: expect.any(String),
				});
				expect(fakes.flokan.requests('POST', IMAGE_EDITOR_PROCESS)).toHaveLength(2);
			},
			STEP_TIMEOUT_MS,
		);

		test("the installed package resolves n8n's own n8n-workflow inside the n8n process", () => {
			expect(exampleRun).toBeDefined();
			const check = checkRuntimeResolution({
				probeEntries: first.n8n.probeEntries(),
				nodesDir: first.n8n.nodesDir,
				packageName: PACKAGE_NAME,
				version: versions.release,
			});
			expect(check.problems).toEqual([]);
			expect(check.loads).toBeGreaterThan(0);
		});

		test(
			'a newer version is published and n8n updates to it (PATCH): the new version is loaded and runs',
			async () => {
				expect(exampleRun).toBeDefined();
				const update = asVersion(tarball, versions.update, path.join(dir, 'update'));
				await timed('publish update', () => publishAsCi(stage.registry, update, versions.update));
				expect(await stage.registry.distTags(PACKAGE_NAME)).toEqual({
					latest: versions.update,
					next: versions.prerelease,
				});

				const updated = await timed('update through n8n', () =>
					first.api.communityPackages.update(PACKAGE_NAME),
				);
				expect(updated).toMatchObject({
					packageName: PACKAGE_NAME,
					installedVersion: versions.update,
				});
				expect(await first.api.communityPackages.list()).toEqual([
					expect.objectContaining({ installedVersion: versions.update }),
				]);
				expect(packageTypesIn(await first.api.nodeTypes())).toEqual(
					[...expected.nodes, ...expected.tools].sort(),
				);
				// n8n dropped the old modules and required the new version's files (seen inside the process).
				const afterUpdate = checkRuntimeResolution({
					probeEntries: first.n8n.probeEntries(),
					nodesDir: first.n8n.nodesDir,
					packageName: PACKAGE_NAME,
					version: versions.update,
				});
				expect(afterUpdate.problems).toEqual([]);

				fakes.flokan.clearLog();
				const again = await timed('example workflow after the update', () =>
					firstSession.runSaved(exampleRun.workflow),
				);
				expect({ status: again.status, error: again.error }).toEqual({
					status: 'success',
					error: undefined,
				});
				expect(fakes.flokan.requests('POST', IMAGE_EDITOR_PROCESS)).toHaveLength(2);
			},
			STEP_TIMEOUT_MS,
		);

		test(
			'uninstall through n8n (DELETE): the package, its nodes and its files are gone',
			async () => {
				expect(first).toBeDefined();
				await timed('uninstall through n8n', () =>
					first.api.communityPackages.uninstall(PACKAGE_NAME),
				);
				expect(await first.api.communityPackages.list()).toEqual([]);
				expect(packageTypesIn(await first.api.nodeTypes())).toEqual([]);
				expect(fs.existsSync(path.join(first.n8n.nodesDir, 'node_modules', PACKAGE_NAME))).toBe(
					false,
				);
				await first.n8n.stop();
			},
			STEP_TIMEOUT_MS,
		);

		test(
			"the README's manual route installs without a second n8n-workflow, and the package resolves n8n's own",
			async () => {
				const command = readmeManualCommand(
					fs.readFileSync(path.join(copy.workDir, 'README.md'), 'utf8'),
				);
				// On the installer route's user folder, now without the package (n8n stopped).
				const manual = await timed('manual route (README command + n8n restart)', () =>
					takeManualRoute(stage, { command, name: 'installer' }),
				);
				try {
					const installedManifest = path.join(
						manual.n8n.nodesDir,
						'node_modules',
						PACKAGE_NAME,
						'package.json',
					);
					expect(JSON.parse(fs.readFileSync(installedManifest, 'utf8')).version).toBe(
						versions.update,
					);
					expect(packageTypesIn(await manual.api.nodeTypes())).toEqual(
						[...expected.nodes, ...expected.tools].sort(),
					);
					fakes.flokan.clearLog();
					const manualRun = await timed('example workflow (manual route)', () =>
						compatSession(manual.api, credentials).run(pointAtFakes(loadExample(EXAMPLE), fakes)),
					);
					expect({ status: manualRun.status, error: manualRun.error }).toEqual({
						status: 'success',
						error: undefined,
					});
					const check = checkRuntimeResolution({
						probeEntries: manual.n8n.probeEntries(),
						nodesDir: manual.n8n.nodesDir,
						packageName: PACKAGE_NAME,
						version: versions.update,
					});
					expect({ command, problems: check.problems }).toEqual({ command, problems: [] });
					expect(check.loads).toBeGreaterThan(0);
					manualNodesDir = manual.n8n.nodesDir;
				} finally {
					await manual.n8n.stop();
				}
			},
			STEP_TIMEOUT_MS,
		);

		test(
			"with the README's setting for that folder, a plain npm update there gets a newer version and no n8n-workflow",
			async () => {
				expect(manualNodesDir).toBeDefined();
				const readme = fs.readFileSync(path.join(copy.workDir, 'README.md'), 'utf8');
				const later = asVersion(tarball, versions.later, path.join(dir, 'later'));
				await timed('publish later', () => publishAsCi(stage.registry, later, versions.later));
				// The registry has no n8n-workflow: an npm that looked it up would fail here.
				for (const command of [
					`cd ~/.n8n/nodes && ${readmeFolderSetting(readme)}`,
					'cd ~/.n8n/nodes && npm update',
				]) {
					const result = await timed(command, () =>
						runAsUser(stage, { command, name: 'installer' }),
					);
					expect({ command, code: result.code, output: result.code ? result.output : '' }).toEqual({
						command,
						code: 0,
						output: '',
					});
				}
				const manifest = path.join(manualNodesDir, 'node_modules', PACKAGE_NAME, 'package.json');
				expect(JSON.parse(fs.readFileSync(manifest, 'utf8')).version).toBe(versions.later);
				expect(copiesOnDisk(manualNodesDir)).toEqual([]);
			},
			STEP_TIMEOUT_MS,
		);
	});

	test(
		'the release commit passes its own release tests (jest test/release)',
		async () => {
			expect(releaseTests).toBeDefined();
			const result = await releaseTests;
			expect({
				code: result.code,
				output: result.code === 0 ? '' : result.output.slice(-6000),
			}).toEqual({ code: 0, output: '' });
			expect(result.output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
		},
		STEP_TIMEOUT_MS,
	);

	test(
		'no process the rehearsal started connected anywhere but the loopback',
		async () => {
			await releaseTests; // every process it started has ended
			const entries = watch.entries();
			const byProgram = {};
			for (const { program, host, port } of entries)
				(byProgram[program] ??= new Set()).add(`${host}:${port}`);
			console.log(
				`release rehearsal connections: ${JSON.stringify(
					Object.fromEntries(Object.entries(byProgram).map(([name, to]) => [name, [...to]])),
				)}`,
			);
			// The probe was in the processes that publish (to the registry) and in n8n's npm (the proxy).
			expect(stageAddresses).toBeDefined();
			const destinations = entries.map(({ host, port }) => `${host}:${port}`);
			expect(destinations).toEqual(
				expect.arrayContaining([stageAddresses.registry, stageAddresses.proxy]),
			);
			expect(watch.outside()).toEqual([]);
		},
		STEP_TIMEOUT_MS,
	);
});
