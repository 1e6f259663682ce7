import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { projectSummaryForAgent } from '../../helpers/agentResult';
import { presetLocator, projectSettingsFields } from '../../helpers/fields';
import { optionalPresetIdOf } from '../../helpers/ids';
import { voRequest } from '../../helpers/request';
import { projectSettingsBody } from '../../helpers/settings';

export const WORKFLOW_MODES = ['automatic', 'manual'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. My Narrated Video',
		description: 'Project title, 1–200 characters',
	},
	{
		displayName: 'Workflow Mode',
		name: 'workflowMode',
		type: 'options',
		default: 'automatic',
		options: [
			{
				name: 'Automatic',
				value: 'automatic',
				description: 'The API pipeline (Run Prep, prompts, Finalize) works on it',
			},
			{
				name: 'Manual',
				value: 'manual',
				description: 'Worked on in the Flokan editor; Run Prep refuses manual projects',
			},
		],
	},
	presetLocator({
		required: false,
		description: 'A saved settings preset to apply at creation (optional)',
	}),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: projectSettingsFields,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['create'] } },
	properties,
);

export const toolDescription =
	'Creates an empty Flokan VO to Images project (no audio yet) and returns its projectId. Free, about a second. To turn a voiceover into images in one go, use Run Pipeline and Wait instead. Title: a name for the project, 1–200 characters. Preset: optional ID (a UUID) of a saved settings preset, from Preset → Get Many; it sets the art style the images need.';

export function forAgent(json: IDataObject): IDataObject {
	return projectSummaryForAgent(json);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const check = validatorFor(this, itemIndex);
	const title = check.text('Title', this.getNodeParameter('title', itemIndex), 1, 200);
	const workflowMode = check.oneOf(
		'Workflow Mode',
		this.getNodeParameter('workflowMode', itemIndex),
		WORKFLOW_MODES,
	);
	const presetId = optionalPresetIdOf(this, itemIndex);
	const settings = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const body: IDataObject = {
		title,
		workflow_mode: workflowMode,
		...projectSettingsBody(this, itemIndex, settings),
	};
	if (presetId) body.preset_id = presetId;
	const project = await voRequest<IDataObject>(this, {
		method: 'POST',
		path: '/projects',
		body,
		itemIndex,
	});
	return asItems(this, project);
}
