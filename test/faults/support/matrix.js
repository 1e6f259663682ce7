'use strict';
/**
 * The fault matrix: every cell is one jest test (API × fault). A cell reads "not run" until its test
 * ends, then "pass" (with a short note) or "FAIL: <first line of the failure>". An n/a cell states
 * why the fault cannot be applied to that API and checks that reason against the node where it can.
 * The table is printed after all tests.
 */
const cells = [];

function addCell(api, fault) {
	const cell = { api, fault, result: 'not run' };
	cells.push(cell);
	return cell;
}

/** A matrix cell as a jest test. `run` may return a short note shown next to "pass". */
function cell(api, fault, run, timeoutMs = 30000) {
	const entry = addCell(api, fault);
	test(`${api} | ${fault}`, async () => {
		let note;
		try {
			note = await run();
		} catch (error) {
			entry.result = `FAIL: ${String(error?.message ?? error).split('\n').find((line) => line.trim()) ?? ''}`.slice(0, 160);
			throw error;
		}
		entry.result = typeof note === 'string' && note ? `pass (${note})` : 'pass';
	}, timeoutMs);
}

/** A cell that does not apply: the reason is printed; `verify` asserts the reason still holds. */
function naCell(api, fault, reason, verify) {
	const entry = addCell(api, fault);
	test(`${api} | ${fault} | n/a: ${reason}`, async () => {
		try {
			if (verify) await verify();
		} catch (error) {
			entry.result = `FAIL: the n/a reason no longer holds: ${String(error?.message ?? error).split('\n')[0]}`.slice(0, 160);
			throw error;
		}
		entry.result = `n/a: ${reason}`;
	});
}

function renderTable() {
	const header = ['API', 'Fault', 'Result'];
	const rows = cells.map((c) => [c.api, c.fault, c.result]);
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (r) => `| ${r.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
	const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
	const counts = cells.reduce((acc, c) => {
		const kind = c.result.startsWith('pass')
			? 'pass'
			: c.result.startsWith('n/a')
				? 'n/a'
				: c.result === 'not run'
					? 'not run'
					: 'FAIL';
		acc[kind] = (acc[kind] ?? 0) + 1;
		return acc;
	}, {});
	const notRun = counts['not run'] ? `, ${counts['not run']} not run` : '';
	const summary = `${cells.length} cells: ${counts.pass ?? 0} pass, ${counts['n/a'] ?? 0} n/a, ${counts.FAIL ?? 0} FAIL${notRun}`;
	return ['', 'FAULT MATRIX', line(header), rule, ...rows.map(line), summary, ''].join('\n');
}

function printMatrix() {
	process.stdout.write(`${renderTable()}\n`);
}

module.exports = { cell, naCell, printMatrix, renderTable, cells };
