#!/usr/bin/env node
'use strict';
// `npm run test:compat`: the package on every n8n of the compatibility matrix (MATRIX in
// scripts/n8n-env.js), one version at a time, each from its cached install on the Node it needs
// (installed first when missing: node scripts/ensure-n8n.js --matrix does it ahead of time).
// Per version (test/compat/version.js): installed by that n8n's own community installer, the six
// nodes and five tools offered, n8n's own n8n-workflow, the examples and the AI Agent examples
// against the fakes, a stop mid-wait, a Vidgen webhook resume. The results go into
// docs/compatibility.json, from which docs/compatibility.md is regenerated.
//
//   npm run test:compat                              every version
//   npm run test:compat -- --n8n 2.15.1 [--n8n …]    only these (the others keep their last record)
//   npm run test:compat -- --working-tree            build the checkout's files (default: the committed HEAD)
//   npm run test:compat -- --tarball <file>          an `npm pack` of the package instead of a build
//   npm run test:compat -- --no-docs                 results printed, docs left as they are
// Exit 1 when any check failed.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { MATRIX, matrixEntry } = require('../n8n-env');
const { buildPackage, sourceState, REPO_ROOT } = require('./build-package');
const { checkVersion, CHECKS } = require('../../test/compat/version');
const { RECORD_FILE, DOC_FILE, ROWS, mergeRecord, readRecord, renderDoc } = require('./report');

// Every check has its row in the table, and every row its check.
const unlisted = CHECKS.filter((name) => !ROWS.some((row) => row.check === name));
const unknown = ROWS.filter((row) => !CHECKS.includes(row.check)).map((row) => row.check);
if (unlisted.length || unknown.length)
	throw new Error(`scripts/compat/report.js ROWS: no row for ${unlisted}; no check for ${unknown}`);

function parseArgs(argv) {
	const args = { versions: [], docs: true };
	for (let i = 0; i < argv.length; i++) {
		if (argv[i] === '--n8n') args.versions.push(matrixEntry(argv[++i]).n8n);
		else if (argv[i] === '--tarball') args.tarball = path.resolve(argv[++i]);
		else if (argv[i] === '--no-docs') args.docs = false;
		else if (argv[i] === '--working-tree') args.workingTree = true;
		else throw new Error(`unknown argument ${argv[i]}`);
	}
	if (!args.versions.length) args.versions = MATRIX.map((entry) => entry.n8n);
	return args;
}

function log(message) {
	process.stderr.write(`[compat] ${message}\n`);
}

/** The package to install: the given tarball, or a build of the checkout (in a temp copy). */
function preparePackage(args, dir) {
	if (!args.tarball) return buildPackage({ dir, workingTree: args.workingTree });
	const packageDir = path.join(dir, 'package');
	fs.mkdirSync(packageDir);
	require('node:child_process').execFileSync('tar', [
		'-xzf',
		args.tarball,
		'-C',
		packageDir,
		'--strip-components=1',
	]);
	// Its nodes are loaded here too (to list what it declares), against the repo's n8n-workflow.
	fs.symlinkSync(
		path.join(REPO_ROOT, 'node_modules'),
		path.join(packageDir, 'node_modules'),
		'dir',
	);
	const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	return {
		tarball: args.tarball,
		version,
		packageDir,
		commit: sourceState().commit,
		changedFiles: [],
		fromTarball: path.basename(args.tarball),
	};
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	const started = Date.now();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compat-'));
	const keep = process.env.E2E_KEEP === '1';
	try {
		log(`building the package`);
		const pkg = preparePackage(args, dir);
		log(
			`${pkg.version} (${pkg.commit.slice(0, 12)}${pkg.changedFiles.length ? ', with uncommitted changes' : ''}) on n8n ${args.versions.join(', ')}`,
		);
		const versions = [];
		for (const n8nVersion of args.versions) {
			const versionDir = path.join(dir, `n8n-${n8nVersion}`);
			fs.mkdirSync(versionDir);
			versions.push(await checkVersion({ n8nVersion, pkg, dir: versionDir }));
		}
		const run = {
			at: new Date(started).toISOString(),
			machine: { cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
			seconds: Math.round((Date.now() - started) / 1000),
			versions,
		};
		const failed = versions.flatMap((v) =>
			Object.entries(v.checks)
				.filter(([, c]) => !c.ok)
				.map(([name, c]) => `n8n ${v.n8n} ${name}: ${c.problems.join(' | ')}`),
		);
		if (args.docs) {
			const record = mergeRecord(readRecord(), run);
			fs.writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, '\t')}\n`);
			fs.writeFileSync(DOC_FILE, renderDoc(record));
			log(
				`wrote ${path.relative(process.cwd(), RECORD_FILE)} and ${path.relative(process.cwd(), DOC_FILE)}`,
			);
		} else {
			process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
		}
		log(
			`${versions.length} versions in ${run.seconds} s: ${failed.length ? `${failed.length} checks FAILED` : 'every check passed'}`,
		);
		for (const line of failed) log(`FAILED ${line.slice(0, 2000)}`);
		return failed.length ? 1 : 0;
	} finally {
		if (!keep) fs.rmSync(dir, { recursive: true, force: true });
	}
}

if (require.main === module) {
	main().then(
		(code) => process.exit(code),
		(error) => {
			process.stderr.write(`${error.stack}\n`);
			process.exit(1);
		},
	);
}

module.exports = { parseArgs };
