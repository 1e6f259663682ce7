import type { IExecuteFunctions } from 'n8n-workflow';

import { validatorFor } from '../../shared/validation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_HINT = 'a UUID such as 3f2b9c1e-8d4a-4f6b-9c2d-1a2b3c4d5e6f';

/** An ID the API types as a UUID; checked here so a typo costs no request. */
export function requireUuid(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (!UUID.test(text)) {
		validatorFor(context, itemIndex).fail(
			field,
			text ? `"${text}" is not a UUID` : 'it is empty',
			UUID_HINT,
		);
	}
	return text;
}

export function optionalUuid(
	context: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string | undefined {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
		return undefined;
	return requireUuid(context, itemIndex, field, value);
}

/** The value of a resource locator parameter (list or ID mode). */
function locatorValue(context: IExecuteFunctions, name: string, itemIndex: number): unknown {
	return context.getNodeParameter(name, itemIndex, '', { extractValue: true });
}

export function projectIdOf(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'projectId',
): string {
	return requireUuid(context, itemIndex, 'Project', locatorValue(context, name, itemIndex));
}

export function presetIdOf(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'presetId',
): string {
	return requireUuid(context, itemIndex, 'Preset', locatorValue(context, name, itemIndex));
}

export function optionalPresetIdOf(
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'presetId',
): string | undefined {
	return optionalUuid(context, itemIndex, 'Preset', locatorValue(context, name, itemIndex));
}
