'use strict';
/** Retry-After values and the request-log checks around them. */
const { clientHasRead, firstPollRead } = require('../../fakes/gate');

/** Margin for timer and clock granularity when comparing log timestamps with a wait's end. */
const CLOCK_SLACK_MS = 25;

/** Retry-After as seconds: "1". */
function retryAfterSeconds() {
	return { header: '1', endsAt: (faultAt) => faultAt + 1000 };
}

/**
 * Retry-After as an HTTP date about a second ahead (the format has whole seconds, so the wait is
 * 0.8–1.8 s). The wait ends at that date, whenever the 429 was received.
 */
function retryAfterDate() {
	const at = Math.ceil((Date.now() + 800) / 1000) * 1000;
	return { header: new Date(at).toUTCString(), endsAt: () => at };
}

const RETRY_AFTER_FORMS = [
	['seconds', retryAfterSeconds],
	['HTTP date', retryAfterDate],
];

/**
 * The 429 entry of the fake's log, and proof that nothing reached the fake while its wait was
 * pending: every later request arrived at or after the end of the wait.
 */
function assertQuietDuringWait(fake, retryAfter) {
	const index = fake.log.findIndex((entry) => entry.fault === '429');
	expect(index).toBeGreaterThanOrEqual(0);
	const refused = fake.log[index];
	const waitEnd = retryAfter.endsAt(refused.at);
	const later = fake.log.slice(index + 1);
	expect(later.length).toBeGreaterThan(0);
	const early = later.filter((entry) => entry.at < waitEnd - CLOCK_SLACK_MS);
	expect(early.map((e) => `${e.method} ${e.path} at +${e.at - refused.at} ms (wait ended at +${waitEnd - refused.at} ms)`)).toEqual([]);
	return { refused, later, waitEnd };
}

/** Resolves once the fake has answered a request with 429 and the node has read it: it is in its Retry-After wait. */
const refusedAndRead = (fake) => fake.when(() => fake.log.some((entry) => entry.status === 429)).then(clientHasRead);


module.exports = { RETRY_AFTER_FORMS, retryAfterSeconds, retryAfterDate, assertQuietDuringWait, refusedAndRead, firstPollRead, CLOCK_SLACK_MS };
