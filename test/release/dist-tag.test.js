'use strict';
/**
 * scripts/dist-tag.js: the npm dist-tag of a version, `next` for a prerelease and `latest`
 * otherwise (publish.yml uses it; workflows.test.js checks what npm then does with it).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { distTag } = require('../../scripts/dist-tag');

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'dist-tag.js');

test.each([
	['0.1.0', 'latest'],
	['2.10.3', 'latest'],
	['1.0.0+build.7', 'latest'],
	['1.0.0-rc.1', 'next'],
	['0.3.0-beta', 'next'],
	['1.0.0-alpha.1+build.7', 'next'],
])('%s → %s', (version, tag) => {
	expect(distTag(version)).toBe(tag);
});

test.each(['v1.0.0', '1.0', '1.0.0-', 'latest', ''])('"%s" is refused', (version) => {
	expect(() => distTag(version)).toThrow(/not a semver version/);
});

describe('the command line', () => {
	const run = (args, cwd) =>
		spawnSync(process.execPath, [SCRIPT, ...args], { cwd, encoding: 'utf8' });

	test('prints the tag of the version it is given', () => {
		const result = run(['1.0.0-rc.1']);
		expect(result.status).toBe(0);
		expect(result.stdout).toBe('next\n');
	});

	test('without one, the tag of ./package.json’s version', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dist-tag-'));
		try {
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: '0.2.0' }));
			expect(run([], dir).stdout).toBe('latest\n');
			fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ version: '0.2.0-rc.2' }));
			expect(run([], dir).stdout).toBe('next\n');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('exits 1, printing nothing, for a version that is not semver', () => {
		const result = run(['v1.0.0']);
		expect(result.status).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toMatch(/not a semver version/);
	});
});
