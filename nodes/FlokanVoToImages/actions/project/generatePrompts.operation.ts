import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { validatorFor } from '../../../shared/validation';
import {
	projectLocator,
	promptConcurrencyOption,
	retryFailedSegmentsOption,
	smartCameraAnglesOption,
} from '../../helpers/fields';
import { projectIdOf, requireUuid } from '../../helpers/ids';
import { NEXT_STEP } from '../../helpers/nextSteps';
import { readWholeProject } from '../../helpers/projectReader';
import { promptOptionsOf, segmentsFailedError } from '../../helpers/promptOptions';
import { generatePrompts } from '../../helpers/prompts';
import { voRequest } from '../../helpers/request';
import { segmentsOf } from '../../helpers/segments';
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

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
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
		report = await generatePrompts(this, { projectId, segmentIds: pending, itemIndex, ...options });
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
	return asItems(this, {
		project_id: projectId,
		segments_total: segments.length,
		segments_skipped: skipped,
		...report,
	});
}
