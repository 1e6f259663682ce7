import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputProperty, waitOptions } from '../../../shared/descriptions';
import type { MultipartFile } from '../../../shared/multipart';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import type { FieldValidator } from '../../../shared/validation';
import { validatorFor } from '../../../shared/validation';
import { loadJobFiles } from '../../helpers/jobFiles';
import { jobItem } from '../../helpers/jobOutput';
import { jobResource } from '../../helpers/jobResource';
import { checkJobIdCanBeKept, resumeUrlOf, waitForCallback } from '../../helpers/resume';
import type { ActiveJobPolicy } from '../../helpers/submit';
import { submitJob } from '../../helpers/submit';
import { waitForJob } from '../../helpers/waitForJob';

type WaitMode = 'poll' | 'webhook';

const DEFAULT_INTERVAL_SECONDS = 10;
const DEFAULT_MAX_WAIT_SECONDS = 1800;

const [pollInterval, maxWait] = waitOptions({
	intervalSeconds: DEFAULT_INTERVAL_SECONDS,
	maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS,
});

const properties: INodeProperties[] = [
	{
		displayName: 'Image Input Field',
		name: 'imageBinaryPropertyName',
		type: 'string',
		default: 'image',
		required: true,
		hint: 'The name of the input binary field holding the image (JPEG, PNG or WebP, at most 50 MB)',
	},
	{
		displayName: 'Audio Input Field',
		name: 'audioBinaryPropertyName',
		type: 'string',
		default: 'audio',
		required: true,
		hint: 'The name of the input binary field holding the audio (MP3, WAV, M4A or OGG, at most 50 MB)',
	},
	{
		displayName: 'On Active Job',
		name: 'onActiveJob',
		type: 'options',
		options: [
			{
				name: 'Fail and Name the Active Job',
				value: 'fail',
				description: 'Stop with an error that names the PENDING or PROCESSING job holding the slot',
			},
			{
				name: 'Wait for It, Then Submit',
				value: 'wait',
				description: 'Wait (within Max Wait) until that job has finished, then submit this one',
			},
		],
		default: 'fail',
		description:
			'What to do when Vidgen answers that the API key already has a job in progress (one job per key at a time)',
	},
	{
		displayName: 'Wait Until Done',
		name: 'waitUntilDone',
		type: 'boolean',
		default: true,
		description:
			'Whether to wait for the video before the node finishes. Off: the node outputs the job ID at once.',
	},
	{
		displayName: 'Wait Mode',
		name: 'waitMode',
		type: 'options',
		displayOptions: { show: { waitUntilDone: [true] } },
		options: [
			{
				name: 'Poll Until Done',
				value: 'poll',
				description: 'Check the job status at an interval while the execution keeps running',
			},
			{
				name: 'Resume on Webhook Callback',
				value: 'webhook',
				description:
					"Send this execution's resume URL as the job's webhook and put the execution to wait until the signed callback arrives",
			},
		],
		default: 'poll',
	},
	{
		displayName:
			'Vidgen calls only https:// URLs, so n8n must be reachable over HTTPS (WEBHOOK_URL) for this mode, and the credential needs the Webhook Secret. One input item per execution. If no callback arrives before Max Wait, n8n resumes the execution and passes this node\'s input through unchanged; the job ID is then in $execution.customData.get("vidgenJobId").',
		name: 'webhookModeNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { waitUntilDone: [true], waitMode: ['webhook'] } },
	},
	{ ...pollInterval, displayOptions: { show: { waitUntilDone: [true], waitMode: ['poll'] } } },
	{ ...maxWait, displayOptions: { show: { waitUntilDone: [true] } } },
	{
		displayName: 'Download Video',
		name: 'downloadVideo',
		type: 'boolean',
		default: false,
		displayOptions: { show: { waitUntilDone: [true] } },
		description: 'Whether to download the finished video into a binary field',
	},
	{
		...binaryOutputProperty('data'),
		displayOptions: { show: { waitUntilDone: [true], downloadVideo: [true] } },
	},
	{
		displayName:
			'Items run one at a time: Vidgen allows one active job per API key, so each item waits for the previous job to finish before it submits.',
		name: 'oneJobAtATimeNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Webhook URL',
				name: 'webhookUrl',
				type: 'string',
				default: '',
				placeholder: 'https://your.app/hooks/vidgen',
				description:
					'HTTPS URL that receives a signed callback when the job completes or fails, e.g. the Production URL of a Vidgen Trigger. Not used with Wait Mode: Resume on Webhook Callback, which sends its own URL.',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['job'], operation: ['create'] } },
	properties,
);

interface CreateSettings {
	onActiveJob: ActiveJobPolicy;
	waitUntilDone: boolean;
	waitMode: WaitMode;
	intervalMs: number;
	maxWaitSeconds: number;
	webhookUrl?: string;
	binaryPropertyName?: string;
}

