/**
 * A ceiling on calls in flight per key (an account), shared by every item and node run in this n8n
 * process: e.g. Flokan's "10 prompt calls at a time", however many projects run at once.
 */
interface Slots {
	busy: number;
	queue: Array<() => void>;
}

const slotsByKey = new Map<string, Slots>();

function slotsOf(key: string): Slots {
	let slots = slotsByKey.get(key);
	if (!slots) {
		slots = { busy: 0, queue: [] };
		slotsByKey.set(key, slots);
	}
	return slots;
}

/** Resolves `false`, and takes no slot, when the signal aborts first. */
async function takeSlot(slots: Slots, limit: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (slots.busy < limit) {
		slots.busy += 1;
		return true;
	}
	return await new Promise<boolean>((resolve) => {
		const onAbort = () => {
			slots.queue.splice(slots.queue.indexOf(grant), 1);
			resolve(false);
		};
		const grant = () => {
			signal?.removeEventListener('abort', onAbort);
			slots.busy += 1;
			resolve(true);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
		slots.queue.push(grant);
	});
}

function releaseSlot(slots: Slots, limit: number) {
	slots.busy -= 1;
	if (slots.busy < limit) slots.queue.shift()?.();
}

/**
 * Runs `task` once fewer than `limit` tasks of `key` are running. Returns `undefined` without
 * running it when the signal aborts while it waits.
 */
export async function withSlot<T>(
	key: string,
	limit: number,
	task: () => Promise<T>,
	signal?: AbortSignal,
): Promise<{ value: T } | undefined> {
	const slots = slotsOf(key);
	if (!(await takeSlot(slots, limit, signal))) return undefined;
	try {
		return { value: await task() };
	} finally {
		releaseSlot(slots, limit);
	}
}
