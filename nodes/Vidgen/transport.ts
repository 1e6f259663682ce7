import { genericAdvice } from '../shared/errors';
import type { ApiService } from '../shared/service';

/**
 * Every Vidgen path, in one place. The API page spells out `/health`, `POST /api/jobs` and
 * `GET /api/status/:jobId`, but names no path for listing or cancelling jobs; the two marked
 * "our choice" follow the page's REST style and are the only lines to change if the real
 * service differs.
 */
export const VIDGEN_PATHS = {
	health: '/health',
	/** POST: submit a job (multipart/form-data). GET: list jobs — the list path is our choice. */
	jobs: '/api/jobs',
	status: (jobId: string) => `/api/status/${encodeURIComponent(jobId)}`,
	/** Our choice: the page documents the cancel call and its answer, not its path. */
	cancel: (jobId: string) => `/api/jobs/${encodeURIComponent(jobId)}/cancel`,
};

/** Per-file upload cap of POST /api/jobs ("Max 50 MB"). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** mp3, wav, m4a and ogg, under the MIME types those files are sent with. */
export const AUDIO_MIME_TYPES = [
	'audio/mpeg',
	'audio/wav',
	'audio/x-wav',
	'audio/mp4',
	'audio/x-m4a',
	'audio/ogg',
] as const;

export const JOB_STATUSES = ['PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** GET /api/jobs page size bounds. */
export const MAX_PAGE_SIZE = 100;

const advice: Record<number, string> = {
	401: 'The API key is missing, not recognised or deactivated. Check the Vidgen API credential (API key and base URL).',
	404: 'The job does not exist or was submitted with another API key.',
	409: 'Vidgen runs one job per API key at a time, and only PENDING jobs can be cancelled.',
	413: 'Vidgen accepts files of at most 50 MB.',
	415: 'Vidgen accepts images as JPEG, PNG or WebP and audio as MP3, WAV, M4A or OGG.',
	429: 'Vidgen rate limit exceeded (600 requests and 30 submissions per minute). The node waited and retried as the server asked.',
};

export const vidgen: ApiService = {
	displayName: 'Vidgen',
	credentialType: 'vidgenApi',
	basePath: '',
	parseError(body) {
		const error = (body as { error?: unknown } | undefined)?.error;
		return { message: typeof error === 'string' ? error : undefined };
	},
	describeError: (status) => advice[status] ?? genericAdvice(status),
};
