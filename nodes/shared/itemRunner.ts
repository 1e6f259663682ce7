import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeError, NodeOperationError } from 'n8n-workflow';

import { forEachWithConcurrency } from './concurrency';
import type { Operation, RunContext } from './router';
import { executionSignal } from './transport';

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

function asNodeError(context: IExecuteFunctions, error: Error, itemIndex: number): NodeError {
	if (error instanceof NodeError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

/** `id`, `job_id`, `runId`…: what a finished item made, so paid work can be found again. */
const isIdKey = (key: string) => key === 'id' || key.endsWith('_id') || key.endsWith('Id');

function idsOf(json: IDataObject): string {
	return Object.entries(json)
		.filter(
			([key, value]) => isIdKey(key) && (typeof value === 'string' || typeof value === 'number'),
		)
		.map(([key, value]) => `${key} ${String(value)}`)
		.join(', ');
}

type Outcome = { ok: true; items: INodeExecutionData[] } | { ok: false; error: Error } | undefined;

/**
 * The failed item's own error, told what else happened in the batch: which items finished (and
 * what they made), which failed too, which never started.
 */
function batchFailure(
	context: IExecuteFunctions,
	failedIndex: number,
	outcomes: Outcome[],
): NodeError {
	const failure = outcomes[failedIndex] as { error: Error };
	const error = asNodeError(context, failure.error, failedIndex);
	if (outcomes.length === 1) return error;
	const finished: string[] = [];
	const alsoFailed: number[] = [];
	const notStarted: number[] = [];
	outcomes.forEach((outcome, index) => {
		if (!outcome) notStarted.push(index);
		else if (!outcome.ok) {
			if (index !== failedIndex) alsoFailed.push(index);
		} else {
			const ids = outcome.items.map((item) => idsOf(item.json)).filter(Boolean);
			finished.push(ids.length ? `item ${index} (${ids.join('; ')})` : `item ${index}`);
		}
	});
	const parts = [`Item ${failedIndex} failed, so no further item was started.`];
	if (finished.length) parts.push(`Finished, and kept on the server: ${finished.join(', ')}.`);
	if (alsoFailed.length) parts.push(`Also failed: items ${alsoFailed.join(', ')}.`);
	if (notStarted.length) parts.push(`Not started: items ${notStarted.join(', ')}.`);
	error.description = [error.description, parts.join(' ')].filter(Boolean).join(' ');
	error.context.finishedItems = finished;
	return error;
}

/**
 * Prepares every item before any item runs. Without Continue On Fail the first invalid item fails
 * the run; with it, invalid items get their error outcome and the others run.
 */
async function prepareItems(
	context: IExecuteFunctions,
	operation: Operation,
	run: RunContext,
	outcomes: Outcome[],
	continueOnFail: boolean,
) {
	const inputs = new Map<number, unknown>();
	for (let itemIndex = 0; itemIndex < outcomes.length; itemIndex++) {
		try {
			inputs.set(itemIndex, await operation.prepare?.call(context, itemIndex, run));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error as Error, itemIndex);
			outcomes[itemIndex] = { ok: false, error: error as Error };
		}
	}
	return inputs;
}

/**
 * Runs one operation over every input item: every item prepared (checked) first, then up to
 * `concurrency` items at once, sharing the run's wait budget and the execution's cancel signal.
 * When an item fails without Continue On Fail, no further item starts, the items in flight finish
 * (their calls are paid), and the error names what they made.
 */
export async function runItems(
	context: IExecuteFunctions,
	operation: Operation,
	run: RunContext,
	concurrency: number,
): Promise<INodeExecutionData[]> {
	const continueOnFail = context.continueOnFail();
	const outcomes: Outcome[] = new Array(context.getInputData().length).fill(undefined);
	const inputs = await prepareItems(context, operation, run, outcomes, continueOnFail);

	const stopStarting = new AbortController();
	const executionStopped = executionSignal(context);
	const onStop = () => stopStarting.abort();
	executionStopped?.addEventListener('abort', onStop, { once: true });
	let firstFailure: number | undefined;
	try {
		await forEachWithConcurrency(
			[...inputs.keys()],
			concurrency,
			async (itemIndex) => {
				const outcome: Outcome = await operation.execute
					.call(context, itemIndex, run, inputs.get(itemIndex) as never)
					.then(
						(items) => ({ ok: true as const, items }),
						(error: Error) => ({ ok: false as const, error }),
					);
				outcomes[itemIndex] = outcome;
				if (!outcome.ok && !continueOnFail) {
					firstFailure ??= itemIndex;
					stopStarting.abort();
				}
			},
			{ signal: stopStarting.signal },
		);
	} finally {
		executionStopped?.removeEventListener('abort', onStop);
	}

	if (!continueOnFail) {
		const failed = firstFailure ?? outcomes.findIndex((outcome) => outcome === undefined);
		if (failed !== -1) {
			outcomes[failed] ??= { ok: false, error: notStarted(context, failed) };
			throw batchFailure(context, failed, outcomes);
		}
	}

	return outcomes.flatMap((outcome, itemIndex) => {
		if (outcome?.ok) {
			return context.helpers.constructExecutionMetaData(outcome.items, {
				itemData: { item: itemIndex },
			});
		}
		const error = outcome?.error ?? notStarted(context, itemIndex);
		return [{ json: errorItem(error), pairedItem: { item: itemIndex } }];
	});
}

function notStarted(context: IExecuteFunctions, itemIndex: number) {
	return new NodeOperationError(context.getNode(), 'Not started: the execution was stopped', {
		itemIndex,
	});
}
