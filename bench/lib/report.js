'use strict';
// Turns the rows into the printed table, bench/results.json and bench/results.svg.

function formatValue(r) {
	if (r.value === null || r.value === undefined) return 'n/a';
	if (r.unit === '×') return `${r.value.toFixed(2)}×`;
	if (r.unit === 'MB') return `${r.value.toFixed(3)} MB`;
	if (r.unit === 'ms') return `${r.value.toFixed(3)} ms`;
	if (r.unit === 'intervals') return `${r.value.toFixed(2)} intervals`;
	return `${Number.isInteger(r.value) ? r.value : r.value.toFixed(2)}${r.unit ? ` ${r.unit}` : ''}`;
}

function verdict(r) {
	if (r.na) return 'n/a';
	if (r.pass === true) return 'ok';
	if (r.pass === false) return 'OVER GOAL';
	return '—';
}

function table(rows) {
	const header = ['Figure', 'Value', 'Goal', 'Result'];
	const lines = rows.map((r) => [r.figure, formatValue(r), r.goalText ?? '', verdict(r)]);
	const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
	const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
	const out = [fmt(header), widths.map((w) => '-'.repeat(w)).join('-|-')];
	rows.forEach((r, i) => {
		if (r.group && r.group !== rows[i - 1]?.group) out.push(`[${r.group}]`);
		out.push(fmt(lines[i]));
		if (r.detail) out.push(`    ${r.detail}`);
	});
	return out.join('\n');
}

function markdownTable(rows) {
	const esc = (text) => String(text).replace(/\|/g, '\\|');
	const out = ['| Figure | Value | Goal | Result | Details |', '| --- | --- | --- | --- | --- |'];
	rows.forEach((r, i) => {
		if (r.group && r.group !== rows[i - 1]?.group) out.push(`| **${esc(r.group)}** | | | | |`);
		out.push(
			`| ${esc(r.figure)} | ${esc(formatValue(r))} | ${esc(r.goalText ?? '')} | ${verdict(r)} | ${esc(r.detail ?? '')} |`,
		);
	});
	return out.join('\n');
}

const xml = (text) =>
	String(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');

/**
 * A horizontal bar per figure, scaled as value ÷ goal so every figure shares one axis: the dashed
 * line at 1 is the goal. Bars past 3× the goal are cut and marked. Baselines (no goal of their own)
 * are drawn against the goal of the figure they are compared with.
 */
function svgChart(rows, { title, subtitle, referenceGoals = {} }) {
	const labelWidth = 470;
	const barWidth = 300;
	const maxScale = 3;
	const rowHeight = 26;
	const top = 84;
	const valueX = labelWidth + barWidth + 16;
	const width = valueX + 250;
	const lines = [];
	rows.forEach((r, i) => {
		if (r.group && r.group !== rows[i - 1]?.group) lines.push({ header: r.group });
		lines.push({ r });
	});
	const height = top + lines.length * rowHeight + 40;
	const x = (scale) => labelWidth + (Math.min(scale, maxScale) / maxScale) * barWidth;
	const parts = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#ffffff"/>`,
		`<text x="12" y="22" font-size="16" font-weight="bold" fill="#222">${xml(title)}</text>`,
		`<text x="12" y="42" fill="#666">${xml(subtitle)}</text>`,
	];
	parts.push(`<text x="${valueX}" y="${top - 12}" fill="#666">value (goal)</text>`);
	for (const tick of [0, 1, 2, 3]) {
		const tx = x(tick);
		parts.push(
			`<line x1="${tx}" y1="${top - 8}" x2="${tx}" y2="${top + lines.length * rowHeight}" stroke="${tick === 1 ? '#333' : '#ddd'}" stroke-width="1"${tick === 1 ? ' stroke-dasharray="4 3"' : ''}/>`,
		);
		parts.push(
			`<text x="${tx}" y="${top - 12}" text-anchor="middle" fill="#666">${tick === 1 ? 'goal' : `${tick}×`}</text>`,
		);
	}
	lines.forEach(({ header, r }, i) => {
		const y = top + i * rowHeight;
		if (header) {
			parts.push(`<text x="12" y="${y + 18}" font-weight="bold" fill="#222">${xml(header)}</text>`);
			return;
		}
		const label = r.figure.length > 72 ? `${r.figure.slice(0, 71)}…` : r.figure;
		parts.push(`<text x="24" y="${y + 17}" fill="#222">${xml(label)}</text>`);
		if (r.na || r.value === null) {
			parts.push(
				`<text x="${labelWidth + 4}" y="${y + 17}" fill="#888" stroke="#fff" stroke-width="4" paint-order="stroke">${xml(r.detail.slice(0, 80))}</text>`,
			);
			return;
		}
		const goal = r.goal ?? referenceGoals[r.id];
		let scale;
		if (goal === undefined) scale = undefined;
		else if (goal === 0) scale = r.value === 0 ? 0 : maxScale;
		else scale = r.value / goal;
		const color = r.pass === true ? '#2e9e4f' : r.pass === false ? '#d64545' : '#4a78c2';
		if (scale !== undefined) {
			const w = Math.max(1, x(scale) - labelWidth);
			parts.push(
				`<rect x="${labelWidth}" y="${y + 5}" width="${w.toFixed(1)}" height="15" fill="${color}" rx="2"/>`,
			);
			if (scale > maxScale)
				parts.push(
					`<text x="${x(maxScale) - 14}" y="${y + 17}" fill="#fff" font-weight="bold">»</text>`,
				);
		}
		const valueText = `${formatValue(r)}${r.goal !== undefined ? `  (goal ${r.goalText})` : r.goalText ? `  ${r.goalText}` : ''}`;
		parts.push(`<text x="${valueX}" y="${y + 17}" fill="#222">${xml(valueText)}</text>`);
	});
	parts.push(
		`<text x="12" y="${height - 12}" fill="#666">Bars: value ÷ goal (dashed line = goal). Green meets the goal, red does not, blue is a baseline, grey text = not measured.</text>`,
	);
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

module.exports = { table, markdownTable, svgChart, formatValue, verdict };
