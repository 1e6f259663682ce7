import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { RunContext } from '../../shared/router';
import { isToolMode } from '../../shared/toolMode';
import type { WaitBudget } from '../../shared/waitBudget';
import type { NEXT_STEP } from './nextSteps';

export type PipelineStep = keyof typeof NEXT_STEP;

/**
 * An AI Agent's tool runs every step of a pipeline within its wait limit, not only the final wait:
 * the run's wait budget starts with the first step. Elsewhere steps are not timed (undefined).
 */
export function toolBudgetOf(
	context: IExecuteFunctions,
	run: RunContext,
	maxWaitSeconds: number,
): WaitBudget | undefined {
	return isToolMode(context) ? run.budget(maxWaitSeconds) : undefined;
}

/**
 * A step that was not started because the tool's wait limit had passed. Nothing failed: the steps
 * done so far stay done, and the pipeline continues from here when run again on the project.
 */
export class StepNotStarted extends Error {
	constructor(
		readonly step: PipelineStep,
		readonly progress?: IDataObject,
	) {
		super(`The tool's wait limit passed before the "${step}" step`);
	}
}

/** Throws StepNotStarted when the budget is spent; a paid call already in flight is never cut. */
export function startStepInTime(budget: WaitBudget | undefined, step: PipelineStep): void {
	if (budget?.expired) throw new StepNotStarted(step);
}
