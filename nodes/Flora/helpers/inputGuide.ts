import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeError } from 'n8n-workflow';

import type { RunContext } from '../../shared/router';
import { isToolMode } from '../../shared/toolMode';
import type { FieldValidator } from '../../shared/validation';
import { MEDIA_HOSTS_IN_SHORT } from '../mediaUrl';
import type { ProvidedInput } from './inputs';
import { matchInputs, providedInputs } from './inputs';
import { techniqueForRun } from './technique';
import type { RunInput, Technique, TechniqueInput } from './types';
import { isRequired, MEDIA_INPUT_TYPES } from './types';

const EXAMPLE_VALUES: Record<string, string> = {
	imageUrl: 'https://media.flora.ai/…/image.png',
	videoUrl: 'https://media.flora.ai/…/clip.mp4',
	text: '…',
};

/** The key of the `$fromAI(...)` call in a raw parameter value: the name the model fills it by. */
function modelKeyOf(raw: unknown): string | undefined {
	if (typeof raw !== 'string') return undefined;
	return /\$fromAI\(\s*(['"`])([A-Za-z0-9_-]+)\1/i.exec(raw)?.[2];
}

/** input ID → the tool parameter the model fills it through (mapped inputs left to the model). */
function modelKeysByInput(context: IExecuteFunctions): Record<string, string> {
	const inputs = context.getNode().parameters.inputs as IDataObject | undefined;
	const values = (inputs?.value ?? {}) as IDataObject;
	const keys: Record<string, string> = {};
	for (const [id, raw] of Object.entries(values)) {
		const key = modelKeyOf(raw);
		if (key) keys[id] = key;
	}
	return keys;
}

function describeInput(input: TechniqueInput, modelKey?: string): string {
	const facts = [
		input.name && input.name !== input.id ? `"${input.name}"` : undefined,
		input.type,
		isRequired(input) ? 'required' : 'optional',
		modelKey ? `tool parameter ${modelKey}` : undefined,
	].filter(Boolean);
	return `${input.id} (${facts.join(', ')})${input.description ? `: ${input.description}` : ''}`;
}

/**
 * Every input of the technique with its ID, type, whether it is required, its description and the
 * tool parameter that carries it: what a model needs to correct its call.
 */
function inputGuide(
	context: IExecuteFunctions,
	technique: Technique,
	slug: string,
	itemIndex: number,
): string {
	const inputs = technique.inputs ?? [];
	const title = technique.name ? `${slug} (${technique.name})` : slug;
	if (inputs.length === 0) return `Technique ${title} takes no inputs.`;
	const mode = context.getNodeParameter('inputMode', itemIndex, 'mapper') as string;
	const keys = mode === 'mapper' ? modelKeysByInput(context) : {};
	const lines = [
		`Technique ${title} takes ${inputs.map((input) => describeInput(input, keys[input.id])).join('; ')}.`,
	];
	if (inputs.some((input) => MEDIA_INPUT_TYPES.includes(input.type))) {
		lines.push(`Image and video inputs take one https:// URL on ${MEDIA_HOSTS_IN_SHORT}.`);
	}
	if (mode === 'json') {
		const example = Object.fromEntries(
			inputs.map((input) => [input.id, EXAMPLE_VALUES[input.type] ?? '…']),
		);
		const jsonKey = modelKeyOf(context.getNode().parameters.inputsJson);
		lines.push(
			`Give ${jsonKey ? `the tool parameter ${jsonKey}` : 'Inputs (JSON)'} as one object of input ID → value, e.g. ${JSON.stringify(example)}.`,
		);
	}
	lines.push('Nothing was run or charged: correct the inputs and call again.');
	return lines.join(' ');
}

/** Adds the technique's inputs to an error about them, for an AI Agent's tool (the model sees the message). */
export function withInputGuide<E extends Error>(
	context: IExecuteFunctions,
	error: E,
	technique: Technique,
	slug: string,
	itemIndex: number,
): E {
	if (!isToolMode(context)) return error;
	const described = error as E & { description?: string | null };
	const guide = inputGuide(context, technique, slug, itemIndex);
	const before = described.description?.replace(/[.\s]*$/, '.');
	described.description = before ? `${before} ${guide}` : guide;
	return error;
}

/** FLORA refused the inputs (400 input_validation_error): the technique changed, or a check missed. */
export const isInputRefusal = (error: unknown) =>
	error instanceof NodeError && error.context.apiCode === 'input_validation_error';

/**
 * The item's inputs matched to the technique's own list. As a tool, a mismatch (ours, or n8n's own
 * check of a required mapped input) also lists every input of the technique, so the model can
 * correct its next call.
 */
export async function techniqueInputs(
	this: IExecuteFunctions,
	run: RunContext,
	slug: string,
	itemIndex: number,
	check: FieldValidator,
): Promise<{ technique: Technique; inputs: RunInput[] }> {
	let provided: ProvidedInput[];
	try {
		provided = providedInputs(this, itemIndex, check);
	} catch (error) {
		// The technique is read only to explain the error to a model: as a plain node, no request.
		const technique = isToolMode(this)
			? await techniqueForRun.call(this, run, slug, itemIndex)
			: undefined;
		throw technique ? withInputGuide(this, error as Error, technique, slug, itemIndex) : error;
	}
	const technique = await techniqueForRun.call(this, run, slug, itemIndex);
	try {
		return { technique, inputs: matchInputs(check, technique, provided) };
	} catch (error) {
		throw withInputGuide(this, error as Error, technique, slug, itemIndex);
	}
}
