import { createHash } from 'node:crypto';
import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import { isToolMode } from '../../shared/toolMode';
import type { RunInput } from './types';

/**
 * A key that is the same every time this node retries this item in this execution (transport
 * retries and n8n's "Retry On Fail"), so FLORA returns the run it already started instead of
 * charging for a second one; a new execution, node run or item gets a new key.
 *
 * An AI Agent's tool runs the node once per call, so there the run index is left out: a model that
 * calls again with the same inputs in the same execution (e.g. after a "running" answer) gets the
 * run it already started instead of paying for a second one.
 */
export function defaultIdempotencyKey(
	context: IExecuteFunctions,
	itemIndex: number,
	slug: string,
	inputs: RunInput[],
): string {
	const node = context.getNode();
	const runIndex = isToolMode(context)
		? 'tool'
		: Number(context.getWorkflowDataProxy(itemIndex).$runIndex ?? 0);
	const parts = [
		context.getExecutionId(),
		node.id,
		node.name,
		runIndex,
		itemIndex,
		slug,
		JSON.stringify(inputs),
	];
	return `n8n-${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}

/** Puts the key on a create error, so a re-run with the same key picks up a run FLORA may have started. */
export function withIdempotencyKey(error: Error, key: string): Error {
	if (error instanceof NodeError) error.context.idempotencyKey = key;
	return error;
}
