import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * A view of the execution context for clean-up calls made after the execution was stopped (e.g.
 * cancelling the remote job). n8n-core attaches the execution's cancel signal to every
 * authenticated request of a context that has `getExecutionCancelSignal`, so once stopped those
 * requests fail at once; hiding that one method lets the call through, and makes the shared
 * transport treat it as a call without a stop signal. Use it only for a short, bounded call.
 */
export function detachedFromStop(context: IExecuteFunctions): IExecuteFunctions {
	return new Proxy(context, {
		has: (target, key) => key !== 'getExecutionCancelSignal' && Reflect.has(target, key),
	});
}
