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

/** The "Options" collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

/** Where the router reads the "Items in Parallel" option: every batch operation's Options collection. */
export const ITEMS_IN_PARALLEL_PARAMETER = 'options.itemsInParallel';
export const ITEMS_IN_PARALLEL_MAX = 50;

/**
 * Options → Items in Parallel, for an operation whose API allows parallel work. Goes in the
 * operation's `options` collection; give the same default as the operation's `itemsInParallel`.
 */
export function itemsInParallelOption(defaultValue: number, limits: string): INodeProperties {
	return {
		displayName: 'Items in Parallel',
		name: 'itemsInParallel',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: ITEMS_IN_PARALLEL_MAX },
		default: defaultValue,
		description: `How many input items run at the same time. Outputs keep the input order. ${limits}`,
	};
}
