// Runs n8n's community package scanner on the repository's sources and on the `npm pack` output.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	analyzePackage,
	SOURCE_FILE_PATTERNS,
} from '../node_modules/@n8n/scan-community-package/scanner/scanner.mjs';

const root = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(tmpdir(), 'ai-media-scan-'));
let failed = false;

function report(label, result) {
	console.log(`${result.passed ? 'passed' : 'FAILED'}: scanner on ${label}${result.message ? ` — ${result.message}` : ''}`);
	if (!result.passed) {
		failed = true;
		if (result.details) console.log(result.details);
	}
}

try {
	report('the repository sources', await analyzePackage(root, SOURCE_FILE_PATTERNS));
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' })
		.trim()
		.split('\n')
		.pop();
	execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', work]);
	report(`the npm pack output (${tarball})`, await analyzePackage(path.join(work, 'package'), ['**/*.js', 'package.json']));
} finally {
	rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
