'use strict';
/**
 * The CHANGELOG check (sectionHeading, used by workflows.test.js on CHANGELOG.md) accepts what
 * `npm run release` writes after a bump, so the release commit passes its own `npm test` on main
 * and again in publish.yml; the hand-written 0.1.0 section passes too.
 */
const fs = require('node:fs');
const path = require('node:path');
const { afterBumpHook, bumpedChangelog, sectionHeading } = require('./changelog');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

test('the hook is the one n8n-node release runs, with the auto-changelog pinned in package.json', () => {
	expect(afterBumpHook()).toBe('npx auto-changelog -p');
	const installed = JSON.parse(
		fs.readFileSync(path.join(ROOT, 'node_modules', 'auto-changelog', 'package.json'), 'utf8'),
	);
	expect(pkg.devDependencies['auto-changelog']).toBe(installed.version);
});

describe.each([
	['a minor', '0.2.0'],
	['a major', '1.0.0'],
	['a prerelease', '1.0.0-rc.1'],
])('after %s bump (%s)', (_kind, version) => {
	test.each([
		['the previous version tagged', '0.1.0'],
		['a clone without tags', null],
	])(
		'with %s, the new CHANGELOG.md has a section the check finds',
		(_history, previousTag) => {
			const changelog = bumpedChangelog(version, { previousTag });
			const heading = sectionHeading(changelog, version);
			expect(heading).toBeDefined();
			// The tool's heading (#### [x.y.z](…) or #### x.y.z), the first release in the file.
			expect(heading).toMatch(/^#{3,4} /);
			const firstRelease = changelog.split('\n').find((line) => /^#{2,4} \[?\d/.test(line));
			expect(firstRelease).toBe(heading);
		},
		120000,
	); // runs the release tooling: a few seconds each on a busy machine
});

test('the hand-written section of 0.1.0 passes; a version without a section does not', () => {
	const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
	const handWritten = '## 0.1.0\n\nFirst release.\n';
	expect(sectionHeading(handWritten, '0.1.0')).toBe('## 0.1.0');
	expect(sectionHeading(changelog, '1.0.0')).toBeUndefined();
	expect(sectionHeading(handWritten, '0.2.0')).toBeUndefined();
}, 120000);
