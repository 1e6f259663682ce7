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
		// A tool's errors carry their description in the message already (errorForAgent).
		if (error.description && !error.message.includes(error.description)) {
			json.description = error.description;
		}
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

/** `id`, `job_id`, `runId`…: what an item made, so paid work can be found again. */
const isIdKey = (key: string) => key === 'id' || key.endsWith('_id') || key.endsWith('Id');

function idsOf(fields: object): string {
	return Object.entries(fields)
		.filter(
			([key, value]) => isIdKey(key) && (typeof value === 'string' || typeof value === 'number'),
		)
		.map(([key, value]) => `${key} ${String(value)}`)
		.join(', ');
}

type Outcome = { ok: true; items: INodeExecutionData[] } | { ok: false; error: Error } | undefined;

/** "item 2 (job_id …, result_image_id …)": the IDs of what it made, or of what it had submitted. */
function describeItem(index: number, outcome: NonNullable<Outcome>): string {
	const ids = outcome.ok
		? outcome.items.map((item) => idsOf(item.json)).filter(Boolean)
		: [idsOf(outcome.error instanceof NodeError ? outcome.error.context : {})].filter(Boolean);
	return ids.length ? `item ${index} (${ids.join('; ')})` : `item ${index}`;
}

const listOf = (what: string, entries: Array<string | number>) =>
	entries.length ? [`${what} ${entries.join(', ')}.`] : [];

/**
 * The failed item's own error, told what else happened in the batch: which items finished (and
 * what they made), which failed or were stopped too (and what they had submitted), which never
 * started.
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
	const alsoFailed: string[] = [];
	const notStarted: number[] = [];
	outcomes.forEach((outcome, index) => {
		if (!outcome) notStarted.push(index);
		else if (outcome.ok) finished.push(describeItem(index, outcome));
		else if (index !== failedIndex) alsoFailed.push(describeItem(index, outcome));
	});
	const stopped = executionSignal(context)?.aborted === true;
	const summary = [
		stopped
			? 'The execution was stopped, so no further item was started.'
			: `Item ${failedIndex} failed, so no further item was started.`,
		...listOf('Finished, and kept on the server:', finished),
		...listOf(stopped ? 'Also stopped:' : 'Also failed:', alsoFailed),
		...listOf('Not started: items', notStarted),
	];
	error.description = [error.description, summary.join(' ')].filter(Boolean).join(' ');
	error.context.finishedItems = finished;
	if (alsoFailed.length) error.context.otherFailedItems = alsoFailed;
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
