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
	{ show: { resource: ['project'], operation: ['delete'] } },
	properties,
);

/** Deletes the project, its rows and its audio, image and video files. */
export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const result = await voRequest<IDataObject>(this, {
		method: 'DELETE',
		path: `/projects/${encodeURIComponent(projectId)}`,
		itemIndex,
	});
	return asItems(this, result);
}
