'use strict';
/** nodes/shared/webhookSignature.ts: the memory of accepted signatures behind replay refusal is bounded. */
const { firstUseOfSignature } = require('../../nodes/shared/webhookSignature.ts');

const DAY_MS = 24 * 60 * 60 * 1000;

test('a signature is accepted once; within 24 h it is a replay, after that it is forgotten', () => {
	const t0 = 1_000_000;
	expect(firstUseOfSignature('scope-a:aa', t0)).toBe(true);
	expect(firstUseOfSignature('scope-a:aa', t0 + 1)).toBe(false);
	expect(firstUseOfSignature('scope-a:aa', t0 + DAY_MS - 1)).toBe(false);
	expect(firstUseOfSignature('scope-b:aa', t0 + 2)).toBe(true);
	expect(firstUseOfSignature('scope-a:aa', t0 + DAY_MS + 5)).toBe(true);
});

test('at most 1,000 signatures are kept: the oldest is forgotten first', () => {
	const t0 = 10 * DAY_MS;
	for (let n = 0; n < 1000; n++) expect(firstUseOfSignature(`bound:${n}`, t0 + n)).toBe(true);
	expect(firstUseOfSignature('bound:0', t0 + 1000)).toBe(false);
	expect(firstUseOfSignature('bound:new', t0 + 1001)).toBe(true);
	expect(firstUseOfSignature('bound:0', t0 + 1002)).toBe(true);
	expect(firstUseOfSignature('bound:999', t0 + 1003)).toBe(false);
});

describe('nodes/shared/deliveredEvents.ts: the saved memory of delivered events is bounded', () => {
	const { firstDeliveryOf, DELIVERY_MEMORY } = require('../../nodes/shared/deliveredEvents.ts');

	test('an event is first once; within the window it is a repeat, after it the entry is dropped', () => {
		const store = {};
		const t0 = 5_000_000;
		expect(firstDeliveryOf(store, 'e1', t0)).toBe(true);
		expect(firstDeliveryOf(store, 'e1', t0 + DELIVERY_MEMORY.ttlMs - 1)).toBe(false);
		expect(firstDeliveryOf(store, 'e2', t0 + DELIVERY_MEMORY.ttlMs)).toBe(true);
		expect(Object.keys(store.deliveredEvents)).toEqual(['e2']);
		expect(firstDeliveryOf(store, 'e1', t0 + DELIVERY_MEMORY.ttlMs + 1)).toBe(true);
	});

	test(`at most ${DELIVERY_MEMORY.maxEntries} entries are kept, the oldest dropped first; the map is replaced, not edited`, () => {
		const store = {};
		for (let n = 0; n <= DELIVERY_MEMORY.maxEntries; n++) {
			const before = store.deliveredEvents;
			expect(firstDeliveryOf(store, `k${n}`, 1000 + n)).toBe(true);
			expect(store.deliveredEvents).not.toBe(before);
		}
		expect(Object.keys(store.deliveredEvents)).toHaveLength(DELIVERY_MEMORY.maxEntries);
		expect(store.deliveredEvents).not.toHaveProperty('k0');
		expect(firstDeliveryOf(store, `k${DELIVERY_MEMORY.maxEntries}`, 5000)).toBe(false);
	});

	test('entries that are not timestamps (hand-edited static data) are dropped, not trusted', () => {
		const store = { deliveredEvents: { bad: 'yesterday', worse: null } };
		expect(firstDeliveryOf(store, 'bad', 10)).toBe(true);
		expect(store.deliveredEvents).toEqual({ bad: 10 });
	});
});
