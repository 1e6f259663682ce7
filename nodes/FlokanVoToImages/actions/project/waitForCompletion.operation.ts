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
