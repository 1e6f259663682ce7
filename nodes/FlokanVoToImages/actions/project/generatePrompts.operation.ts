import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { compactJson } from '../../../shared/toolMode';
import { validatorFor } from '../../../shared/validation';
import { projectRunning } from '../../helpers/agentResult';
import {
	MAX_WAIT_SECONDS,
	projectLocator,
	promptConcurrencyOption,
	retryFailedSegmentsOption,
	smartCameraAnglesOption,
} from '../../helpers/fields';
import { projectIdOf, requireUuid } from '../../helpers/ids';
import { NEXT_STEP } from '../../helpers/nextSteps';
import { readWholeProject } from '../../helpers/projectReader';
import { promptOptionsOf, segmentsFailedError } from '../../helpers/promptOptions';
import type { PromptFanOutReport } from '../../helpers/prompts';
import { generatePrompts } from '../../helpers/prompts';
import { voRequest } from '../../helpers/request';
import { segmentsOf } from '../../helpers/segments';
import { toolBudgetOf } from '../../helpers/toolBudget';
import { PROMPTS_TIMEOUT_MS } from '../../transport';

const properties: INodeProperties[] = [
	projectLocator(),
	{
		displayName: 'Segments',
		name: 'segmentScope',
		type: 'options',
		default: 'all',
		options: [
			{
				name: 'All Segments Without Prompts',
				value: 'all',
				description:
					"Every segment of the project whose sentences don't all have prompts yet, in parallel",
			},
			{
				name: 'One Segment',
				value: 'one',
				description: 'The segment with the given ID (always sent, even if it has prompts)',
			},
		],
	},
	{
		displayName: 'Segment ID',
		name: 'segmentId',
		type: 'string',
		required: true,
		default: '',
		description: "A segment ID from Run Prep's segment_ids",
		displayOptions: { show: { segmentScope: ['one'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{ ...promptConcurrencyOption, displayOptions: { show: { '/segmentScope': ['all'] } } },
			{ ...retryFailedSegmentsOption, displayOptions: { show: { '/segmentScope': ['all'] } } },
			smartCameraAnglesOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['generatePrompts'] } },
	properties,
);

async function promptOneSegment(
	context: IExecuteFunctions,
	projectId: string,
	itemIndex: number,
	smartCameraAngles?: boolean,
) {
	const segmentId = requireUuid(
		context,
		itemIndex,
		'Segment ID',
		context.getNodeParameter('segmentId', itemIndex),
	);
	return await voRequest<IDataObject>(context, {
		method: 'POST',
		path: `/projects/${encodeURIComponent(projectId)}/segments/${encodeURIComponent(segmentId)}/prompts`,
		body: smartCameraAngles === undefined ? {} : { smart_camera_angles: smartCameraAngles },
		resendable: false,
		timeoutMs: PROMPTS_TIMEOUT_MS,
		itemIndex,
	});
}

export const toolDescription =
	"Writes the image prompts of a prepared Flokan VO to Images project, for every segment that doesn't have them yet (or for one segment). Costs credits per sentence; each segment's call can take minutes, 10 run at a time. When this tool's wait limit passes, no further segment is started and the answer is status \"running\": calling it again continues, segments that have prompts are skipped. Next: Finalize. Project: the project ID (a UUID). Segment ID (when set to one segment): the segment's ID.";

export function forAgent(json: IDataObject): IDataObject {
	if (json.status === 'running') return json;
	return compactJson({
		projectId: json.project_id,
		segment_id: json.segment_id,
		prompts_generated: json.prompts_generated,
		segments_total: json.segments_total,
		segments_skipped: json.segments_skipped,
		segments_prompted: Array.isArray(json.segments_prompted)
			? json.segments_prompted.length
			: undefined,
		nextStep:
			'When every segment has prompts, start the images with Project → Finalize and this project ID (paid).',
	});
}

/** The answer when the tool's wait limit passed before every segment's call was started. */
function promptsRunning(
	projectId: string,
	segmentsTotal: number,
	skipped: number,
	report: PromptFanOutReport,
): IDataObject {
	return projectRunning(projectId, {
		progress: {
			segments_total: segmentsTotal,
			segments_with_prompts: skipped + report.segments_prompted.length,
		},
		message: `The wait limit of this tool passed before the prompts of ${report.segments_not_started?.length} segment(s) were started. Nothing failed: prompts written so far are kept.`,
		nextStep:
			'Continue with Project → Generate Prompts and this project ID: segments that have prompts are skipped. Then Project → Finalize.',
	});
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const projectId = projectIdOf(this, itemIndex);
	const scope = check.oneOf('Segments', this.getNodeParameter('segmentScope', itemIndex), [
		'all',
		'one',
	] as const);
	const options = promptOptionsOf(
		this,
		itemIndex,
		this.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	if (scope === 'one')
		return asItems(
			this,
			await promptOneSegment(this, projectId, itemIndex, options.smartCameraAngles),
		);

	const deadline = toolBudgetOf(this, run, MAX_WAIT_SECONDS)?.deadline;
	const project = await readWholeProject(this, projectId, itemIndex);
	const segments = segmentsOf(project.sentences);
	if (!segments) {
		throw new NodeOperationError(
			this.getNode(),
			`Project ${projectId}'s sentences don't name their segments`,
			{
				itemIndex,
				description: 'Use Segments: One Segment with the segment IDs from Run Prep.',
			},
		);
	}
	const pending = segments.filter((s) => !s.hasPrompts).map((s) => s.id);
	let report;
	try {
		report = await generatePrompts(this, {
			projectId,
			segmentIds: pending,
			itemIndex,
			deadline,
			...options,
		});
	} catch (error) {
		throw attachResource(error as Error, {
			kind: 'project',
			id: projectId,
			nextStep: NEXT_STEP.prompts,
		});
	}
	if (report.segments_failed.length > 0)
		throw segmentsFailedError(this, projectId, report, itemIndex);
	const skipped = segments.length - pending.length;
	if (report.segments_not_started?.length)
		return asItems(this, promptsRunning(projectId, segments.length, skipped, report));
	return asItems(this, {
		project_id: projectId,
		segments_total: segments.length,
		segments_skipped: skipped,
		...report,
	});
}
