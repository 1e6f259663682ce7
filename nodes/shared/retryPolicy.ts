import { getRetryHint } from './errors';
import { pause } from './pause';

export const MAX_ATTEMPTS = 5;
const BASE_BACKOFF_MS = 300;
const MAX_BACKOFF_MS = 10_000;
/** A server asking for a longer pause than this is not waited for inside one request. */
const MAX_RETRY_AFTER_MS = 120_000;

/** `Retry-After` as seconds or as an HTTP date, in ms from now. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Capped exponential backoff with full jitter. */
export function backoffMs(attempt: number, random = Math.random): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** (attempt - 1));
	return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export interface RetryOptions {
	/** Whether the call may be re-sent after a 5xx or a dropped connection. */
	resendable: boolean;
	signal?: AbortSignal;
	/** Epoch ms: no retry is started, or waited for, past it. */
	deadline?: number;
	onRetry?: (attempt: number, delayMs: number, error: Error) => void;
}

/**
 * Runs `attempt` until it succeeds or fails for good. A 429 is always retried after its
 * Retry-After (the server refused before doing any work); 5xx and dropped connections only when
 * the call is resendable.
 */
export async function withRetries<T>(options: RetryOptions, attempt: () => Promise<T>): Promise<T> {
	for (let tries = 1; ; tries++) {
		const outcome = await attempt().then(
			(value) => ({ ok: true as const, value }),
			(error: Error) => ({ ok: false as const, error }),
		);
		if (outcome.ok) return outcome.value;
		const { error } = outcome;
		const hint = getRetryHint(error);
		const mayRetry = hint && (hint.refusedBeforeWork || (hint.retryable && options.resendable));
		if (!mayRetry || tries >= MAX_ATTEMPTS || options.signal?.aborted) throw error;
		const delay = Math.min(hint.retryAfterMs ?? backoffMs(tries), MAX_RETRY_AFTER_MS);
		if (options.deadline !== undefined && Date.now() + delay >= options.deadline) throw error;
		options.onRetry?.(tries, delay, error);
		if (!(await pause(delay, options.signal))) throw error;
	}
}
