'use strict';
/**
 * Gates: a fake holds matching requests until the test lets them go, so the order and overlap a
 * test needs happen by construction instead of by timing. A held request has reached the fake and
 * counts as in flight (peakConcurrency) but gets no answer until released.
 *
 *   const gate = fake.hold({ method: 'POST', path: /\/process$/ });
 *   await gate.untilHeld(5);            // five requests in flight at once, whatever the machine's speed
 *   await gate.release(gate.held[1]);   // that one is answered, and the client has read the answer
 *   gate.open();                        // let everything through from now on
 *
 * fake.holdInBatches({ ..., inFlight, total, order }) drives a gate by itself (see releaseInBatches).
 */
const { setImmediate: nextTurn } = require('node:timers/promises');
const { conditionWatch } = require('./conditionWatch');

/**
 * The fake, the n8n engine and the node share one event loop. An answer that was handed to the
 * socket is read by the client within a turn or two, and acting on it (error handling, starting
 * the next item) is promise work without timers. A short timer plus this many turns is far more.
 */
const CLIENT_TURNS = 20;
const CLIENT_TIMER_MS = 10;

/** Resolves once a client in this process has had time to read and act on answers already sent. */
async function clientHasRead() {
	await new Promise((resolve) => setTimeout(resolve, CLIENT_TIMER_MS));
	for (let turn = 0; turn < CLIENT_TURNS; turn++) await nextTurn();
}

/** Resolves once the node has read the answer to its first poll of `path` (GET): it is mid-wait. */
const firstPollRead = (fake, path) =>
	fake.when(() => fake.requests('GET', path)[0]?.status === 200).then(clientHasRead);

const matchesPath = (path, actual) => !path || (path instanceof RegExp ? path.test(actual) : path === actual);

/**
 * @param {object} options
 * @param {string} [options.method]
 * @param {string|RegExp} [options.path]
 * @param {number} [options.times] hold only the first `times` matching requests
 * @param {(entry) => boolean} [options.only] hold only the matching requests this accepts (the
 *   entry is already in the fake's log when it is asked)
 */
function createGate({ method, path, times = Infinity, only = () => true } = {}) {
	const waiting = new Map(); // entry → { resolve, answered }
	const watch = conditionWatch();
	const cleanups = new Set();
	let caught = 0;
	let isOpen = false;

	const changed = watch.changed;

	const gate = {
		/** Requests held now, in arrival order (the fake's log entries). */
		held: [],
		/** Requests let go, in the order they were released. */
		released: [],
		/** How many requests the gate has caught so far. */
		get caught() {
			return caught;
		},
		get isOpen() {
			return isOpen;
		},

		wants(entry) {
			return (
				!isOpen && caught < times && (!method || method === entry.method) && matchesPath(path, entry.path) && only(entry)
			);
		},

		/** Called by the fake: resolves when the test releases this request. */
		pass(entry, res) {
			caught += 1;
			const answered = new Promise((resolve) => {
				res.once('finish', resolve);
				res.once('close', resolve);
			});
			return new Promise((resolve) => {
				waiting.set(entry, { resolve, answered });
				gate.held.push(entry);
				changed();
			});
		},

		/** Resolves when `count` requests are held at the same time. */
		untilHeld(count) {
			return gate.until(() => gate.held.length >= count);
		},

		/** Resolves when `condition(gate)` holds; checked now and whenever a request is caught or let go. */
		until(condition) {
			return watch.until(() => condition(gate));
		},

		/**
		 * Lets one held request go (the oldest by default). Resolves once the fake has answered it
		 * and the client has had time to read that answer.
		 */
		async release(entry = gate.held[0]) {
			const held = waiting.get(entry);
			if (!held) throw new Error(`gate: ${entry?.method} ${entry?.path} is not held`);
			waiting.delete(entry);
			gate.held.splice(gate.held.indexOf(entry), 1);
			gate.released.push(entry);
			held.resolve();
			changed();
			await held.answered;
			await clientHasRead();
		},

		/** Lets every held request go, in arrival order, without waiting for their answers. */
		releaseAll() {
			for (const entry of [...gate.held]) void gate.release(entry);
		},

		/** Releases everything held and holds nothing more. */
		open() {
			isOpen = true;
			gate.releaseAll();
		},

		/** Runs `cleanup` when the fake closes (timers of a gate policy). */
		onClose(cleanup) {
			cleanups.add(cleanup);
		},

		/** The fake is closing: held requests stay unanswered (their sockets are destroyed). */
		dispose() {
			isOpen = true;
			for (const cleanup of cleanups) cleanup();
			cleanups.clear();
			watch.clear();
		},
	};
	return gate;
}

/**
 * Drives a gate in batches: holds requests until `inFlight` of them are held at once (or all of
 * the `total` not yet in a batch), waits `settleMs` for any extra request a client that ignores
 * its limit would send, then releases the batch one at a time (each after the client has read the
 * previous answer) in `order`: 'arrival', 'newest-first', or a function that sorts the batch.
 * After `total` requests the gate opens.
 *
 * A client that never reaches `inFlight` (one at a time) would leave a batch short forever: after
 * `stallMs` without a new request while some are held, the gate opens and records `stalled`, so
 * the run ends and the test's in-flight assertion fails with the real numbers.
 */
function releaseInBatches(gate, { inFlight, total, order = 'arrival', settleMs = 25, stallMs = 10_000 }) {
	gate.batches = [];
	gate.stalled = undefined;
	let closed = false;
	let stallTimer;
	gate.onClose(() => {
		closed = true;
		clearTimeout(stallTimer);
	});
	const sortBatch = (batch) => {
		if (order === 'newest-first') return [...batch].reverse();
		if (typeof order === 'function') return order([...batch]);
		return batch;
	};

	const batchFull = (batched) => gate.held.length >= Math.min(inFlight, total - batched);

	/**
	 * Resolves true when the batch is full, false when, with some requests held, no further one
	 * came for stallMs. Before the first request of a batch nothing times out (the client may be
	 * starting up).
	 */
	const untilBatchFull = (batched) =>
		new Promise((resolve) => {
			let lastCaught;
			void gate
				.until(() => {
					if (gate.caught !== lastCaught) {
						lastCaught = gate.caught;
						clearTimeout(stallTimer);
						if (gate.held.length > 0) stallTimer = setTimeout(() => resolve(false), stallMs);
					}
					return batchFull(batched);
				})
				.then(() => {
					clearTimeout(stallTimer);
					resolve(true);
				});
		});

	const drive = async () => {
		let batched = 0;
		while (batched < total && !closed) {
			if (!(await untilBatchFull(batched))) {
				if (closed) return;
				gate.stalled = { held: gate.held.length, wanted: Math.min(inFlight, total - batched), batches: gate.batches.length };
				gate.open();
				return;
			}
			await new Promise((resolve) => setTimeout(resolve, settleMs));
			if (closed) return;
			const batch = sortBatch([...gate.held]);
			gate.batches.push(batch);
			batched += batch.length;
			for (const entry of batch) await gate.release(entry);
		}
		if (!closed) gate.open();
	};
	gate.done = drive();
	return gate;
}

module.exports = { createGate, releaseInBatches, clientHasRead, firstPollRead };
