import type { IDataObject } from 'n8n-workflow';

import { compactJson } from '../../shared/toolMode';
import { runResource } from './runs';
import type { RunOutput, Technique } from './types';
import { isRequired } from './types';

/**
 * A run as an AI Agent gets it: status, IDs, each output URL once and the credits charged; while
 * the run is not done, which operation checks it. No poll URL, timestamps or idempotency key.
 */
export function runForAgent(json: IDataObject): IDataObject {
	const { status, runId, technique } = json as {
		status?: string;
		runId?: string;
		technique?: string;
	};
	const done = status === 'completed' || status === 'failed';
	const outputs = ((json.outputs ?? []) as RunOutput[]).map(({ id, type, url }) => ({
		id,
		type,
		url,
	}));
	return compactJson({
		status,
		runId,
		technique,
		progress: status === 'running' ? json.progress : undefined,
		outputs,
		chargedCost: json.chargedCost,
		errorCode: json.errorCode,
		errorMessage: json.errorMessage,
		nextStep:
			done || !runId || !technique
				? undefined
				: `The run is ${status}. To check it, ${runResource(technique, runId).nextStep}.`,
	});
}

/** A technique as an AI Agent gets it: what it does, its cost and the inputs Run → Create needs. */
export function techniqueForAgent(json: IDataObject): IDataObject {
	const technique = json as Technique & { slug?: string };
	return compactJson({
		slug: technique.slug,
		name: technique.name,
		description: technique.description,
		cost: technique.cost,
		inputs: (technique.inputs ?? []).map((input) => ({
			id: input.id,
			name: input.name,
			type: input.type,
			required: isRequired(input),
			description: input.description,
		})),
		outputs: (technique.outputs ?? []).map(({ id, type }) => ({ id, type })),
	});
}
