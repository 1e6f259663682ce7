import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	ITEMS_IN_PARALLEL_MAX,
	ITEMS_IN_PARALLEL_PARAMETER,
	TOOL_WAIT_LIMIT_DEFAULT,
	TOOL_WAIT_LIMIT_MAX,
	TOOL_WAIT_LIMIT_PARAMETER,
} from './descriptions';
import { runItems } from './itemRunner';
import { errorForAgent, forAgent, isToolMode } from './toolMode';
import { validatorFor } from './validation';
import { WaitBudget } from './waitBudget';

/** State that lives for one run of a node, across all its items. */
export class RunContext {
	private waitBudget?: WaitBudget;

	/** @param waitLimitSeconds a ceiling on every Max Wait (an agent's tool must answer within its turn) */
	constructor(private readonly waitLimitSeconds = Infinity) {}

	/** The run's single wait budget; the first item to wait sets it from its Max Wait. */
	budget(maxWaitSeconds: number): WaitBudget {
		this.waitBudget ??= new WaitBudget(Math.min(maxWaitSeconds, this.waitLimitSeconds) * 1000);
		return this.waitBudget;
	}

	/** How long this run waits at most, in seconds (0 before anything waited). */
	get waitedAtMostSeconds(): number {
		return Math.round((this.waitBudget?.maxWaitMs ?? 0) / 1000);
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
	/**
	 * The JSON an AI Agent gets from one output item in tool mode: what it needs to act and to
	 * answer, each URL once. Defaults to the item's JSON without empty fields.
	 */
	forAgent?(json: IDataObject): IDataObject;
	/**
	 * What an AI Agent reads about the operation as a tool: what it does, its cost and typical time,
	 * and what each field the model may fill means. The default of the tool's Tool Description.
	 */
	toolDescription: string;
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

function toolWaitLimitSeconds(context: IExecuteFunctions): number {
	const value = context.getNodeParameter(TOOL_WAIT_LIMIT_PARAMETER, 0, TOOL_WAIT_LIMIT_DEFAULT);
	return validatorFor(context, 0).integer('Tool Wait Limit (Seconds)', value, 1, TOOL_WAIT_LIMIT_MAX);
}

/** Runs the operation as an AI Agent tool: see forAgent() in toolMode.ts. */
async function runAsTool(context: IExecuteFunctions, operation: Operation) {
	try {
		const run = new RunContext(toolWaitLimitSeconds(context));
		return await runItems(context, forAgent(operation), run, itemsInParallel(context, operation));
	} catch (error) {
		throw errorForAgent(error as Error);
	}
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
	if (isToolMode(this)) return [await runAsTool(this, operation)];
	return [await runItems(this, operation, new RunContext(), itemsInParallel(this, operation))];
}
