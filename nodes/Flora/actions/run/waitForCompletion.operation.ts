import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RunContext } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import type { WaitSettings } from '../../helpers/runs';
import { runItem, waitForRun } from '../../helpers/runs';
import type { DownloadSettings } from '../../helpers/runOptions';
import {
	downloadFields,
	FLORA_ITEMS_IN_PARALLEL,
	floraItemsInParallelOption,
	pollingFields,
	readDownload,
	readWaitSettings,
} from '../../helpers/runOptions';
import { techniqueLocator, techniqueSlug } from '../../helpers/techniqueLocator';
import { readRunId, runIdField } from '../../helpers/runId';
import { runForAgent } from '../../helpers/agentResults';
import { RUN_ID_PARAMETERS, RUN_RESULT } from '../../helpers/toolTexts';

const properties: INodeProperties[] = [
	techniqueLocator,
	runIdField,
	...downloadFields(),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...pollingFields(), floraItemsInParallelOption],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['run'], operation: ['waitForCompletion'] } },
	properties,
);

interface WaitInput {
	slug: string;
	runId: string;
	waitSettings: WaitSettings;
	download?: DownloadSettings;
}

export const itemsInParallel = FLORA_ITEMS_IN_PARALLEL;

export function prepare(this: IExecuteFunctions, itemIndex: number, run: RunContext): WaitInput {
	const check = validatorFor(this, itemIndex);
	return {
		slug: techniqueSlug(this, itemIndex),
		runId: readRunId(this, itemIndex, check),
		download: readDownload(this, itemIndex, check),
		waitSettings: readWaitSettings(this, itemIndex, run, check),
	};
}

/** Waits for a run started earlier (e.g. by Run → Create without waiting, or in another execution). */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	{ slug, runId, waitSettings, download }: WaitInput,
): Promise<INodeExecutionData[]> {
	const finished = await waitForRun.call(this, slug, runId, waitSettings, itemIndex);
	return [await runItem.call(this, slug, finished, itemIndex, download)];
}

/** What an AI Agent reads about Run → Wait for Completion as a tool. */
export const toolDescription = [
	`Waits for a FLORA run started earlier until it is completed or failed (free; runs take seconds to minutes) and returns ${RUN_RESULT}.`,
	'Past this tool\'s wait limit it returns status "running" and the runId: call it again later with the same runId.',
	'A failed run is answered with its errorCode and errorMessage.',
	RUN_ID_PARAMETERS,
].join(' ');

export const forAgent = runForAgent;