function positiveSeconds(check: FieldValidator, field: string, value: unknown): number {
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds <= 0)
		check.fail(field, `${String(value)} is not a positive number`, 'a number of seconds above 0');
	return seconds;
}

function readSettings(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): CreateSettings {
	const param = (name: string, fallback: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback);
	const waitUntilDone = param('waitUntilDone', true) === true;
	const waitMode = check.oneOf<WaitMode>('Wait Mode', param('waitMode', 'poll'), [
		'poll',
		'webhook',
	]);
	const options = param('options', {}) as { webhookUrl?: unknown };
	const webhookUrl = check.optionalUrl('Webhook URL', options.webhookUrl);
	if (waitUntilDone && waitMode === 'webhook' && webhookUrl) {
		check.fail(
			'Webhook URL',
			"it cannot be combined with Wait Mode: Resume on Webhook Callback, which sends the execution's own resume URL",
			'an empty Webhook URL in this mode',
		);
	}
	const download = waitUntilDone && param('downloadVideo', false) === true;
	return {
		onActiveJob: check.oneOf<ActiveJobPolicy>('On Active Job', param('onActiveJob', 'fail'), [
			'fail',
			'wait',
		]),
		waitUntilDone,
		waitMode,
		intervalMs:
			positiveSeconds(
				check,
				'Poll Interval (Seconds)',
				param('pollIntervalSeconds', DEFAULT_INTERVAL_SECONDS),
			) * 1000,
		maxWaitSeconds: positiveSeconds(
			check,
			'Max Wait (Seconds)',
			param('maxWaitSeconds', DEFAULT_MAX_WAIT_SECONDS),
		),
		webhookUrl,
		binaryPropertyName: download
			? check.text('Put Output File in Field', param('binaryPropertyName', 'data'), 1, 200)
			: undefined,
	};
}

/** What Resume on Webhook Callback needs before anything is submitted: one item, a secret, an HTTPS resume URL. */
async function resumeUrlFor(
	context: IExecuteFunctions,
	itemIndex: number,
	check: FieldValidator,
): Promise<string> {
	const items = context.getInputData().length;
	if (items > 1) {
		check.fail(
			'Wait Mode',
			`Resume on Webhook Callback waits for one job per execution, but ${items} items came in`,
			'one input item (use Poll Until Done for several)',
		);
	}
	const credentials = await context.getCredentials('vidgenApi', itemIndex);
	if (typeof credentials.webhookSecret !== 'string' || credentials.webhookSecret === '') {
		check.fail(
			'Wait Mode',
			'Resume on Webhook Callback needs the Webhook Secret of the Vidgen API credential to verify the callback',
			'a credential with Webhook Secret set',
		);
	}
	checkJobIdCanBeKept(context, check);
	return resumeUrlOf(context, itemIndex, check);
}

/**
 * POST /api/jobs with the item's image and audio, then (by default) wait for the video: by polling,
 * or by putting the execution to wait until Vidgen's signed callback hits this node's resume URL.
 */
interface CreateInput {
	settings: CreateSettings;
	resumeOnWebhook: boolean;
	resumeUrl?: string;
	files: MultipartFile[];
}

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CreateInput> {
	const check = validatorFor(this, itemIndex);
	const settings = readSettings(this, itemIndex, check);
	const resumeOnWebhook = settings.waitUntilDone && settings.waitMode === 'webhook';
	const resumeUrl = resumeOnWebhook ? await resumeUrlFor(this, itemIndex, check) : undefined;
	const files = await loadJobFiles(this, itemIndex, {
		image: this.getNodeParameter('imageBinaryPropertyName', itemIndex) as string,
		audio: this.getNodeParameter('audioBinaryPropertyName', itemIndex) as string,
	});
	return { settings, resumeOnWebhook, resumeUrl, files };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	{ settings, resumeOnWebhook, resumeUrl, files }: CreateInput,
): Promise<INodeExecutionData[]> {
	const budget = run.budget(settings.maxWaitSeconds);

	const jobId = await submitJob.call(this, {
		files,
		webhookUrl: resumeUrl ?? settings.webhookUrl,
		onActiveJob: settings.onActiveJob,
		budget,
		intervalMs: settings.intervalMs,
		itemIndex,
	});
	if (!settings.waitUntilDone) return asItems(this, { jobId, message: 'Job created' });
	if (resumeOnWebhook) return await waitForCallback.call(this, jobId, settings.maxWaitSeconds);

	const job = await waitForJob.call(this, jobId, {
		budget,
		intervalMs: settings.intervalMs,
		itemIndex,
	});
	try {
		return [
			await jobItem(this, job, { binaryPropertyName: settings.binaryPropertyName }, itemIndex),
		];
	} catch (error) {
		throw attachResource(
			error as Error,
			jobResource(jobId, 'the video is ready: use Job → Get Status for its outputVideo URL'),
		);
	}
}
