import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../../../shared/descriptions';
import {
	FLOKAN_ITEMS_IN_PARALLEL,
	flokanItemsInParallelOption,
} from '../../../shared/flokanService';
import type { RunContext } from '../../../shared/router';
import { projectLocator, projectWaitFields, resultOutputFields } from '../../helpers/fields';
import type { WaitSettings } from '../../helpers/finish';
import { resultOptionsOf, waitAndCollect, waitSettingsOf } from '../../helpers/finish';
import type { ResultOptions } from '../../helpers/output';
import { projectIdOf } from '../../helpers/ids';

const properties: INodeProperties[] = [
	projectLocator(
		'The project to wait for, e.g. one that Run Pipeline and Wait started with waiting turned off',
	),
	...projectWaitFields(),
	...resultOutputFields,
	optionsCollection([flokanItemsInParallelOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['waitForCompletion'] } },
	properties,
);

interface WaitInput {
	projectId: string;
	wait: WaitSettings;
	output: ResultOptions;
}

export const itemsInParallel = FLOKAN_ITEMS_IN_PARALLEL;

export const toolDescription =
	'Waits until every image (and video) of a Flokan VO to Images project is done, then returns per sentence, in voiceover order, its sequence number, the start of its text and its image_url (a long project in parts; the answer says how to read the rest). Free: it only waits. It answers within the wait limit of this tool: if the project is still generating then, the answer is status "running" with the progress, and calling it again later continues the wait. Project: the project ID (a UUID), e.g. from Run Pipeline and Wait.';

export function prepare(this: IExecuteFunctions, itemIndex: number): WaitInput {
	return {
		projectId: projectIdOf(this, itemIndex),
		wait: waitSettingsOf(this, itemIndex),
		output: resultOptionsOf(this, itemIndex),
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	{ projectId, wait, output }: WaitInput,
): Promise<INodeExecutionData[]> {
	return await waitAndCollect(this, { projectId, run, wait, output, itemIndex });
}
