/**
 * One deadline for every wait in a node run. Items share it, so a run with many items cannot
 * outlive the execution timeout by waiting "max wait" once per item.
 */
export class WaitBudget {
	readonly deadline: number;

	constructor(
		readonly maxWaitMs: number,
		now = Date.now(),
	) {
		this.deadline = now + maxWaitMs;
	}

	remainingMs(now = Date.now()) {
		return Math.max(0, this.deadline - now);
	}

	get expired() {
		return this.remainingMs() === 0;
	}
}
