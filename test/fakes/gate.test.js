'use strict';
/** The gate of the fakes' core: held requests are in flight and unanswered until released; batches of N. */
const { createFakeServer } = require('./core');

let server;
beforeEach(async () => {
	server = createFakeServer({ name: 'gate', errorBody: (status, message) => ({ message }) });
	server.route('POST', '/work/:n', (req) => ({ status: 200, body: { n: Number(req.params.n) } }));
	server.route('GET', '/other', () => ({ status: 200, body: {} }));
	await server.listen();
});
afterEach(() => server.close());

const post = (n) => fetch(`${server.url}/work/${n}`, { method: 'POST' }).then((res) => res.json());

test('held requests stay unanswered and in flight until released; others pass', async () => {
	const gate = server.hold({ method: 'POST', path: /^\/work\// });
	const answers = [];
	const calls = [0, 1, 2].map((n) => post(n).then((body) => answers.push(body.n)));
	await gate.untilHeld(3);
	expect((await fetch(`${server.url}/other`)).status).toBe(200);
	expect(answers).toEqual([]);
	expect(server.peakConcurrency('POST /work/:n')).toBe(3);

	await gate.release(gate.held[2]);
	expect(answers).toEqual([2]);
	gate.open();
	await Promise.all(calls);
	expect(answers.sort()).toEqual([0, 1, 2]);
	expect(gate.released.map((entry) => entry.path)).toEqual(['/work/2', '/work/0', '/work/1']);
	await post(3);
	expect(gate.caught).toBe(3);
});

test('times: only the first matching requests are held', async () => {
	const gate = server.hold({ method: 'POST', times: 1 });
	const first = post(0);
	await gate.untilHeld(1);
	expect(await post(1)).toEqual({ n: 1 });
	gate.open();
	expect(await first).toEqual({ n: 0 });
});

test('batches: N in flight at once, answered newest first, the last batch smaller', async () => {
	const gate = server.holdInBatches({ method: 'POST', inFlight: 2, total: 5, order: 'newest-first' });
	const lanes = [[0, 2, 4], [1, 3]].map(async (lane) => {
		for (const n of lane) await post(n);
	});
	await Promise.all(lanes);
	await gate.done;
	const numbers = (batch) => batch.map((entry) => Number(entry.path.split('/')[2]));
	expect(gate.batches.map((batch) => numbers(batch).sort())).toEqual([[0, 1], [2, 3], [4]]);
	// Newest first: each batch in the reverse of the order its requests arrived.
	for (const batch of gate.batches) {
		const arrival = batch.map((entry) => server.log.indexOf(entry));
		expect(arrival).toEqual([...arrival].sort((a, b) => b - a));
	}
	expect(server.peakConcurrency('POST /work/:n')).toBe(2);
	expect(gate.stalled).toBeUndefined();
});

test('batches: a client that sends one at a time stalls the batch; the gate opens and says so', async () => {
	const gate = server.holdInBatches({ method: 'POST', inFlight: 2, total: 3, stallMs: 200 });
	for (const n of [0, 1, 2]) await post(n);
	expect(gate.stalled).toEqual({ held: 1, wanted: 2, batches: 0 });
	expect(server.peakConcurrency('POST /work/:n')).toBe(1);
});

test('batches: nothing stalls before the first request (a client may take long to start)', async () => {
	// The gate's timers run on a fake clock: twice stallMs pass before any request, and none while
	// the two are on their way (on the real clock a busy machine could space them past stallMs).
	jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'setInterval', 'clearInterval', 'Date', 'hrtime', 'performance'] });
	try {
		const gate = server.holdInBatches({ method: 'POST', inFlight: 2, total: 2, stallMs: 50 });
		jest.advanceTimersByTime(100);
		await new Promise((resolve) => setImmediate(resolve));
		expect(gate.stalled).toBeUndefined();
		let answered = false;
		const calls = Promise.all([post(0), post(1)]).then(() => (answered = true));
		await gate.untilHeld(2);
		// Both held: the batch is full. The clock now moves only to let the gate answer them.
		while (!answered) {
			await new Promise((resolve) => setImmediate(resolve));
			jest.advanceTimersByTime(5);
		}
		await calls;
		expect(gate.stalled).toBeUndefined();
		expect(server.peakConcurrency('POST /work/:n')).toBe(2);
	} finally {
		jest.useRealTimers();
	}
});

test('when(): resolves once the condition holds, checked on arrivals and answers', async () => {
	const seen = server.when(() => server.requests('POST').length === 2);
	await post(0);
	let resolved = false;
	void seen.then(() => (resolved = true));
	await new Promise((resolve) => setImmediate(resolve));
	expect(resolved).toBe(false);
	await post(1);
	await seen;
});
