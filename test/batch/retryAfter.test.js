'use strict';
/**
 * A 429 whose Retry-After (1 s) is shorter than the rate-limit window's reset (60 s away, with
 * X-RateLimit-Remaining 0): the call is sent again once Retry-After has passed, not at the reset.
 * Before the change the reset won and the node waited the whole minute.
 */
const { startFake, run, generateEach, promptItems, processCalls } = require('./helpers');
const vidgen = require('../vidgen/helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

test('Retry-After 1 with the window reset 60 s away: re-sent after about 1 s, not 60 s', async () => {
	fake = await startFake();
	const resetAtSeconds = Math.ceil((Date.now() + 60_000) / 1000);
	fake.addFault({
		method: 'POST',
		path: /\/process$/,
		kind: '429',
		retryAfter: '1',
		headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(resetAtSeconds) },
	});
	const result = await run(fake, generateEach(), { items: promptItems(1) });

	expect(result.error).toBeUndefined();
	expect(result.items[0].json).toMatchObject({ status: 'completed', job_id: expect.any(String) });
	const [refused, resent, ...more] = processCalls(fake);
	expect(more).toEqual([]);
	expect(refused.status).toBe(429);
	expect(resent.status).toBe(201);
	const gapMs = resent.at - refused.at;
	expect(gapMs).toBeGreaterThanOrEqual(1000);
	expect(gapMs).toBeLessThan(10_000);
});

test('Vidgen, as measured: Retry-After 2 with RateLimit-Reset 60 s: the job is submitted after about 2 s', async () => {
	fake = await vidgen.startFake();
	fake.addFault({
		method: 'POST',
		path: '/api/jobs',
		kind: '429',
		retryAfter: '2',
		headers: { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '60' },
	});
	const result = await vidgen.run(fake, vidgen.create({ waitUntilDone: false }));

	expect(result.error).toBeUndefined();
	const [refused, resent, ...more] = fake.requests('POST', '/api/jobs');
	expect(more).toEqual([]);
	expect(refused.status).toBe(429);
	expect(resent.status).toBeLessThan(300);
	expect(result.items[0].json).toMatchObject({ jobId: expect.any(String) });
	const gapMs = resent.at - refused.at;
	expect(gapMs).toBeGreaterThanOrEqual(2000);
	expect(gapMs).toBeLessThan(10_000);
});
