'use strict';
// One check's result in the compatibility record: what was measured, a short summary for the
// table, and the problems found (none when it passed). A check that throws is recorded with the
// error as its problem, and whatever it had measured until then.
//   const check = startCheck();
//   check.expect('status', run.status, 'success');
//   check.that('the video was downloaded', Boolean(video.binary?.video));
//   return check.done('success, 1 video', { jobs: 1 });

function same(actual, expected) {
	return JSON.stringify(actual) === JSON.stringify(expected);
}

function startCheck() {
	const problems = [];
	const measured = {};
	const check = {
		measured,
		problems,
		/** Records `actual` as measured under `label`; a problem when it is not `expected` (deep, by JSON). */
		expect(label, actual, expected) {
			measured[label] = actual;
			if (!same(actual, expected))
				problems.push(`${label}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
			return actual;
		},
		/** A problem named `what` unless `condition` holds. */
		that(what, condition) {
			if (!condition) problems.push(`not so: ${what}`);
			return Boolean(condition);
		},
		/** The check's record. */
		done(summary, extra = {}) {
			Object.assign(measured, extra);
			return { ok: problems.length === 0, summary, measured, problems };
		},
	};
	return check;
}

/** Runs a check; an exception becomes a failed record with its message. */
async function runCheck(work) {
	const started = Date.now();
	let result;
	try {
		result = await work();
	} catch (error) {
		result = {
			ok: false,
			summary: `failed: ${String(error.message).split('\n')[0].slice(0, 160)}`,
			measured: error.measured ?? {},
			problems: [String(error.message).slice(0, 4000)],
		};
	}
	return { ...result, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** The record of a check that could not run because an earlier one failed. */
function notRun(reason) {
	return {
		ok: false,
		summary: `not run: ${reason}`,
		measured: {},
		problems: [`not run: ${reason}`],
	};
}

module.exports = { startCheck, runCheck, notRun };
