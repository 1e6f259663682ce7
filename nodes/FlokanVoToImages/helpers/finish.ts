import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RunContext } from '../../shared/router';
import { attachResource, stillRunningResource } from '../../shared/submitted';
import { downloadsBinary, isToolMode } from '../../shared/toolMode';
import { validatorFor } from '../../shared/validation';
import { projectForAgent, projectRunning } from './agentResult';
import { MAX_WAIT_SECONDS, OUTPUT_MODES, POLL_INTERVAL_SECONDS } from './fields';
import { NEXT_STEP } from './nextSteps';
import type { ResultOptions } from './output';
import { resultItems } from './output';
import { readWholeProject } from './projectReader';
import { describeProgress, waitForProject } from './status';
import type { AutoStatus } from './types';

export interface WaitSettings {
	intervalMs: number;
	maxWaitSeconds: number;
}

/** Poll interval and max wait, checked before any request. */
export function waitSettingsOf(context: IExecuteFunctions, itemIndex: number): WaitSettings {
	const check = validatorFor(context, itemIndex);
	const interval = Number(
		context.getNodeParameter('pollIntervalSeconds', itemIndex, POLL_INTERVAL_SECONDS),
	);
	const maxWait = Number(context.getNodeParameter('maxWaitSeconds', itemIndex, MAX_WAIT_SECONDS));
	if (!Number.isFinite(interval) || interval <= 0)
		check.fail(
			'Poll Interval (Seconds)',
			`${interval} is not a positive number`,
			'a number of seconds above 0, e.g. 8',
		);
	if (!Number.isFinite(maxWait) || maxWait <= 0)
		check.fail(
			'Max Wait (Seconds)',
			`${maxWait} is not a positive number`,
			'a number of seconds above 0',
		);
	return { intervalMs: Math.round(interval * 1000), maxWaitSeconds: maxWait };
}

/** Output shape and downloads, checked before any request. */
export function resultOptionsOf(context: IExecuteFunctions, itemIndex: number): ResultOptions {
	const check = validatorFor(context, itemIndex);
	const mode = check.oneOf(
		'Output',
		context.getNodeParameter('outputMode', itemIndex, 'project'),
		OUTPUT_MODES,
	);
	const download = downloadsBinary(
		context,
		context.getNodeParameter('downloadImages', itemIndex, false) === true,
	);
	const binaryPropertyName = download
		? check.text(
				'Put Output File in Field',
				context.getNodeParameter('binaryPropertyName', itemIndex, 'data'),
				1,
				200,
			)
		: 'data';
	const simplify = context.getNodeParameter('simplify', itemIndex, false) === true;
	return { mode, download, binaryPropertyName, simplify };
}

/** The answer of an agent's tool whose wait limit passed before the project was done. */
function stillRunning(
	projectId: string,
	lastStatus: AutoStatus | undefined,
	run: RunContext,
	extra: IDataObject,
) {
	const progress = lastStatus ? `: ${describeProgress(lastStatus)}` : '';
	return projectRunning(projectId, {
		status: lastStatus,
		pipeline: extra.pipeline as IDataObject | undefined,
		message: `Project ${projectId} is still being generated after ${run.waitedAtMostSeconds} s, the most this tool waits${progress}. It keeps going on the server.`,
		nextStep:
			'Check it again with Project → Wait for Completion (or Project → Get Status) and this project ID.',
	});
}

/**
 * Waits for the project to be done within the run's wait budget, then reads every sentence and
 * returns the results in the chosen shape. Errors name the project and what to run next. An AI
 * Agent's tool gets one compact item, and `status: running` when its wait limit passes first.
 */
export async function waitAndCollect(
	context: IExecuteFunctions,
	options: {
		projectId: string;
		run: RunContext;
		wait: WaitSettings;
		output: ResultOptions;
		extra?: IDataObject;
		itemIndex: number;
	},
): Promise<INodeExecutionData[]> {
	const { projectId, itemIndex } = options;
	const extra = options.extra ?? {};
	const forAgent = isToolMode(context);
	let lastStatus: AutoStatus | undefined;
	let status: AutoStatus;
	try {
		status = await waitForProject(context, {
			projectId,
			intervalMs: options.wait.intervalMs,
			budget: options.run.budget(options.wait.maxWaitSeconds),
			itemIndex,
			onProgress: (latest) => (lastStatus = latest),
		});
	} catch (error) {
		if (forAgent && stillRunningResource(error))
			return [{ json: stillRunning(projectId, lastStatus, options.run, extra) }];
		// The poller named the project already: this returns the same error, in the form n8n's lint
		// (require-node-api-error) accepts instead of a raw rethrow.
		throw attachResource(error as Error, {
			kind: 'project',
			id: projectId,
			nextStep: NEXT_STEP.waitLater,
		});
	}
	try {
		const project = await readWholeProject(context, projectId, itemIndex);
		if (forAgent) return [{ json: projectForAgent(project, status, extra) }];
		return await resultItems(context, project, status, extra, options.output, itemIndex);
	} catch (error) {
		throw attachResource(error as Error, {
			kind: 'project',
			id: projectId,
			nextStep: NEXT_STEP.read,
		});
	}
}
