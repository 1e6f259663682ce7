import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { asItems } from '../../../shared/router';
import { validatorFor } from '../../../shared/validation';
import { ESTIMATE_ACTIONS, estimateCredits } from '../../helpers/credits';
import { projectLocator } from '../../helpers/fields';
import { projectIdOf } from '../../helpers/ids';

const properties: INodeProperties[] = [
	projectLocator('The project to estimate for'),
	{
		displayName: 'Action',
		name: 'action',
		type: 'options',
		default: 'generate_images',
		options: [
			{ name: 'Create Characters', value: 'create_characters' },
			{ name: 'Detect Characters', value: 'detect_characters' },
			{ name: 'Generate Images', value: 'generate_images' },
			{ name: 'Generate Prompts', value: 'generate_prompts' },
		],
		description: 'The phase to estimate',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['credits'], operation: ['estimate'] } },
	properties,
);

export const toolDescription =
	'Estimates the credits a phase of a Flokan VO to Images project will cost (the phase this tool is set to: images, prompts, character detection or character portraits), the credits available and whether the workspace can proceed. Free, about a second. Images cost about 49 credits each. Project: the project ID (a UUID).';

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<INodeExecutionData[]> {
	const projectId = projectIdOf(this, itemIndex);
	const action = validatorFor(this, itemIndex).oneOf(
		'Action',
		this.getNodeParameter('action', itemIndex),
		ESTIMATE_ACTIONS,
	);
	return asItems(this, await estimateCredits(this, projectId, action, itemIndex));
}
