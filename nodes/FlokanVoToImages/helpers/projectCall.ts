import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../shared/router';
import { projectLocator } from './fields';
import { projectIdOf } from './ids';
import { voRequest } from './request';

/**
 * An operation that is one call on the chosen project and nothing else (Delete, Run Prep,
 * Finalize, Get Status): its fields are the project picker, its output the API's answer.
 */
export function projectCallOperation(
	operation: string,
	method: IHttpRequestMethods,
	suffix: string,
) {
	return {
		description: updateDisplayOptions({ show: { resource: ['project'], operation: [operation] } }, [
			projectLocator(),
		]),
		async execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
			const projectId = projectIdOf(this, itemIndex);
			const result = await voRequest<IDataObject>(this, {
				method,
				path: `/projects/${encodeURIComponent(projectId)}${suffix}`,
				itemIndex,
			});
			return asItems(this, result);
		},
	};
}
