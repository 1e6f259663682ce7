'use strict';
/** What a user or an operator could see after a run, for "never leaks the key" checks. */

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

module.exports = { dump, visibleText };
