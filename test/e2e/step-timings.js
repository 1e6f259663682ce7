'use strict';
// How long each step of a long real-n8n suite took, in seconds, for the suite to print at its end
// (where a slow run spent its time; never a test's pass or fail).
//   const { timings, timed } = stepTimings();
//   const result = await timed('n8n start', () => startN8n(...));
//   afterAll: console.log(JSON.stringify(timings))
function stepTimings() {
	const timings = {};
	async function timed(label, work) {
		const started = Date.now();
		try {
			return await work();
		} finally {
			timings[label] = Math.round((Date.now() - started) / 100) / 10;
		}
	}
	return { timings, timed };
}

module.exports = { stepTimings };
