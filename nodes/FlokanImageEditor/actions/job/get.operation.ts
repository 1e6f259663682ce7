import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import { imageEditor } from '../../transport';
import { jobForAgent, jobNextStep } from './jobForAgent';

const properties: INodeProperties[] = [
	{
		displayName: 'Job',
		name: 'jobId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchJobs', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9c0d4f31-1b2c-4d5e-8f90-a1b2c3d4e5f6',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['get'] } },
	properties,
);

export const toolDescription =
	'Reads one Flokan Image Editor job by its ID and returns its status (pending, processing, completed or failed), result_url and result_image_id once completed, error when failed, and credits_consumed. Free; answers in about a second. Field: Job: the job_id that Generate or Edit or the job list returned (a UUID).';

/** The job without its long or duplicate fields, and what to do when it has not finished. */
export function forAgent(job: IDataObject): IDataObject {
	const nextStep = jobNextStep(job);
	return { ...jobForAgent(job, 200), ...(nextStep ? { nextStep } : {}) };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const jobId = check
		.text('Job', this.getNodeParameter('jobId', itemIndex, '', { extractValue: true }), 1, 200)
		.trim();
	const job = (await apiRequest.call(this, imageEditor, {
		method: 'GET',
		path: `/jobs/${encodeURIComponent(jobId)}`,
		itemIndex,
	})) as IDataObject;
	return asItems(this, job);
}
