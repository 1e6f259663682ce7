import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { audioUrlOf, setAudio } from '../../helpers/audio';
import { audioUrlField, projectLocator } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';

const properties: INodeProperties[] = [projectLocator(), { ...audioUrlField, required: true }];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['setAudio'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const audioUrl = audioUrlOf(this, itemIndex) as string;
	return asItems(this, await setAudio(this, projectId, audioUrl, itemIndex));
}
