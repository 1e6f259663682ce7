'use strict';
// Vidgen node parameters the benchmark uses (names from nodes/Vidgen/actions/job/create.operation.ts).

/** Job → Create with the item's `image` and `audio` binaries. */
function create({
	wait = false,
	intervalSeconds = 10,
	maxWaitSeconds = 60,
	download = false,
} = {}) {
	return {
		resource: 'job',
		operation: 'create',
		imageBinaryPropertyName: 'image',
		audioBinaryPropertyName: 'audio',
		onActiveJob: 'fail',
		waitUntilDone: wait,
		...(wait
			? {
					waitMode: 'poll',
					pollIntervalSeconds: intervalSeconds,
					maxWaitSeconds,
					downloadVideo: download,
				}
			: {}),
		...(download ? { binaryPropertyName: 'data' } : {}),
	};
}

/** Job → Create, then poll until done (no download). */
const createAndPoll = ({ intervalSeconds, maxWaitSeconds }) =>
	create({ wait: true, intervalSeconds, maxWaitSeconds });

module.exports = { create, createAndPoll };
