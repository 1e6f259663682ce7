import type { IDataObject } from 'n8n-workflow';

/** How many delivered events are remembered, and for how long. */
export const DELIVERY_MEMORY = { maxEntries: 500, ttlMs: 24 * 60 * 60 * 1000 };

const FIELD = 'deliveredEvents';

/**
 * Records that the event `key` was delivered, in `store` (the node's workflow static data, which
 * n8n saves to its database after the webhook call and loads in every main, webhook and worker
 * process). Returns false when the same event was recorded before within the memory window.
 *
 * Entries older than the window are dropped, and at most `maxEntries` are kept (the oldest go
 * first), so the workflow's saved data stays small. The map is replaced rather than changed in
 * place: only an assignment on the static data object marks it changed for n8n to save it.
 */
export function firstDeliveryOf(store: IDataObject, key: string, now = Date.now()): boolean {
	const seen = (store[FIELD] ?? {}) as Record<string, number>;
	const kept = Object.entries(seen).filter(
		([, at]) => typeof at === 'number' && now - at < DELIVERY_MEMORY.ttlMs,
	);
	if (kept.some(([seenKey]) => seenKey === key)) return false;
	kept.push([key, now]);
	kept.sort(([, a], [, b]) => a - b);
	store[FIELD] = Object.fromEntries(kept.slice(-DELIVERY_MEMORY.maxEntries));
	return true;
}
