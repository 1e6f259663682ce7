'use strict';
/**
 * What `npm pack` (and so `npm publish`) ships: package.json, README, LICENSE, CHANGELOG, index.js
 * (package.json → main) and the built dist/ with every node and credential package.json declares:
 * only what n8n reads (code, codex files, icons). No type declarations or source maps (tsc writes
 * them into dist/ for development; package.json → files leaves them out: 443 of 949 kB unpacked),
 * no sources, tests or tooling.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const TOP_LEVEL = ['CHANGELOG.md', 'LICENSE.md', 'README.md', 'index.js', 'package.json'];

let files;
let work;
/** The package as npm unpacks it, in a folder whose node_modules holds n8n-workflow. */
let unpacked;
beforeAll(() => {
	// `npm test` builds before jest; a jest run on its own builds here.
	const built = [...pkg.n8n.nodes, ...pkg.n8n.credentials].every((entry) =>
		fs.existsSync(path.join(ROOT, entry)),
	);
	if (!built) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'ignore' });
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'package-contents-'));
	const [packed] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
	files = packed.files.map((file) => file.path);
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', work]);
	unpacked = path.join(work, 'package');
	// n8n provides the peer dependency n8n-workflow; the repository's copy stands in for it.
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(work, 'node_modules'));
}, 120000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('ships package.json, README, LICENSE, CHANGELOG, index.js and dist/ only', () => {
	const outsideDist = files.filter((file) => !file.startsWith('dist/')).sort();
	expect(outsideDist).toEqual(TOP_LEVEL);
	expect(pkg.main).toBe('index.js');
	expect(files.filter((file) => file.startsWith('dist/')).length).toBeGreaterThan(0);
});

test('dist/ holds what n8n reads of the built nodes and credentials: their code, codex files and icons', () => {
	// n8n reads package.json at the top level; tsc used to copy it into dist/ as well.
	expect(files).not.toContain('dist/package.json');
	const elsewhere = files.filter(
		(file) =>
			file.startsWith('dist/') &&
			!/^dist\/(nodes|credentials)\/.+(\.js|\.node\.json|\.svg|\.png)$/.test(file),
	);
	expect(elsewhere).toEqual([]);
});

test('no type declarations or source maps: n8n never reads them', () => {
	expect(files.filter((file) => /\.d\.ts$|\.map$/.test(file))).toEqual([]);
});

test('dist/ in the package has every node and credential package.json declares, with its icons', () => {
	for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
	for (const node of pkg.n8n.nodes) {
		const folder = path.posix.dirname(node);
		expect(files.some((file) => file.startsWith(`${folder}/`) && file.endsWith('.svg'))).toBe(true);
	}
});

test('no test, TypeScript source or tooling slips into dist/', () => {
	expect(files.filter((file) => /(^|\/)(test|bench|scripts|examples)\//.test(file))).toEqual([]);
	expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
});

describe('index.js (package.json → main), required from the unpacked package', () => {
	/**
	 * Requires the package by its folder (so through `main`) in a fresh Node, recording every
	 * require() made from a file of the package, and what each file package.json → n8n lists exports.
	 */
	function loadPackage() {
		const probe = `
			const Module = require('node:module');
			const path = require('node:path');
			const [dir] = process.argv.slice(1);
			const requests = [];
			const load = Module._load;
			Module._load = function (request, parent, ...rest) {
				if (parent?.filename?.startsWith(dir + path.sep)) {
					requests.push({ from: path.relative(dir, parent.filename), request });
				}
				return load.call(this, request, parent, ...rest);
			};
			const main = require(dir);
			const { n8n } = require(path.join(dir, 'package.json'));
			const listed = [...n8n.nodes, ...n8n.credentials].map((file) => {
				const exported = require(path.join(dir, file));
				return Object.entries(exported).map(([name, Class]) => {
					const instance = new Class();
					return {
						file,
						name,
						className: Class.name,
						sameAsMain: main[name] === Class,
						nodeType: instance.description?.name,
						credentialType: instance.description ? undefined : instance.name,
					};
				});
			});
			console.log(JSON.stringify({ mainNames: Object.keys(main), listed: listed.flat(), requests }));
		`;
		return JSON.parse(
			execFileSync(process.execPath, ['-e', probe, unpacked], { encoding: 'utf8' }),
		);
	}

	let loaded;
	beforeAll(() => {
		loaded = loadPackage();
	});

	test('exports the class of every node and credential package.json → n8n lists, by its name', () => {
		const listedFiles = [...pkg.n8n.nodes, ...pkg.n8n.credentials];
		expect([...new Set(loaded.listed.map((entry) => entry.file))]).toEqual(listedFiles);
		for (const entry of loaded.listed) {
			expect(entry.className).toBe(entry.name);
			expect(entry.sameAsMain).toBe(true);
		}
		expect(loaded.mainNames.sort()).toEqual(loaded.listed.map((entry) => entry.name).sort());
	});

	test('a node export is a node type and a credential export a credential type', () => {
		for (const entry of loaded.listed) {
			const isNode = pkg.n8n.nodes.includes(entry.file);
			expect(typeof (isNode ? entry.nodeType : entry.credentialType)).toBe('string');
			expect(isNode ? entry.credentialType : entry.nodeType).toBeUndefined();
		}
	});

	test('loads the listed dist/ files only, and they load n8n-workflow, node:crypto and each other', () => {
		const fromMain = loaded.requests.filter((entry) => entry.from === 'index.js');
		expect(fromMain.map((entry) => path.posix.normalize(entry.request)).sort()).toEqual(
			[...pkg.n8n.nodes, ...pkg.n8n.credentials].sort(),
		);
		const outside = loaded.requests.filter(
			(entry) =>
				!entry.request.startsWith('.') && !['n8n-workflow', 'node:crypto'].includes(entry.request),
		);
		expect(outside).toEqual([]);
	});
});
