import type { INodeProperties } from 'n8n-workflow';

import type { OperationMap } from './router';

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

/** Where the router reads the AI Agent tool's wait limit: a node-level field shown only on the tool. */
export const TOOL_WAIT_LIMIT_PARAMETER = 'toolWaitLimitSeconds';
/** Well under the ~90 s after which n8n's Chat Trigger answers 504 (n8n Cloud cuts requests at 100 s). */
export const TOOL_WAIT_LIMIT_DEFAULT = 45;
export const TOOL_WAIT_LIMIT_MAX = 3600;

/**
 * Tool Wait Limit, for a node whose operations wait for a job: shown only when the node is an AI
 * Agent's tool. A wait that outlives it ends the tool call with `status: running` and the ID.
 */
export const toolWaitLimitField: INodeProperties = {
	displayName: 'Tool Wait Limit (Seconds)',
	name: TOOL_WAIT_LIMIT_PARAMETER,
	type: 'number',
	typeOptions: { minValue: 1, maxValue: TOOL_WAIT_LIMIT_MAX },
	default: TOOL_WAIT_LIMIT_DEFAULT,
	description:
		"The longest one tool call waits for a job before it answers the agent with status \"running\" and the job's ID, so the agent's turn never times out (a chat answers with an error after about 90 s)",
	displayOptions: { show: { '@tool': [true] } },
};

/**
 * The tool's "Tool Description", one per operation, prefilled with the operation's
 * `toolDescription`. n8n adds its own generic field ("Create a run in FLORA") only to nodes that
 * bring none, and hands this text to the model as is (n8n 1.x does not evaluate expressions here).
 */
export function toolDescriptionFields(operations: OperationMap): INodeProperties[] {
	return Object.entries(operations).flatMap(([resource, byName]) =>
		Object.entries(byName).map(([operation, { toolDescription }]) => ({
			displayName: 'Tool Description',
			name: 'toolDescription',
			type: 'string' as const,
			typeOptions: { rows: 6 },
			default: toolDescription,
			description:
				'What the AI Agent reads about this tool: what it does, what it costs, how long it takes and what each field the model fills means',
			displayOptions: {
				show: { '@tool': [true], resource: [resource], operation: [operation] },
			},
		})),
	);
}
