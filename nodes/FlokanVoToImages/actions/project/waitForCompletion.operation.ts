import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RunContext } from '../../../shared/router';
import { projectLocator, projectWaitFields, resultOutputFields } from '../../helpers/fields';
import { resultOptionsOf, waitAndCollect, waitSettingsOf } from '../../helpers/finish';
import { projectIdOf } from '../../helpers/ids';

const properties: INodeProperties[] = [
	projectLocator(
		'The project to wait for, e.g. one that Run Pipeline and Wait started with waiting turned off',
	),
	...projectWaitFields(),
	...resultOutputFields,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['waitForCompletion'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const wait = waitSettingsOf(this, itemIndex);
	const output = resultOptionsOf(this, itemIndex);
	return await waitAndCollect(this, { projectId, run, wait, output, itemIndex });
}
