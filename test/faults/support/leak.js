'use strict';
/**
 * The leak check: every run of the matrix uses recognisable secrets, and everything a user or an
 * operator could see afterwards (output items, the error with its description and context, every
 * captured log line, webhook answers) is searched for them.
 */
const FLOKAN_KEY = 'flk_LEAKCHECK_faults_0123456789abcdefghijklmnopqrstuvwxyz';
const FLORA_KEY = 'sk_live_LEAKCHECK_faults_0123456789abcdefXYZ';
const VIDGEN_KEY = 'vg_LEAKCHECK_faults_0123456789abcdefZYXW';
const VIDGEN_WEBHOOK_SECRET = 'whsec_LEAKCHECK_faults_webhook_secret_42';

const SECRETS = [FLOKAN_KEY, FLORA_KEY, VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET];
/** Also caught when a secret is cut, re-encoded or partly masked. */
const MARKER = 'LEAKCHECK';

/** A JSON-ish dump of any value: own properties (enumerable or not) of errors and objects, cycles cut. */
function dump(value, seen = new WeakSet(), depth = 0) {
	if (value === null || value === undefined) return String(value);
	if (typeof value === 'string') return JSON.stringify(value);
	if (typeof value !== 'object' && typeof value !== 'function') return String(value);
	if (typeof value === 'function') return '[function]';
	if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return JSON.stringify(Buffer.from(value.buffer ?? value).toString('latin1'));
	if (seen.has(value) || depth > 12) return '[seen]';
	seen.add(value);
	const keys = value instanceof Error ? Object.getOwnPropertyNames(value) : Object.keys(value);
	if (value instanceof Error && !keys.includes('message')) keys.push('message');
	if (value instanceof Error && value.cause !== undefined && !keys.includes('cause')) keys.push('cause');
	if (Array.isArray(value)) return `[${value.map((v) => dump(v, seen, depth + 1)).join(',')}]`;
	const parts = [];
	for (const key of keys) {
		let inner;
		try {
			inner = value[key];
		} catch {
			inner = '[unreadable]';
		}
		parts.push(`${JSON.stringify(key)}:${dump(inner, seen, depth + 1)}`);
	}
	return `{${parts.join(',')}}`;
}

/** Everything visible after a node run or webhook call, as one string. */
function visibleText(result) {
	return dump({
		items: result.items,
		outputs: result.outputs,
		error: result.error,
		webhookError: result.webhookError,
		response: result.response,
		webhookResponse: result.webhookResponse,
		logs: (result.logs ?? []).map((entry) => ({ level: entry.level, message: entry.message, meta: entry.meta })),
	});
}

const checked = { runs: 0, logLines: 0, errors: 0, leaks: [], byNode: {} };

function count(tally, result) {
	tally.runs += 1;
	tally.logLines += (result.logs ?? []).length;
	if (result.error || result.webhookError || (result.response?.statusCode ?? 200) >= 400) tally.errors += 1;
}

/** The secrets (or the bare marker) found in what a run shows, with an excerpt around the first. */
function leaksIn(result) {
	const text = visibleText(result);
	const found = SECRETS.filter((secret) => text.includes(secret));
	if (text.includes(MARKER) && found.length === 0) found.push(MARKER);
	if (found.length === 0) return undefined;
	const at = text.indexOf(found[0]);
	return { found, excerpt: text.slice(Math.max(0, at - 200), at + 80) };
}

/** Fails the calling test when any secret (or the marker) shows up; returns the result. */
function assertNoLeak(result, label = '', node = 'other') {
	count(checked, result);
	checked.byNode[node] ??= { runs: 0, logLines: 0, errors: 0 };
	count(checked.byNode[node], result);
	const leak = leaksIn(result);
	if (leak) {
		checked.leaks.push({ label, ...leak });
		throw new Error(`secret leaked (${leak.found.join(', ')}) in ${label || 'a run'}: …${leak.excerpt}…`);
	}
	return result;
}

module.exports = { FLOKAN_KEY, FLORA_KEY, VIDGEN_KEY, VIDGEN_WEBHOOK_SECRET, SECRETS, assertNoLeak, leaksIn, visibleText, checked };
