import { sleep } from 'n8n-workflow';

/**
 * The longest single sleep() on an n8n whose sleep() ignores the cancel signal (n8n-workflow
 * before 2.34, i.e. n8n before 2.34): a stopped execution then notices the stop within this time.
 */
export const STOP_CHECK_MS = 250;

let signalHonoured: Promise<boolean> | undefined;

/** Whether this n8n's sleep() ends when its signal aborts: asked once, with an aborted signal. */
async function sleepHonoursSignal(): Promise<boolean> {
	signalHonoured ??= sleep(0, AbortSignal.abort()).then(
		() => false,
		() => true,
	);
	return await signalHonoured;
}

async function sleepInSlices(ms: number, signal: AbortSignal): Promise<boolean> {
	const end = Date.now() + ms;
	for (let left = ms; left > 0; left = end - Date.now()) {
		if (signal.aborted) return false;
		await sleep(Math.min(left, STOP_CHECK_MS));
	}
	return !signal.aborted;
}

/** Waits `ms`, or less if the execution is stopped. Resolves `false` when it was stopped. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (ms <= 0) return true;
	if (signal && !(await sleepHonoursSignal())) return await sleepInSlices(ms, signal);
	// sleep() rejects only when the signal aborts.
	return await sleep(ms, signal).then(
		() => true,
		() => false,
	);
}
