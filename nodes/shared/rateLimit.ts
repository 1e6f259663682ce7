import { pause } from './pause';

/**
 * Paces calls from the rate-limit headers. Each server (per credential) gets a budget: what its
 * last answer said remains, less the calls still in flight, which it has yet to count. A call
 * that finds the budget spent waits for the window's reset instead of spending a request on a
 * 429, so concurrent calls (the prompts fan-out) pace together. State lives for the n8n process.
 */
interface ServerBudget {
	/** Calls left in the window, as far as we know; undefined until a server says. */
	remaining?: number;
	resetAt?: number;
	/** Set by a 429's Retry-After. */
	blockedUntil: number;
	inFlight: number;
}

const budgets = new Map<string, ServerBudget>();

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

function budgetOf(key: string): ServerBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = { blockedUntil: 0, inFlight: 0 };
		budgets.set(key, budget);
	}
	return budget;
}

/**
 * Waits until a call may go out, then counts it as in flight. Resolves `false` if the execution
 * was stopped while waiting (nothing is counted then).
 */
export async function acquireCall(key: string, signal?: AbortSignal): Promise<boolean> {
	const budget = budgetOf(key);
	for (;;) {
		const now = Date.now();
		if (budget.resetAt !== undefined && now >= budget.resetAt) {
			budget.remaining = undefined;
			budget.resetAt = undefined;
		}
		let waitMs = budget.blockedUntil - now;
		if (waitMs <= 0 && budget.remaining !== undefined && budget.remaining <= 0) {
			waitMs = Math.min((budget.resetAt ?? now) - now, MAX_PACING_WAIT_MS);
			if (waitMs <= 0) budget.remaining = undefined;
		}
		if (waitMs <= 0) {
			if (budget.remaining !== undefined) budget.remaining -= 1;
			budget.inFlight += 1;
			return true;
		}
		if (!(await pause(waitMs, signal))) return false;
	}
}

/** Ends a call counted by acquireCall, learning the server's budget from its answer's headers. */
export function releaseCall(key: string, headers?: Headers, now = Date.now()): number | undefined {
	const budget = budgetOf(key);
	budget.inFlight = Math.max(0, budget.inFlight - 1);
	if (!headers) return undefined;
	const { remaining, resetAt } = readRateLimit(headers);
	if (remaining === undefined || Number.isNaN(remaining)) return remaining;
	// A 429's Retry-After is the server's latest word; answers to calls sent before it do not undo it.
	if (now < budget.blockedUntil) return remaining;
	budget.remaining = remaining - budget.inFlight;
	budget.resetAt =
		resetAt !== undefined && resetAt > now
			? Math.min(resetAt, now + MAX_PACING_WAIT_MS)
			: undefined;
	return remaining;
}

/**
 * After a 429: no call to this server before `until`. When the server said when to come back
 * (`Retry-After`), that time decides: the window's reset, which may be far later, is forgotten.
 */
export function blockUntil(key: string, until: number, { toldByServer = false } = {}) {
	const budget = budgetOf(key);
	budget.blockedUntil = Math.max(budget.blockedUntil, until);
	if (toldByServer) {
		budget.remaining = undefined;
		budget.resetAt = undefined;
	}
}
