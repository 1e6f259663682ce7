const { resetToEpochMs, noteRateLimit, waitForRateLimit, readRateLimit } = require('../../nodes/shared/rateLimit.ts');

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

	it('holds the next call until the window resets once nothing remains', async () => {
		const key = `test:${Math.random()}`;
		noteRateLimit(key, { 'ratelimit-remaining': '0', 'ratelimit-reset': '1' });
		const started = Date.now();
		await expect(waitForRateLimit(key)).resolves.toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(900);
		const again = Date.now();
		await waitForRateLimit(key);
		expect(Date.now() - again).toBeLessThan(50);
	});

	it('does not hold calls while requests remain', async () => {
		const key = `test:${Math.random()}`;
		noteRateLimit(key, { 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 30) });
		const started = Date.now();
		await waitForRateLimit(key);
		expect(Date.now() - started).toBeLessThan(50);
	});
});
