import { sleep } from 'n8n-workflow';

/** Waits `ms`, or less if the execution is stopped. Resolves `false` when it was stopped. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (ms <= 0) return true;
	// sleep() rejects only when the signal aborts.
	return await sleep(ms, signal).then(
		() => true,
		() => false,
	);
}
