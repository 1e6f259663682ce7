import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { RunContext } from '../../../shared/router';
import { apiRequest } from '../../../shared/transport';
import { validatorFor } from '../../../shared/validation';
import { defaultIdempotencyKey, withIdempotencyKey } from '../../helpers/idempotency';
import { runForAgent } from '../../helpers/agentResults';
import { isInputRefusal, techniqueInputs, withInputGuide } from '../../helpers/inputGuide';
import type { WaitSettings } from '../../helpers/runs';
import { readRun, runItem, waitForRun } from '../../helpers/runs';
import type { DownloadSettings } from '../../helpers/runOptions';
import {
	downloadFields,
	FLORA_ITEMS_IN_PARALLEL,
	floraItemsInParallelOption,
	pollingFields,
	readDownload,
	readWaitSettings,
} from '../../helpers/runOptions';
import { techniqueLocator, techniqueSlug } from '../../helpers/techniqueLocator';
import type { Run, RunInput, Technique } from '../../helpers/types';
import { flora, runsPath } from '../../transport';
import { MEDIA_URL, RUN_RESULT, TECHNIQUE_PARAMETER } from '../../helpers/toolTexts';

const properties: INodeProperties[] = [
	techniqueLocator,
	{
		displayName: 'Inputs',
		name: 'inputMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Map Each Input',
				value: 'mapper',
				description: 'One field per technique input, loaded from the technique',
			},
			{ name: 'Using JSON', value: 'json', description: 'Give the inputs as JSON' },
		],
		default: 'mapper',
	},
	{
		displayName: 'Technique Inputs',
		name: 'inputs',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			loadOptionsDependsOn: ['technique.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTechniqueInputs',
				mode: 'add',
				fieldWords: { singular: 'input', plural: 'inputs' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: false,
				noFieldsError:
					'This technique has no inputs, or it could not be loaded. Check the technique and the credential.',
			},
		},
		displayOptions: { show: { inputMode: ['mapper'] } },
	},
	{
		displayName: 'Inputs (JSON)',
		name: 'inputsJson',
		type: 'json',
		default:
			'[\n  { "id": "product_image", "type": "imageUrl", "value": "https://media.flora.ai/example.png" }\n]',
		description:
			'The inputs as FLORA expects them (a list of objects with the input ID, its type imageUrl, videoUrl or text, and the value), or one object mapping each input ID to its value. Media must be HTTPS URLs on a supported host.',
		displayOptions: { show: { inputMode: ['json'] } },
	},
	{
		displayName: 'Wait Until Done',
		name: 'waitForCompletion',
		type: 'boolean',
		default: true,
		description: 'Whether to poll the run until it is completed or failed, and output the result',
	},
	...downloadFields().map((field) => ({
		...field,
		displayOptions: { show: { waitForCompletion: [true], ...field.displayOptions?.show } },
	})),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Sent as idempotency_key: FLORA returns the existing run for a key it has seen instead of starting (and charging for) a new one. Leave empty for a key derived from the execution, node and item, so retries never start a second run.',
			},
			...pollingFields().map((field) => ({
				...field,
				displayOptions: { show: { '/waitForCompletion': [true] } },
			})),
			floraItemsInParallelOption,
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['run'], operation: ['create'] } },
	properties,
);

interface CreateInput {
	slug: string;
	technique: Technique;
	inputs: RunInput[];
	idempotencyKey: string;
	waitSettings?: WaitSettings;
	download?: DownloadSettings;
}

export const itemsInParallel = FLORA_ITEMS_IN_PARALLEL;

/**
 * Checks the item against the technique's inputs. Reading the technique (free, once per run) is
 * the only request: no run is started for any item until every item matches.
 */
export async function prepare(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
): Promise<CreateInput> {
	const check = validatorFor(this, itemIndex);
	const slug = techniqueSlug(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as { idempotencyKey?: string };
	const userKey = check.optionalText('Idempotency Key', options.idempotencyKey, 255);
	const wait = this.getNodeParameter('waitForCompletion', itemIndex, true) as boolean;
	const waitSettings = wait ? readWaitSettings(this, itemIndex, run, check) : undefined;
	const download = wait ? readDownload(this, itemIndex, check) : undefined;

	const { technique, inputs } = await techniqueInputs.call(this, run, slug, itemIndex, check);
	const idempotencyKey = userKey ?? defaultIdempotencyKey(this, itemIndex, slug, inputs);
	return { slug, technique, inputs, idempotencyKey, waitSettings, download };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	_run: RunContext,
	{ slug, technique, inputs, idempotencyKey, waitSettings, download }: CreateInput,
): Promise<INodeExecutionData[]> {
	// The idempotency key makes the POST safe to re-send: FLORA answers a repeat with the same run.
	let created: Run;
	try {
		const body = await apiRequest.call(this, flora, {
			method: 'POST',
			path: runsPath(slug),
			body: {
				inputs: inputs as unknown as IDataObject[],
				mode: 'async',
				idempotency_key: idempotencyKey,
			},
			resendable: true,
			itemIndex,
		});
		created = readRun(this, body as IDataObject, itemIndex);
	} catch (error) {
		const refused = isInputRefusal(error)
			? withInputGuide(this, error as Error, technique, slug, itemIndex)
			: (error as Error);
		throw withIdempotencyKey(refused, idempotencyKey);
	}
	if (!waitSettings) return [{ json: { technique: slug, idempotencyKey, ...created } }];

	const finished = await waitForRun.call(this, slug, created.runId, waitSettings, itemIndex);
	const item = await runItem.call(this, slug, finished, itemIndex, download);
	item.json.idempotencyKey = idempotencyKey;
	return [item];
}

/** What an AI Agent reads about Run → Create as a tool. */
export const toolDescription = [
	`Runs a FLORA technique (a reusable AI image or video workflow) and returns ${RUN_RESULT}.`,
	"Costs the technique's credits per run (FLORA Technique → Get shows the cost); refused inputs cost nothing.",
	'Takes seconds to minutes: past this tool\'s wait limit it returns status "running" and the runId; then use FLORA Run → Get or Wait for Completion with it, do not start the run again (the same inputs in the same execution return the same run).',
	`Parameters: a name with Image_URL or Video_URL takes ${MEDIA_URL}; with Text, plain text; with optional, it may be "".`,
	TECHNIQUE_PARAMETER,
	'Inputs__JSON_: an object of input ID → value, e.g. {"product_image": "https://media.flora.ai/…/shoe.png"}.',
	'A wrong or missing input is answered with every input of the technique (ID, type, required, description): correct it and call again.',
].join(' ');

export const forAgent = runForAgent;
