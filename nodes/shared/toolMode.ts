import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { Operation, RunContext } from './router';
import { stillRunningResource } from './submitted';

/**
 * Whether the node runs as an AI Agent tool. n8n registers every `usableAsTool` node a second time
 * as `<type>Tool`, and that type is what runs whether the agent calls the tool directly or through
 * an engine request; `isToolExecution()` is false on the engine-request path and missing on n8n 1.x.
 */
export function isToolMode(context: Pick<IExecuteFunctions, 'getNode'>): boolean {
	return context.getNode().type.endsWith('Tool');
}

/** Whether to download results into binary fields: never for a tool, whose binary n8n drops. */
export function downloadsBinary(
	context: Pick<IExecuteFunctions, 'getNode'>,
	asked: boolean,
): boolean {
	return asked && !isToolMode(context);
}

/** Drops what carries nothing for a model: null, undefined, empty text, empty lists and objects. */
export function compactJson(value: IDataObject): IDataObject {
	const compacted: IDataObject = {};
	for (const [key, field] of Object.entries(value)) {
		const kept = compactValue(field);
		if (kept !== undefined) compacted[key] = kept as IDataObject[keyof IDataObject];
	}
	return compacted;
}

function compactValue(value: unknown): unknown {
	if (value === null || value === undefined || value === '') return undefined;
	if (Array.isArray(value)) {
		const items = value.map(compactValue).filter((item) => item !== undefined);
		return items.length ? items : undefined;
	}
	if (typeof value === 'object') {
		const object = compactJson(value as IDataObject);
		return Object.keys(object).length ? object : undefined;
	}
	return value;
}

/** Text cut to `max` characters, marked with "…": enough for a model to recognise it. */
export function shortened(value: unknown, max: number): string | undefined {
	if (typeof value !== 'string') return undefined;
	return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

/**
 * The answer a tool gives when its wait limit passed before the job, run or project finished:
 * what is running, its ID, and which operation checks it. The agent's turn ends instead of the
 * chat timing out, and nothing submitted is lost.
 */
function runningResult(
	resource: NonNullable<ReturnType<typeof stillRunningResource>>,
	run: RunContext,
): IDataObject {
	return {
		status: 'running',
		[`${resource.kind}Id`]: resource.id,
		message: `The ${resource.kind} is still running after waiting ${run.waitedAtMostSeconds} s, the most this tool waits.`,
		nextStep: `To check it, ${resource.nextStep}.`,
	};
}

/** In tool mode the description travels with the message: n8n hands the model the message only. */
export function errorForAgent<E extends Error>(error: E): E {
	const description = (error as E & { description?: string | null }).description;
	if (description && !error.message.includes(description)) {
		error.message = `${error.message.replace(/[.\s]*$/, '.')} ${description}`;
	}
	return error;
}

const NOTHING_FOUND: IDataObject = {
	count: 0,
	message: 'Nothing found: the call succeeded with no results.',
};

/**
 * The operation as an agent's tool runs it: compact JSON without binary, a wait that outlives the
 * tool's limit answered with `status: running`, and errors whose message alone is actionable.
 */
export function forAgent(operation: Operation): Operation {
	const { prepare } = operation;
	return {
		...operation,
		...(prepare && {
			async prepare(this: IExecuteFunctions, itemIndex, run) {
				try {
					return await prepare.call(this, itemIndex, run);
				} catch (error) {
					throw errorForAgent(error as Error);
				}
			},
		}),
		async execute(this: IExecuteFunctions, itemIndex, run, input): Promise<INodeExecutionData[]> {
			try {
				const items = await operation.execute.call(this, itemIndex, run, input);
				// n8n hands the model "" for no items, which reads like a failure.
				if (!items.length) return [{ json: NOTHING_FOUND }];
				return items.map((item) => ({
					json: (operation.forAgent ?? compactJson)(item.json),
					...(item.pairedItem === undefined ? {} : { pairedItem: item.pairedItem }),
				}));
			} catch (error) {
				const running = stillRunningResource(error);
				if (running) return [{ json: runningResult(running, run) }];
				throw errorForAgent(error as Error);
			}
		},
	};
}
