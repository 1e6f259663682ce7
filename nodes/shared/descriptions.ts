import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit, as every n8n list operation shows them. */
export function returnAllOrLimit(maxLimit?: number): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1, ...(maxLimit ? { maxValue: maxLimit } : {}) },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
}

/** Name of the binary property a downloaded file is written to. */
export function binaryOutputProperty(defaultName = 'data'): INodeProperties {
	return {
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: defaultName,
		hint: 'The name of the output binary field to put the file in',
	};
}

/** Wait-until-done controls for a long-running job, run or project. */
export function waitOptions({
	intervalSeconds,
	maxWaitSeconds,
}: {
	intervalSeconds: number;
	maxWaitSeconds: number;
}): INodeProperties[] {
	return [
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollIntervalSeconds',
			type: 'number',
			typeOptions: { minValue: 0.01, numberPrecision: 2 },
			default: intervalSeconds,
			description: 'How long to wait between status checks',
		},
		{
			displayName: 'Max Wait (Seconds)',
			name: 'maxWaitSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: maxWaitSeconds,
			description:
				'The longest this node run waits in total, shared by all items. When it passes, the node stops waiting and reports the ID so the work can be picked up later.',
		},
	];
}
