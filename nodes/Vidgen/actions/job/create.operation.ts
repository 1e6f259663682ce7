import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { binaryOutputProperty, waitOptions } from '../../../shared/descriptions';
import type { RunContext } from '../../../shared/router';
import { asItems } from '../../../shared/router';
import { attachResource } from '../../../shared/submitted';
import { downloadsBinary, isToolMode } from '../../../shared/toolMode';
import type { FieldValidator } from '../../../shared/validation';
import { validatorFor } from '../../../shared/validation';
import { jobForAgent } from '../../helpers/jobForAgent';
import type { JobFile } from '../../helpers/jobFiles';
import { downloadJobFiles, prepareJobFiles } from '../../helpers/jobFiles';
import { fileSourceFields } from '../../helpers/jobFileFields';
import { jobItem } from '../../helpers/jobOutput';
import { jobResource } from '../../helpers/jobResource';
import { checkJobIdCanBeKept, resumeUrlOf, waitForCallback } from '../../helpers/resume';
import type { ActiveJobPolicy } from '../../helpers/submit';
import { submitJob } from '../../helpers/submit';
import { waitForJob } from '../../helpers/waitForJob';

type WaitMode = 'poll' | 'webhook';

/** What a tool's result says when it polled although Resume on Webhook Callback was chosen. */
const POLLED_INSTEAD: IDataObject = {
	waitMode: 'polled',
	note: 'Wait Mode is Resume on Webhook Callback, but an AI Agent tool call cannot be suspended, so this call polled the job until it finished.',
};

const DEFAULT_INTERVAL_SECONDS = 10;
const DEFAULT_MAX_WAIT_SECONDS = 1800;

const [pollInterval, maxWait] = waitOptions({
	intervalSeconds: DEFAULT_INTERVAL_SECONDS,
	maxWaitSeconds: DEFAULT_MAX_WAIT_SECONDS,
});

const properties: INodeProperties[] = [
	...fileSourceFields,
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
			"Vidgen calls only https:// URLs, so n8n must be reachable over HTTPS (WEBHOOK_URL) for this mode, and the credential needs the Webhook Secret. One input item per execution. If no callback arrives before Max Wait, n8n resumes the execution and passes this node's input through unchanged; a Code node then reads the job ID with $execution.customData.get('vidgenJobId') (in an expression it is empty on some n8n versions).",
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
				displayName: 'Allow Private Network URLs',
				name: 'allowPrivateNetworkUrls',
				type: 'boolean',
				default: false,
				description:
					'Whether Image URL and Audio URL may point at this machine or the local network (localhost, 10.x, 192.168.x, 169.254.x, fd00::, *.internal, …). Off, such URLs are refused, also after a redirect, so a URL (for example one an AI Agent was talked into) cannot reach internal services.',
			},
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
	allowPrivateUrls: boolean;
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
	const options = param('options', {}) as {
		webhookUrl?: unknown;
		allowPrivateNetworkUrls?: unknown;
	};
	const webhookUrl = check.optionalUrl('Webhook URL', options.webhookUrl);
	if (waitUntilDone && waitMode === 'webhook' && webhookUrl) {
		check.fail(
			'Webhook URL',
			"it cannot be combined with Wait Mode: Resume on Webhook Callback, which sends the execution's own resume URL",
			'an empty Webhook URL in this mode',
		);
	}
	const download =
		waitUntilDone && downloadsBinary(context, param('downloadVideo', false) === true);
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
		allowPrivateUrls: options.allowPrivateNetworkUrls === true,
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
	/** A tool asked for Resume on Webhook Callback: it polls instead, since a tool call cannot be suspended. */
	pollsInstead: boolean;
	resumeUrl?: string;
	files: JobFile[];
}

export const toolDescription =
	"Makes a video from one image and one audio track with Vidgen (the image speaks or moves to the audio) and returns the job's jobId and status and, once it is COMPLETED, outputVideo (the MP4's URL) and outputShareLink (a page to share it). Image URL: the http(s) URL of a JPEG, PNG or WebP image of at most 50 MB, e.g. a result_url from the Image Editor. Audio URL: the http(s) URL of an MP3, WAV, M4A or OGG file of at most 50 MB. Both are downloaded before the job is submitted; URLs on private networks are refused. Every call submits a new job on the user's Vidgen account: one job per API key at a time (another is refused while one is PENDING or PROCESSING) and at most 30 submissions per minute. Rendering takes minutes (the API's own example took about 3), so the call waits only up to its wait limit and may answer status \"running\" with the jobId: then check that job later with Job → Get Status instead of submitting again.";

export const forAgent = jobForAgent;

export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<CreateInput> {
	const check = validatorFor(this, itemIndex);
	const settings = readSettings(this, itemIndex, check);
	const pollsInstead =
		settings.waitUntilDone && settings.waitMode === 'webhook' && isToolMode(this);
	const resumeOnWebhook =
		settings.waitUntilDone && settings.waitMode === 'webhook' && !pollsInstead;
	const resumeUrl = resumeOnWebhook ? await resumeUrlFor(this, itemIndex, check) : undefined;
	const files = await prepareJobFiles(this, itemIndex, { allowPrivate: settings.allowPrivateUrls });
	return { settings, resumeOnWebhook, pollsInstead, resumeUrl, files };
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	run: RunContext,
	{ settings, resumeOnWebhook, pollsInstead, resumeUrl, files }: CreateInput,
): Promise<INodeExecutionData[]> {
	const budget = run.budget(settings.maxWaitSeconds);
	// A tool call's downloads count against its wait limit: the agent's turn must end in time.
	const parts = await downloadJobFiles(
		this,
		files,
		isToolMode(this)
			? { at: budget.deadline, name: `the Tool Wait Limit (${run.waitedAtMostSeconds} s)` }
			: undefined,
	);

	const jobId = await submitJob.call(this, {
		files: parts,
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
		const item = await jobItem(
			this,
			job,
			{ binaryPropertyName: settings.binaryPropertyName },
			itemIndex,
		);
		if (pollsInstead) Object.assign(item.json, POLLED_INSTEAD);
		return [item];
	} catch (error) {
		throw attachResource(
			error as Error,
			jobResource(jobId, 'the video is ready: use Job → Get Status for its outputVideo URL'),
		);
	}
}
