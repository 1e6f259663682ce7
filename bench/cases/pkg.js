'use strict';
// Figure 5: what `npm pack` would ship. The package is built into a temporary folder exactly as
// `npm run build` builds it (tsc with the project's tsconfig + the gulp icon/codex copy), so the
// repository's own dist/ is never touched, then `npm pack --dry-run --json` reports unpackedSize.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { repoPath } = require('../lib/tsRequire');

const run = promisify(execFile);
const ONE_MB = 1024 * 1024;
const ALWAYS_SHIPPED = /^(readme|license|licence|changelog)(\.|$)/i;

// Copies what gulp's build:icons copies: icons (png/svg) under nodes/ and credentials/, and the codex files.
function copyAssets(fromRoot, toDist) {
	const wanted = (top, name) =>
		/\.(png|svg)$/.test(name) || (top === 'nodes' && name.endsWith('.node.json'));
	const walk = (top, rel) => {
		for (const entry of fs.readdirSync(path.join(fromRoot, rel), { withFileTypes: true })) {
			const child = path.join(rel, entry.name);
			if (entry.isDirectory()) walk(top, child);
			else if (wanted(top, entry.name)) {
				fs.mkdirSync(path.join(toDist, rel), { recursive: true });
				fs.copyFileSync(path.join(fromRoot, child), path.join(toDist, child));
			}
		}
	};
	for (const top of ['nodes', 'credentials'])
		if (fs.existsSync(path.join(fromRoot, top))) walk(top, top);
}

async function measurePackage() {
	const root = repoPath();
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
	const runtimeDeps = [
		...Object.keys(pkg.dependencies ?? {}),
		...Object.keys(pkg.optionalDependencies ?? {}),
		...(pkg.bundleDependencies ?? pkg.bundledDependencies ?? []),
	];
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'));
	try {
		const dist = path.join(work, 'dist');
		const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
		let buildErrors = 0;
		try {
			await run(
				process.execPath,
				[
					tsc,
					'-p',
					path.join(root, 'tsconfig.json'),
					'--outDir',
					dist,
					'--tsBuildInfoFile',
					path.join(work, 'tsbuildinfo'),
				],
				{
					cwd: root,
					maxBuffer: 64 * ONE_MB,
				},
			);
		} catch (error) {
			// tsc still emits on type errors (noEmitOnError is off): count them and measure anyway
			buildErrors = (String(error.stdout).match(/error TS\d+/g) ?? []).length || 1;
		}
		copyAssets(root, dist);
		fs.copyFileSync(path.join(root, 'package.json'), path.join(work, 'package.json'));
		for (const file of fs.readdirSync(root)) {
			if (ALWAYS_SHIPPED.test(file) && fs.statSync(path.join(root, file)).isFile())
				fs.copyFileSync(path.join(root, file), path.join(work, file));
		}
		const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: work,
			maxBuffer: 64 * ONE_MB,
		});
		const [report] = JSON.parse(stdout);
		const biggest = [...report.files].sort((a, b) => b.size - a.size).slice(0, 3);
		return {
			unpackedSize: report.unpackedSize,
			packedSize: report.size,
			entryCount: report.entryCount,
			runtimeDeps,
			buildErrors,
			biggest: biggest.map((f) => `${f.path} ${(f.size / 1024).toFixed(1)} kB`),
			sourceMaps: report.files
				.filter((f) => f.path.endsWith('.map'))
				.reduce((sum, f) => sum + f.size, 0),
		};
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

async function packageCase() {
	const m = await measurePackage();
	const note = [
		`${m.entryCount} files, packed ${(m.packedSize / 1024).toFixed(0)} kB`,
		m.sourceMaps ? `source maps ${(m.sourceMaps / 1024).toFixed(0)} kB of it` : undefined,
		m.buildErrors ? `tsc reported ${m.buildErrors} type error(s) during the build` : undefined,
		`largest: ${m.biggest.join(', ')}`,
	]
		.filter(Boolean)
		.join('; ');
	return [
		{
			id: 'package.unpackedSize',
			figure: 'npm pack unpacked size',
			value: m.unpackedSize / ONE_MB,
			unit: 'MB',
			goal: 1,
			goalText: '< 1 MB',
			pass: m.unpackedSize < ONE_MB,
			detail: note,
			raw: m,
		},
		{
			id: 'package.runtimeDependencies',
			figure: 'runtime dependencies',
			value: m.runtimeDeps.length,
			unit: '',
			goal: 0,
			goalText: '0',
			pass: m.runtimeDeps.length === 0,
			detail: m.runtimeDeps.length
				? m.runtimeDeps.join(', ')
				: 'dependencies, optionalDependencies, bundleDependencies all empty',
		},
	];
}

module.exports = { packageCase, measurePackage };
