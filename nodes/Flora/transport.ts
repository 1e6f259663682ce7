import { genericAdvice } from '../shared/errors';
import type { ApiService } from '../shared/service';

/** What to do about each error code the FLORA API page documents. */
const ADVICE_BY_CODE: Record<string, string> = {
	unauthorized:
		'FLORA received no API key. Check that the FLORA API credential is selected and has an API key (it starts with "sk_live_").',
	invalid_api_key:
		'FLORA rejected the API key: it is wrong or was revoked. FLORA allows one active key at a time, so a newer key revokes the old one. Create a key in FLORA under Settings → API Keys and update the FLORA API credential.',
	invalid_json:
		'FLORA could not read the request body as JSON. If you used "Using JSON" for the inputs, check that it is valid JSON; otherwise please report this as a bug in the node.',
	input_validation_error:
		'The inputs do not match what this technique expects. Use Technique → Get to see its inputs, then match every input ID and type exactly and fill in all required inputs. Media inputs must be HTTPS URLs on a supported host.',
	not_found:
		'The technique slug or run ID was not found. Find the slug in the FLORA app URL (app.flora.ai/techniques/<slug>) and use the run ID returned by Run → Create for the same technique.',
	insufficient_credits:
		'The FLORA workspace is out of credits. Ask FLORA for more credits (the API needs the Starter plan or above).',
};

/** The FLORA API, from the page at https://app.flora.ai (public beta). */
export const flora: ApiService = {
	displayName: 'FLORA',
	credentialType: 'floraApi',
	basePath: '/api/v1',
	parseError(body) {
		const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
		return {
			code: typeof error?.code === 'string' ? error.code : undefined,
			message: typeof error?.message === 'string' ? error.message : undefined,
		};
	},
	describeError: (status, code) => (code && ADVICE_BY_CODE[code]) || genericAdvice(status),
};

export const techniquePath = (slug: string) => `/techniques/${encodeURIComponent(slug)}`;
export const runsPath = (slug: string) => `${techniquePath(slug)}/runs`;
export const runPath = (slug: string, runId: string) =>
	`${runsPath(slug)}/${encodeURIComponent(runId)}`;
