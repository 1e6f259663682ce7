import type { INode } from 'n8n-workflow';

import { operationError } from './errors';

/** Something the node already submitted (and maybe paid for): a job, run or project. */
export interface SubmittedResource {
	/** `job`, `run`, `project`, `generation`… */
	kind: string;
	id: string;
	/** What the user can do next, e.g. "use Job → Get Status with this ID". */
	nextStep: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function note(resource: SubmittedResource) {
	return `${capitalise(resource.kind)} ID: ${resource.id}. Next step: ${resource.nextStep}.`;
}

/**
 * Makes an error that happened after a submit say what was submitted and what to do next. The id
 * also lands in the error's context, so Continue On Fail output keeps it: nothing is lost.
 */
export function attachResource<E extends Error>(error: E, resource: SubmittedResource): E {
	const nodeError = error as E & { context?: Record<string, unknown>; description?: string | null };
	if (nodeError.context) nodeError.context[`${resource.kind}Id`] = resource.id;
	if (!nodeError.description?.includes(resource.id)) {
		nodeError.description = nodeError.description
			? `${nodeError.description} ${note(resource)}`
			: note(resource);
	}
	return error;
}

const stillRunning = new WeakMap<Error, SubmittedResource>();

/** The resource an error gave up waiting for while it still ran (Max Wait passed), if any. */
export function stillRunningResource(error: unknown): SubmittedResource | undefined {
	return error instanceof Error ? stillRunning.get(error) : undefined;
}

/** A new error about a submitted resource (a failure, a timeout, a stop). */
export function resourceError(
	node: INode,
	resource: SubmittedResource,
	message: string,
	itemIndex: number,
	details: { lastState?: string; mayStillRun?: boolean; waitLimitPassed?: boolean } = {},
) {
	const error = operationError(node, message, { itemIndex });
	if (details.waitLimitPassed) stillRunning.set(error, resource);
	const state = details.lastState ? ` Last known state: ${details.lastState}.` : '';
	const running = details.mayStillRun
		? ` The ${resource.kind} may still be running on the server.`
		: '';
	error.description = `${state}${running}`.trim() || null;
	return attachResource(error, resource);
}
