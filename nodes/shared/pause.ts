import { sleep } from 'n8n-workflow';

/** Waits `ms`, or less if the execution is stopped. Resolves `false` when it was stopped. */
export async function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
	if (signal?.aborted) return false;
	if (ms <= 0) return true;
	try {
		await sleep(ms, signal);
		return true;
	} catch (error) {
		if (signal?.aborted) return false;
		throw error;
	}
}
