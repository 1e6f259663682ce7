import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldValidator } from '../../shared/validation';
import { requiredUuid, UUID_LOCATOR_REGEX } from './ids';

export const generationLocatorField: INodeProperties = {
	displayName: 'Generation',
	name: 'generationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The generation to use',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a recent generation…',
			typeOptions: { searchListMethod: 'searchGenerations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. f24a8c52-3b1e-4c8a-9d2f-1a2b3c4d5e6f',
			validation: [
				{
					type: 'regex',
					properties: { regex: UUID_LOCATOR_REGEX, errorMessage: 'A generation ID is a UUID' },
				},
			],
		},
	],
};

export function readGenerationId(
	context: IExecuteFunctions,
	check: FieldValidator,
	itemIndex: number,
): string {
	const value = context.getNodeParameter('generationId', itemIndex, '', { extractValue: true });
	return requiredUuid(check, 'Generation', value);
}
