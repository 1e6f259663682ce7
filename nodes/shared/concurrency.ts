/** The outcome of one task run by settleWithConcurrency, in the order of the input. */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: Error };

export interface ConcurrencyOptions {
	/** Once aborted (e.g. the execution was stopped), no further task is started. */
	signal?: AbortSignal;
}

async function runLanes<T>(
	items: readonly T[],
	limit: number,
	shouldStop: () => boolean,
	runOne: (item: T, index: number) => Promise<void>,
): Promise<void> {
	const width = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
	let next = 0;
	const lane = async () => {
		while (next < items.length && !shouldStop()) {
			const index = next++;
			await runOne(items[index], index);
		}
	};
	await Promise.all(Array.from({ length: width }, lane));
}

/**
 * Runs `task` for every item with at most `limit` in flight; once the signal is aborted no further
 * task starts, and the ones in flight are awaited. `task` handles its own errors.
 */
export async function forEachWithConcurrency<T>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<void>,
	options: ConcurrencyOptions = {},
): Promise<void> {
	await runLanes(items, limit, () => options.signal?.aborted === true, task);
}

/**
 * Runs `task` for every item with at most `limit` tasks in flight, and reports each outcome
 * (success or error) in input order. A task never started because the signal was aborted has
 * `undefined` in its slot.
 */
export async function settleWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
	options: ConcurrencyOptions = {},
): Promise<Array<Settled<R> | undefined>> {
	const results: Array<Settled<R> | undefined> = new Array(items.length).fill(undefined);
	await forEachWithConcurrency(
		items,
		limit,
		async (item, index) => {
			try {
				results[index] = { ok: true, value: await task(item, index) };
			} catch (error) {
				results[index] = { ok: false, error: error as Error };
			}
		},
		options,
	);
	return results;
}

/**
 * Like Promise.all over `items.map(task)`, but with at most `limit` tasks in flight. After the first
 * failure (or once the signal is aborted) no new task starts; the tasks in flight are awaited, then
 * the first error is thrown (or a "stopped" error when the signal ended it).
 */
export async function mapWithConcurrency<T, R>(
	items: readonly T[],
	limit: number,
	task: (item: T, index: number) => Promise<R>,
	options: ConcurrencyOptions = {},
): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let firstError: Error | undefined;
	let done = 0;
	await runLanes(
		items,
		limit,
		() => firstError !== undefined || options.signal?.aborted === true,
		async (item, index) => {
			try {
				results[index] = await task(item, index);
				done++;
			} catch (error) {
				firstError ??= error as Error;
			}
		},
	);
	if (firstError) throw firstError;
	if (done < items.length) throw new Error('Stopped before every task was started');
	return results;
}
