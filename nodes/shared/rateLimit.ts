import { pause } from './pause';

/**
 * Paces calls from the rate-limit headers: once a server says no calls remain in the window, the
 * next call to it waits for the reset instead of spending a request on a 429. State is kept per
 * server and key for the life of the n8n process, so concurrent items and nodes share it.
 */
const blockedUntil = new Map<string, number>();

/** A reset further away than this is treated as bogus and not waited for. */
const MAX_PACING_WAIT_MS = 120_000;

type Headers = Record<string, unknown>;

function header(headers: Headers, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = headers[name] ?? headers[name.toLowerCase()];
		if (value !== undefined && value !== null) return String(value);
	}
	return undefined;
}

/** Reset as epoch seconds, epoch ms, or seconds from now (the IETF draft's form). */
export function resetToEpochMs(reset: string, now = Date.now()): number | undefined {
	const value = Number(reset);
	if (!Number.isFinite(value) || value < 0) return undefined;
	if (value > 1e12) return value;
	if (value > 1e9) return value * 1000;
	return now + value * 1000;
}

export function readRateLimit(headers: Headers) {
	const remaining = header(headers, 'X-RateLimit-Remaining', 'RateLimit-Remaining');
	const reset = header(headers, 'X-RateLimit-Reset', 'RateLimit-Reset');
	return {
		remaining: remaining === undefined ? undefined : Number(remaining),
		resetAt: reset === undefined ? undefined : resetToEpochMs(reset),
	};
}

export function noteRateLimit(key: string, headers: Headers, now = Date.now()) {
	const { remaining, resetAt } = readRateLimit(headers);
	if (remaining === 0 && resetAt !== undefined && resetAt > now) {
		blockedUntil.set(key, Math.min(resetAt, now + MAX_PACING_WAIT_MS));
	}
	return remaining;
}

export function blockUntil(key: string, until: number) {
	blockedUntil.set(key, Math.max(blockedUntil.get(key) ?? 0, until));
}

/** Waits until the server's window has reset. Resolves `false` if the execution was stopped. */
export async function waitForRateLimit(key: string, signal?: AbortSignal): Promise<boolean> {
	const until = blockedUntil.get(key);
	if (until === undefined) return true;
	const wait = until - Date.now();
	if (wait <= 0) {
		blockedUntil.delete(key);
		return true;
	}
	return await pause(wait, signal);
}
