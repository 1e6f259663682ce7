import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ITEMS_IN_PARALLEL_MAX, ITEMS_IN_PARALLEL_PARAMETER } from './descriptions';
import { runItems } from './itemRunner';
import { validatorFor } from './validation';
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

/**
 * One operation as the router runs it. An operation module (`*.operation.ts`) is one: it exports
 * `execute`, and optionally `prepare` and `itemsInParallel`.
 */
export interface Operation {
	/**
	 * Reads and checks one item's parameters and sends nothing that costs money. The router prepares
	 * every item before any item runs, so a batch with an invalid item starts no paid work.
	 */
	prepare?(this: IExecuteFunctions, itemIndex: number, run: RunContext): unknown;
	/** The item's work; `input` is what `prepare` returned for it. */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		run: RunContext,
		input: never,
	): Promise<INodeExecutionData[]>;
	/**
	 * Items run at once when the user leaves Options → Items in Parallel unset. Operations without it
	 * run their items one after another.
	 */
	itemsInParallel?: number;
}

/** resource → operation */
export type OperationMap = Record<string, Record<string, Operation>>;

/** JSON results as output items. */
export function asItems(
	context: IExecuteFunctions,
	data: IDataObject | IDataObject[],
): INodeExecutionData[] {
	return context.helpers.returnJsonArray(data);
}

function itemsInParallel(context: IExecuteFunctions, operation: Operation): number {
	if (operation.itemsInParallel === undefined) return 1;
	const value = context.getNodeParameter(ITEMS_IN_PARALLEL_PARAMETER, 0, operation.itemsInParallel);
	return validatorFor(context, 0).integer('Items in Parallel', value, 1, ITEMS_IN_PARALLEL_MAX);
}

/**
 * Runs the chosen operation for every input item: all items prepared first, then up to the
 * operation's Items in Parallel at once, outputs in input order and paired with their inputs.
 */
export async function routeItems(
	this: IExecuteFunctions,
	operations: OperationMap,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = operations[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported for "${resource}"`,
		);
	}
	return [await runItems(this, operation, new RunContext(), itemsInParallel(this, operation))];
}
