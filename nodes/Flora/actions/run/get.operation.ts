import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { validatorFor } from '../../../shared/validation';
import { getRun, runItem } from '../../helpers/runs';
import { downloadFields, readDownload } from '../../helpers/runOptions';
import { techniqueLocator, techniqueSlug } from '../../helpers/techniqueLocator';
import { readRunId, runIdField } from '../../helpers/runId';
import { runForAgent } from '../../helpers/agentResults';
import { RUN_ID_PARAMETERS } from '../../helpers/toolTexts';

const properties: INodeProperties[] = [techniqueLocator, runIdField, ...downloadFields()];

export const description = updateDisplayOptions(
	{ show: { resource: ['run'], operation: ['get'] } },
	properties,
);

/** One status check: pending, running (with progress), completed (outputs, chargedCost) or failed. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const slug = techniqueSlug(this, itemIndex);
	const runId = readRunId(this, itemIndex, check);
	const download = readDownload(this, itemIndex, check);
	const run = await getRun.call(this, slug, runId, itemIndex);
	return [await runItem.call(this, slug, run, itemIndex, download)];
}

/** What an AI Agent reads about Run → Get as a tool. */
export const toolDescription = [
	'Checks a FLORA run once (free, about a second) and returns its status (pending, running, completed or failed) with progress in %;',
	'once completed the outputs (id, type, url) and chargedCost (credits), once failed errorCode and errorMessage.',
	RUN_ID_PARAMETERS,
	'While it is pending or running, check again a little later (FLORA advises every 2–5 s) or use FLORA Run → Wait for Completion.',
].join(' ');

export const forAgent = runForAgent;
