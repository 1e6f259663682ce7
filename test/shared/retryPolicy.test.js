const { parseRetryAfter, backoffMs, withRetries, MAX_ATTEMPTS } = require('../../nodes/shared/retryPolicy.ts');
const { setRetryHint } = require('../../nodes/shared/errors.ts');

describe('Retry-After parsing', () => {
	it('reads seconds', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0.5')).toBe(500);
	});

	it('reads an HTTP date relative to now', () => {
		const now = Date.parse('2026-11-22T10:00:00Z');
		expect(parseRetryAfter('Sun, 22 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sun, 22 Nov 2026 09:59:00 GMT', now)).toBe(0);
	});

	it('ignores garbage', () => {
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});
});

describe('backoff', () => {
	it('grows exponentially, with jitter, up to a cap', () => {
		expect(backoffMs(1, () => 0)).toBe(150);
		expect(backoffMs(1, () => 1)).toBe(300);
		expect(backoffMs(3, () => 1)).toBe(1200);
		expect(backoffMs(30, () => 1)).toBe(10000);
	});
});

describe('withRetries', () => {
	const failing = (hint) => () => Promise.reject(setRetryHint(new Error('boom'), hint));

	it('never re-sends a non-resendable call after a 5xx', async () => {
		let calls = 0;
		await expect(
			withRetries({ resendable: false }, () => {
				calls++;
				return failing({ retryable: true, retryAfterMs: 1 })();
			}),
		).rejects.toThrow('boom');
		expect(calls).toBe(1);
	});

	it('re-sends even a paid call after a 429, the server did no work', async () => {
		let calls = 0;
		const result = await withRetries({ resendable: false }, async () => {
			calls++;
			if (calls < 3) return failing({ retryable: true, refusedBeforeWork: true, retryAfterMs: 1 })();
			return 'done';
		});
		expect(result).toBe('done');
		expect(calls).toBe(3);
	});

	it(`stops after ${MAX_ATTEMPTS} attempts`, async () => {
		let calls = 0;
		await expect(
			withRetries({ resendable: true }, () => {
				calls++;
				return failing({ retryable: true, retryAfterMs: 1 })();
			}),
		).rejects.toThrow('boom');
		expect(calls).toBe(MAX_ATTEMPTS);
	});

	it('does not retry errors without a hint (4xx)', async () => {
		let calls = 0;
		await expect(
			withRetries({ resendable: true }, () => {
				calls++;
				return Promise.reject(new Error('bad request'));
			}),
		).rejects.toThrow('bad request');
		expect(calls).toBe(1);
	});

	it('stops waiting as soon as the execution is stopped', async () => {
		const controller = new AbortController();
		const started = Date.now();
		const pending = withRetries({ resendable: true, signal: controller.signal }, failing({ retryable: true, retryAfterMs: 60000 }));
		setTimeout(() => controller.abort(), 20);
		await expect(pending).rejects.toThrow('boom');
		expect(Date.now() - started).toBeLessThan(2000);
	});
});
