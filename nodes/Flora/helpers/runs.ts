import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadAsBinary, fileNameFromUrl } from '../../shared/binary';
import type { PollOptions } from '../../shared/poller';
import { pollUntilDone } from '../../shared/poller';
import type { SubmittedResource } from '../../shared/submitted';
import { resourceError } from '../../shared/submitted';
import { apiRequest } from '../../shared/transport';
import type { WaitBudget } from '../../shared/waitBudget';
import { flora, runPath } from '../transport';
import type { DownloadSettings } from './runOptions';
import type { Run } from './types';

export const runResource = (slug: string, runId: string): SubmittedResource => ({
	kind: 'run',
	id: runId,
	nextStep: `use Run → Get (or Run → Wait for Completion) with technique "${slug}" and this run ID`,
});

/** A run body, with the ID under `runId` whichever spelling the API used. */
export function readRun(context: IExecuteFunctions, body: IDataObject, itemIndex: number): Run {
	const runId = body.runId ?? body.run_id ?? body.id;
	if (typeof runId !== 'string' || runId === '') {
		throw new NodeOperationError(context.getNode(), 'FLORA answered without a run ID', {
			itemIndex,
			description: `Response: ${JSON.stringify(body).slice(0, 500)}`,
		});
	}
	return { ...body, runId } as Run;
}

export async function getRun(
	this: IExecuteFunctions,
	slug: string,
	runId: string,
	itemIndex: number,
	deadline?: number,
): Promise<Run> {
	const body = (await apiRequest.call(this, flora, {
		method: 'GET',
		path: runPath(slug, runId),
		itemIndex,
		deadline,
	})) as IDataObject;
	return readRun(this, body, itemIndex);
}

/** A failed run as an error that keeps runId, errorCode and errorMessage (also in Continue On Fail output). */
export function runFailedError(
	context: IExecuteFunctions,
	slug: string,
	run: Run,
	itemIndex: number,
) {
	const code = run.errorCode ?? 'unknown_error';
	const message = run.errorMessage ?? 'no error message';
	const error = resourceError(
		context.getNode(),
		{
			kind: 'run',
			id: run.runId,
			nextStep:
				'check the inputs and try again; if it keeps failing, send FLORA the run ID, technique slug and this error',
		},
		`FLORA run ${run.runId} failed: ${message} (${code})`,
		itemIndex,
	);
	Object.assign(error.context, { technique: slug, errorCode: code, errorMessage: message });
	return error;
}

export interface WaitSettings {
	intervalMs: number;
	budget: WaitBudget;
}

/** Polls the run until it is completed (returned) or failed (thrown). */
export async function waitForRun(
	this: IExecuteFunctions,
	slug: string,
	runId: string,
	{ intervalMs, budget }: WaitSettings,
	itemIndex: number,
): Promise<Run> {
	const options: PollOptions<Run> = {
		resource: runResource(slug, runId),
		check: async (deadline) => await getRun.call(this, slug, runId, itemIndex, deadline),
		isDone: (state) => state.status === 'completed' || state.status === 'failed',
		progressOf: (state) =>
			state.status === 'running' ? `running ${state.progress ?? 0}%` : state.status,
		intervalMs,
		budget,
		itemIndex,
	};
	const pollRun: (this: IExecuteFunctions, options: PollOptions<Run>) => Promise<Run> =
		pollUntilDone;
	const run = await pollRun.call(this, options);
	if (run.status === 'failed') throw runFailedError(this, slug, run, itemIndex);
	return run;
}

const extensionByType: Record<string, string> = { imageUrl: 'png', videoUrl: 'mp4', text: 'txt' };

/** The run as an output item; with `binaryPropertyName`, a completed run's outputs are downloaded. */
export async function runItem(
	this: IExecuteFunctions,
	slug: string,
	run: Run,
	itemIndex: number,
	download?: DownloadSettings,
): Promise<INodeExecutionData> {
	const json: IDataObject = { technique: slug, ...run };
	const item: INodeExecutionData = { json };
	if (!download || run.status !== 'completed') return item;
	const outputs = (run.outputs ?? []).filter(
		(output) => typeof output.url === 'string' && /^https?:\/\//.test(output.url),
	);
	if (outputs.length === 0) return item;
	item.binary = {};
	const named = outputs.map((output, index) => ({
		output,
		property:
			outputs.length === 1
				? download.binaryPropertyName
				: `${download.binaryPropertyName}_${index}`,
	}));
	for (const { output, property } of named) {
		const url = output.url as string;
		const fallbackName = `${run.runId}-${output.id ?? property}.${extensionByType[output.type ?? ''] ?? 'bin'}`;
		const fromUrl = fileNameFromUrl(url, fallbackName);
		const fileName = /\.[A-Za-z0-9]{2,5}$/.test(fromUrl) ? fromUrl : fallbackName;
		item.binary[property] = await downloadAsBinary(this, url, itemIndex, fileName);
	}
	json.outputs = (run.outputs ?? []).map((output) => {
		const match = named.find((entry) => entry.output === output);
		return match ? { ...output, binaryProperty: match.property } : output;
	}) as IDataObject[];
	return item;
}
