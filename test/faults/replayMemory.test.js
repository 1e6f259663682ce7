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
