import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { projectSummaryForAgent } from '../../helpers/agentResult';
import { presetLocator, projectLocator } from '../../helpers/fields';
import { presetIdOf, projectIdOf } from '../../helpers/ids';
import { voRequest } from '../../helpers/request';

const properties: INodeProperties[] = [
	projectLocator(),
	presetLocator({
		required: true,
		description:
			'The preset to load onto the project. Its workflow mode is not applied: changing it mid-project would break the pipeline.',
	}),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['project'], operation: ['applyPreset'] } },
	properties,
);

export const toolDescription =
	"Loads a saved settings preset (art style, character and video settings) onto a Flokan VO to Images project; the project's workflow mode is kept. Free, about a second. Project: the project ID (a UUID). Preset: the preset ID (a UUID) from Preset → Get Many.";

export function forAgent(json: IDataObject): IDataObject {
	return projectSummaryForAgent(json);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const presetId = presetIdOf(this, itemIndex);
	const project = await voRequest<IDataObject>(this, {
		method: 'POST',
		path: `/projects/${encodeURIComponent(projectId)}/apply-preset`,
		body: { preset_id: presetId },
		itemIndex,
	});
	return asItems(this, project);
}
