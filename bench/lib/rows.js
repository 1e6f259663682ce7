'use strict';
// The shape every case reports: one row per figure.

/** A measured figure. `pass` is true/false against the goal, or null when the row has no goal. */
function row({ id, figure, value, unit = '×', goal, goalText, pass, detail = '', raw }) {
	return { id, figure, value, unit, goal, goalText, pass: pass ?? null, detail, raw };
}

/** A figure that could not be measured in this run (e.g. "node missing"). */
function naRow({ id, figure, goal, goalText, unit = '×' }, reason) {
	return {
		id,
		figure,
		value: null,
		unit,
		goal,
		goalText,
		pass: null,
		na: reason,
		detail: `n/a (${reason})`,
	};
}

const ms = (value) => `${Math.round(value)} ms`;
const seconds = (valueMs) => `${(valueMs / 1000).toFixed(2)} s`;

module.exports = { row, naRow, ms, seconds };
