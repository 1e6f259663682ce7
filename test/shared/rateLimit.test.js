const { resetToEpochMs, readRateLimit, acquireCall, releaseCall, blockUntil } = require('../../nodes/shared/rateLimit.ts');

const key = () => `test:${Math.random()}`;
const elapsed = async (promise) => {
	const started = Date.now();
	await promise;
	return Date.now() - started;
};
/** The call's answer if it was given without waiting for any timer, else 'held'. */
const withoutWaiting = (promise) => Promise.race([promise, new Promise((resolve) => setImmediate(() => resolve('held')))]);

describe('rate-limit headers', () => {
	const now = 1_795_000_000_000;

	it('understands reset as epoch seconds, epoch ms or seconds from now', () => {
		expect(resetToEpochMs('1795000060', now)).toBe(1_795_000_060_000);
		expect(resetToEpochMs('1795000060000', now)).toBe(1_795_000_060_000);
		expect(resetToEpochMs('30', now)).toBe(now + 30_000);
	});

	it('reads both the X-RateLimit-* and the IETF RateLimit-* names', () => {
		expect(readRateLimit({ 'x-ratelimit-remaining': '4' }).remaining).toBe(4);
		expect(readRateLimit({ 'ratelimit-remaining': '0', 'ratelimit-reset': '2' }).remaining).toBe(0);
	});
});

describe('pacing', () => {
	it('holds the next call until the window resets once nothing remains', async () => {
		const server = key();
		await acquireCall(server);
		releaseCall(server, { 'ratelimit-remaining': '0', 'ratelimit-reset': '1' });
		expect(await elapsed(acquireCall(server))).toBeGreaterThanOrEqual(900);
		releaseCall(server, { 'ratelimit-remaining': '59', 'ratelimit-reset': '60' });
		expect(await withoutWaiting(acquireCall(server))).toBe(true);
	});

	it('counts calls still in flight against what the server says remains', async () => {
		const server = key();
		for (let i = 0; i < 4; i++) await acquireCall(server);
		// One answer says 3 remain, but 3 other calls are still out: nothing is left to send.
		releaseCall(server, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '1' });
		expect(await elapsed(acquireCall(server))).toBeGreaterThanOrEqual(900);
	});

	it('does not hold calls while requests remain', async () => {
		const server = key();
		await acquireCall(server);
		releaseCall(server, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30) });
		expect(await withoutWaiting(acquireCall(server))).toBe(true);
	});

	it('holds every call after a 429 until its Retry-After, and stops waiting when the execution stops', async () => {
		const server = key();
		blockUntil(server, Date.now() + 60_000);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 20);
		const started = Date.now();
		await expect(acquireCall(server, controller.signal)).resolves.toBe(false);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
