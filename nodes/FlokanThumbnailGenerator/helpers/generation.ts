import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { SubmittedResource } from '../../shared/submitted';
import { resourceError } from '../../shared/submitted';

/** A generation record as POST /generate and GET /generations/:id return it. */
export interface Generation extends IDataObject {
	id: string;
	status: string;
	image_urls?: string[];
	image_paths?: string[];
	credits_consumed?: number;
}

const UNSUCCESSFUL: Record<string, string> = {
	failed: 'failed',
	timed_out: 'timed out on the server',
};

export function generationResource(id: string): SubmittedResource {
	return {
		kind: 'generation',
		id,
		nextStep: 'look it up with Generation → Get, or run Generate again',
	};
}

/** A failed or timed-out generation is an error naming its id, never a silent success. */
export function assertSucceeded(
	context: IExecuteFunctions,
	generation: Generation,
	itemIndex: number,
): Generation {
	const outcome = UNSUCCESSFUL[generation.status];
	if (outcome === undefined) return generation;
	const credits =
		generation.credits_consumed === undefined
			? ''
			: ` (credits consumed: ${generation.credits_consumed})`;
	throw resourceError(
		context.getNode(),
		generationResource(generation.id),
		`Thumbnail generation ${generation.id} ${outcome}${credits}`,
		itemIndex,
		{ lastState: generation.status },
	);
}
