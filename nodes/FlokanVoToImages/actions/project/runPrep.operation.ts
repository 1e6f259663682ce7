import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { projectLocator } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';
import { voRequest } from '../../helpers/request';

const properties: INodeProperties[] = [projectLocator()];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['runPrep'] } },
	properties,
);

/** Auto-run: transcription, character detection (optional) and segmentation. Paid; sent once. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const result = await voRequest<IDataObject>(this, {
		method: 'POST',
		path: `/projects/${encodeURIComponent(projectId)}/auto-run`,
		itemIndex,
	});
	return asItems(this, result);
}
