'use strict';
/**
 * docs/compatibility.md is what `npm run test:compat` generated from its record
 * (docs/compatibility.json), that record covers the matrix as scripts/n8n-env.js pins it now,
 * and the README's Compatibility section points at it. Plus how the report merges a partial run
 * and shows a failed check. (The compatibility run itself is not part of npm test.)
 */
const fs = require('node:fs');
const path = require('node:path');
const { MATRIX } = require('../../scripts/n8n-env');
const {
	RECORD_FILE,
	DOC_FILE,
	ROWS,
	readRecord,
	mergeRecord,
	renderDoc,
} = require('../../scripts/compat/report');

const ROOT = path.join(__dirname, '..', '..');
const record = readRecord(RECORD_FILE);

/** The section of README.md under `## <heading>`, up to the next `## `. */
function readmeSection(heading) {
	const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
	const start = readme.indexOf(`\n## ${heading}\n`);
	expect(start).toBeGreaterThanOrEqual(0);
	const end = readme.indexOf('\n## ', start + 1);
	return readme.slice(start, end === -1 ? undefined : end);
}

describe('the committed compatibility record and page', () => {
	test('docs/compatibility.md is generated from docs/compatibility.json (npm run test:compat, or node scripts/compat/report.js)', () => {
		expect(fs.readFileSync(DOC_FILE, 'utf8')).toBe(renderDoc(record));
	});

	test('the record covers every n8n of the matrix, on the Node the matrix gives it, with every check of the table', () => {
		expect(record.versions.map((v) => [v.n8n, v.node, v.engines])).toEqual(
			MATRIX.map((m) => [m.n8n, m.node, m.engines]),
		);
		for (const version of record.versions) {
			expect(Object.keys(version.checks).sort()).toEqual(ROWS.map((row) => row.check).sort());
			for (const check of Object.values(version.checks)) {
				expect(check).toEqual(
					expect.objectContaining({
						ok: expect.any(Boolean),
						summary: expect.any(String),
						problems: expect.any(Array),
					}),
				);
			}
		}
	});

	test("the README's Compatibility section names every version of the matrix and links the page", () => {
		const section = readmeSection('Compatibility');
		expect(section).toContain('(docs/compatibility.md)');
		for (const { n8n } of MATRIX) expect(section).toContain(n8n);
		const [first, last] = [MATRIX[0].n8n, MATRIX.at(-1).n8n].map((v) =>
			v.split('.').slice(0, 2).join('.'),
		);
		expect(section).toContain(`n8n ${first}.x to ${last}.x`);
	});
});

describe('the report', () => {
	const [oldest, ...others] = record.versions;

	test('a run of some versions replaces only their entries, in the order of the matrix; versions no longer in the matrix drop out', () => {
		const rerun = { ...oldest, measuredAt: '2099-01-01T00:00:00.000Z' };
		const gone = { ...oldest, n8n: '0.1.0' };
		const merged = mergeRecord(
			{ versions: [gone, ...record.versions] },
			{ at: '2099-01-01T00:00:00.000Z', seconds: 1, machine: { cpus: 2 }, versions: [rerun] },
		);
		expect(merged.versions.map((v) => v.n8n)).toEqual(MATRIX.map((m) => m.n8n));
		expect(merged.versions[0].measuredAt).toBe('2099-01-01T00:00:00.000Z');
		expect(merged.versions.slice(1)).toEqual(others);
		expect(merged.lastRun).toMatchObject({ seconds: 1, versions: [{ n8n: oldest.n8n }] });
	});

	test('a failed check shows as ❌ with its first problem, and the page says that some checks failed', () => {
		const failed = structuredClone(oldest);
		failed.checks.stop = {
			ok: false,
			summary: 'x',
			measured: {},
			problems: ['not so: the node cancelled the job within 5000 ms (60017 ms)', 'second'],
		};
		const page = renderDoc({ ...record, versions: [failed, ...others] });
		const stopRow = page.split('\n').find((line) => line.startsWith('| Stop during'));
		expect(stopRow.split(' | ')[1]).toBe(
			'❌ not so: the node cancelled the job within 5000 ms (60017 ms)',
		);
		expect(page).toContain('**some checks failed**');
	});
});
