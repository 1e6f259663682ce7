'use strict';
/** nodes/shared/concurrency.ts: bounded lanes, order kept, failures, the stop signal. */
const { mapWithConcurrency, settleWithConcurrency } = require('../../nodes/shared/concurrency.ts');

const tick = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tracked() {
	const state = { running: 0, peak: 0, started: [] };
	const task = async (value, index) => {
		state.started.push(index);
		state.running += 1;
		state.peak = Math.max(state.peak, state.running);
		await tick(5 + ((index * 7) % 11));
		state.running -= 1;
		if (value instanceof Error) throw value;
		return value * 2;
	};
	return { state, task };
}

test('mapWithConcurrency keeps input order and never exceeds the limit', async () => {
	const { state, task } = tracked();
	const items = Array.from({ length: 20 }, (_, i) => i);
	expect(await mapWithConcurrency(items, 4, task)).toEqual(items.map((i) => i * 2));
	expect(state.peak).toBe(4);
});

test('a limit above the item count, or nonsense, is clamped', async () => {
	const { state, task } = tracked();
	expect(await mapWithConcurrency([1, 2], 10, task)).toEqual([2, 4]);
	expect(state.peak).toBe(2);
	const serial = tracked();
	expect(await mapWithConcurrency([1, 2, 3], 0, serial.task)).toEqual([2, 4, 6]);
	expect(serial.state.peak).toBe(1);
	expect(await mapWithConcurrency([], 3, serial.task)).toEqual([]);
});

test('mapWithConcurrency: after the first failure nothing new starts, in-flight work is awaited, the error is thrown', async () => {
	const { state, task } = tracked();
	const boom = new Error('boom');
	const items = [1, boom, 3, 4, 5, 6, 7, 8];
	await expect(mapWithConcurrency(items, 2, task)).rejects.toBe(boom);
	expect(state.running).toBe(0);
	expect(state.started.length).toBeLessThan(items.length);
});

test('settleWithConcurrency reports every outcome in order', async () => {
	const { task } = tracked();
	const boom = new Error('boom');
	const outcomes = await settleWithConcurrency([1, boom, 3], 3, task);
	expect(outcomes).toEqual([{ ok: true, value: 2 }, { ok: false, error: boom }, { ok: true, value: 6 }]);
});

test('an aborted signal starts no further task', async () => {
	const { state, task } = tracked();
	const controller = new AbortController();
	const pending = settleWithConcurrency([1, 2, 3, 4, 5, 6], 2, async (v, i) => {
		if (i === 1) controller.abort();
		return await task(v, i);
	}, { signal: controller.signal });
	const outcomes = await pending;
	expect(state.started).toEqual([0, 1]);
	expect(outcomes.slice(2)).toEqual([undefined, undefined, undefined, undefined]);
	await expect(mapWithConcurrency([1, 2], 1, task, { signal: controller.signal })).rejects.toThrow(/Stopped/);
});
