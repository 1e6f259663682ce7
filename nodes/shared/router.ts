import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

import { WaitBudget } from './waitBudget';

/** State that lives for one run of a node, across all its items. */
export class RunContext {
	private waitBudget?: WaitBudget;

	/** The run's single wait budget; the first item to wait sets it from its Max Wait. */
	budget(maxWaitSeconds: number): WaitBudget {
		this.waitBudget ??= new WaitBudget(maxWaitSeconds * 1000);
		return this.waitBudget;
	}
}

/** One operation's work for one input item. */
export type OperationHandler = (
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
) => Promise<INodeExecutionData[]>;

/** resource → operation → handler */
export type OperationMap = Record<string, Record<string, OperationHandler>>;

/** JSON results as output items. */
export function asItems(
	context: IExecuteFunctions,
	data: IDataObject | IDataObject[],
): INodeExecutionData[] {
	return context.helpers.returnJsonArray(data);
}

/** Engine bookkeeping and raw API payloads stay out of error items; ids like jobId go in. */
const CONTEXT_KEYS_NOT_SHOWN = new Set(['itemIndex', 'runIndex', 'data']);

function errorItem(error: Error): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error instanceof NodeError) {
		if (error.description) json.description = error.description;
		for (const [key, value] of Object.entries(error.context)) {
			if (!CONTEXT_KEYS_NOT_SHOWN.has(key)) json[key] = value;
		}
		const httpCode = (error as { httpCode?: string | null }).httpCode;
		if (httpCode) json.httpCode = httpCode;
	}
	return json;
}

/**
 * Runs the chosen operation for every input item, one after another: pairs every output with its
 * input, and turns a failing item into an error item when Continue On Fail is on.
 */
export async function routeItems(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = operations[resource]?.[operation];
	if (!handler) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	const run = new RunContext();
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = await handler.call(this, itemIndex, run).then(
			(results) => ({ ok: true as const, results }),
			(error: Error) => ({ ok: false as const, error }),
		);
		if (outcome.ok) {
			output.push(
				...this.helpers.constructExecutionMetaData(outcome.results, {
					itemData: { item: itemIndex },
				}),
			);
		} else if (this.continueOnFail()) {
			output.push({ json: errorItem(outcome.error), pairedItem: { item: itemIndex } });
		} else {
			throw asNodeError(this, outcome.error, itemIndex);
		}
	}
	return [output];
}

function asNodeError(context: IExecuteFunctions, error: Error, itemIndex: number): NodeError {
	if (error instanceof NodeError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}
