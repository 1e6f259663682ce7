import type { IDataObject, IExecuteFunctions, ResourceMapperField } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import type { FieldValidator } from '../../shared/validation';
import { ALLOWED_MEDIA_HOSTS_TEXT, mediaUrlProblem } from '../mediaUrl';
import type { InputType, RunInput, Technique } from './types';
import { INPUT_TYPES, isRequired, MEDIA_INPUT_TYPES } from './types';

/** One input as the user gave it, before it is matched against the technique. */
export interface ProvidedInput {
	id: string;
	value: string;
	type?: InputType;
	/** The field name used in error messages. */
	field: string;
}

const JSON_FIELD = 'Inputs (JSON)';
const JSON_ALLOWED =
	'an array like [{"id": "product_image", "type": "imageUrl", "value": "https://…"}] or an object like {"product_image": "https://…"}';

const isEmpty = (value: unknown) => value === undefined || value === null || value === '';

function checkMediaUrl(check: FieldValidator, field: string, value: string) {
	const problem = mediaUrlProblem(value);
	if (problem)
		check.fail(
			field,
			`${problem}. FLORA accepts media only over HTTPS from: ${ALLOWED_MEDIA_HOSTS_TEXT}`,
		);
}

function asText(check: FieldValidator, field: string, value: unknown): string {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return check.fail(
		field,
		`expected text or a URL, got ${Array.isArray(value) ? 'an array' : typeof value}`,
	);
}

function fromMapper(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): ProvidedInput[] {
	const values = (context.getNodeParameter('inputs.value', itemIndex, {}) ?? {}) as IDataObject;
	const schema = (context.getNodeParameter('inputs.schema', itemIndex, []) ??
		[]) as ResourceMapperField[];
	const label = (id: string) =>
		`Inputs → ${schema.find((field) => field.id === id)?.displayName ?? id}`;
	for (const field of schema) {
		if (field.required && !field.removed && isEmpty(values[field.id]))
			check.fail(label(field.id), 'is required but empty');
	}
	return Object.entries(values)
		.filter(([, value]) => !isEmpty(value))
		.map(([id, value]) => ({ id, value: asText(check, label(id), value), field: label(id) }));
}

function jsonEntry(check: FieldValidator, entry: unknown, index: number): ProvidedInput {
	const field = `${JSON_FIELD} [${index}]`;
	if (!entry || typeof entry !== 'object' || Array.isArray(entry))
		return check.fail(field, 'is not an object', JSON_ALLOWED);
	const { id, type, value } = entry as IDataObject;
	if (typeof id !== 'string' || id === '')
		check.fail(`${field}.id`, 'is missing', 'the input ID from Technique → Get');
	if (type !== undefined) check.oneOf(`${field}.type`, type, INPUT_TYPES);
	if (isEmpty(value))
		check.fail(
			`${field}.value`,
			'is empty',
			'a URL for imageUrl/videoUrl inputs, text for text inputs',
		);
	return {
		id: id as string,
		type: type as InputType | undefined,
		value: asText(check, `${field}.value`, value),
		field,
	};
}

function fromJson(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): ProvidedInput[] {
	const raw = context.getNodeParameter('inputsJson', itemIndex);
	let parsed: unknown = raw;
	if (typeof raw === 'string') {
		try {
			parsed = jsonParse(raw);
		} catch (error) {
			return check.fail(
				JSON_FIELD,
				`is not valid JSON (${(error as Error).message})`,
				JSON_ALLOWED,
			);
		}
	}
	let inputs: ProvidedInput[];
	if (Array.isArray(parsed)) {
		inputs = parsed.map((entry, index) => jsonEntry(check, entry, index));
	} else if (parsed && typeof parsed === 'object') {
		inputs = Object.entries(parsed)
			.filter(([, value]) => !isEmpty(value))
			.map(([id, value]) => ({
				id,
				value: asText(check, `${JSON_FIELD}.${id}`, value),
				field: `${JSON_FIELD}.${id}`,
			}));
	} else {
		return check.fail(JSON_FIELD, 'is neither an array nor an object', JSON_ALLOWED);
	}
	const seen = new Set<string>();
	for (const input of inputs) {
		if (seen.has(input.id)) check.fail(input.field, `input "${input.id}" is given more than once`);
		seen.add(input.id);
		if (input.type && MEDIA_INPUT_TYPES.includes(input.type))
			checkMediaUrl(check, input.field, input.value);
	}
	return inputs;
}

/** The inputs from the form fields or the JSON, checked as far as possible without the technique. */
export function providedInputs(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): ProvidedInput[] {
	const mode = context.getNodeParameter('inputMode', itemIndex, 'mapper') as string;
	return mode === 'json'
		? fromJson(context, itemIndex, check)
		: fromMapper(context, itemIndex, check);
}

/**
 * Matches the inputs to the technique's own list (IDs, types, required ones, media hosts) so that
 * anything FLORA would refuse fails here, before the paid POST.
 */
export function matchInputs(
	check: FieldValidator,
	technique: Technique,
	provided: ProvidedInput[],
): RunInput[] {
	const expected = technique.inputs ?? [];
	const known = expected.map((input) => `${input.id} (${input.type})`).join(', ') || 'none';
	const byId = new Map(provided.map((input) => [input.id, input]));
	for (const input of provided) {
		const spec = expected.find((candidate) => candidate.id === input.id);
		if (!spec)
			check.fail(
				input.field,
				`"${input.id}" is not an input of this technique`,
				`its inputs: ${known}`,
			);
		if (input.type && input.type !== spec.type) {
			check.fail(
				input.field,
				`input "${input.id}" has type "${input.type}" but the technique expects "${spec.type}"`,
			);
		}
		if (MEDIA_INPUT_TYPES.includes(spec.type)) checkMediaUrl(check, input.field, input.value);
	}
	const missing = expected.filter((spec) => isRequired(spec) && !byId.has(spec.id));
	if (missing.length) {
		check.fail(
			'Inputs',
			`required input(s) missing: ${missing.map((spec) => spec.name ?? spec.id).join(', ')}`,
			`its inputs: ${known}`,
		);
	}
	return expected.flatMap((spec) => {
		const input = byId.get(spec.id);
		return input ? [{ id: spec.id, type: spec.type as InputType, value: input.value }] : [];
	});
}
