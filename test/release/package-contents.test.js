'use strict';
/**
 * What `npm pack` (and so `npm publish`) ships: package.json, README, LICENSE, CHANGELOG and the
 * built dist/ with every node and credential package.json declares; no sources, tests or tooling.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TOP_LEVEL = ['CHANGELOG.md', 'LICENSE.md', 'README.md', 'package.json'];

let files;
beforeAll(() => {
	// `npm test` builds before jest; a jest run on its own builds here.
	const built = [...pkg.n8n.nodes, ...pkg.n8n.credentials].every((entry) =>
		fs.existsSync(path.join(ROOT, entry)),
	);
	if (!built) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
	files = packed.files.map((file) => file.path);
}, 120000);

test('ships package.json, README, LICENSE, CHANGELOG and dist/ only', () => {
	const outsideDist = files.filter((file) => !file.startsWith('dist/')).sort();
	expect(outsideDist).toEqual(TOP_LEVEL);
	expect(files.filter((file) => file.startsWith('dist/')).length).toBeGreaterThan(0);
});

test('dist/ in the package has every node and credential package.json declares, with its icons', () => {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	for (const node of pkg.n8n.nodes) {
		const folder = path.posix.dirname(node);
		expect(files.some((file) => file.startsWith(`${folder}/`) && file.endsWith('.svg'))).toBe(true);
	}
});

test('no test, source map of tests, TypeScript source or tooling slips into dist/', () => {
	expect(files.filter((file) => /(^|\/)(test|bench|scripts|examples)\//.test(file))).toEqual([]);
	expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
});
