import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';

const JOB_ID_PATTERN = '^[A-Za-z0-9_-]{1,100}$';

/** The Job field: pick from the key's jobs, or paste an id. */
export const jobIdField: INodeProperties = {
	displayName: 'Job',
	name: 'jobId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The job to use, as returned by Job → Create',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			typeOptions: { searchListMethod: 'searchJobs', searchable: true },
		},
		{
			displayName: 'ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. clxxxxx0000abcd1234efgh',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: JOB_ID_PATTERN,
						errorMessage: 'A job ID has only letters, digits, "-" and "_"',
					},
				},
			],
		},
	],
};

export function jobIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const check = validatorFor(context, itemIndex);
	const value = context.getNodeParameter('jobId', itemIndex, '', { extractValue: true });
	const jobId = check.text('Job', value, 1, 100);
	if (!new RegExp(JOB_ID_PATTERN).test(jobId))
		check.fail('Job', `"${jobId}" is not a job ID`, 'letters, digits, "-" and "_"');
	return jobId;
}
