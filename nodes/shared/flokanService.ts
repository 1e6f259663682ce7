import { itemsInParallelOption } from './descriptions';
import { genericAdvice } from './errors';
import type { NumberedPage } from './paginator';
import type { ApiService } from './service';

/** Model tiers (Image Editor's `model_tier`, Thumbnail Generator's `image_model`). */
export const FLOKAN_MODEL_TIERS = ['pro', 'standard', 'creative'] as const;

/** `provider`: Flokan's own keys, or one of the workspace's BYOK keys. */
export const FLOKAN_PROVIDERS = ['platform', 'openai', 'google', 'fal', 'kie'] as const;

/**
 * Items a Flokan batch operation runs at once by default. The per-minute limit is per workspace
 * and shared by the three Flokan nodes, which pace together from its rate-limit headers.
 */
export const FLOKAN_ITEMS_IN_PARALLEL = 5;

export const flokanItemsInParallelOption = itemsInParallelOption(
	FLOKAN_ITEMS_IN_PARALLEL,
	"Every Flokan node on this credential paces its calls together from the workspace's rate-limit headers, so a batch waits for the next minute instead of running into the limit.",
);

/** The three Flokan APIs share a host, a credential and an error envelope; they differ in scope. */
export function flokanService(api: {
	displayName: string;
	basePath: string;
	scope: string;
	permission: string;
}): ApiService {
	const advice: Record<number, string> = {
		401: 'The Flokan API key is missing or invalid. Check the Flokan API credential: the key starts with "flk_" and the base URL is your Flokan host.',
		402: 'The Flokan workspace is out of AI credits (or storage). Add credits, or pick a BYOK provider.',
		403: `The API key needs the "${api.scope}" scope, and the user who created it needs the "${api.permission}" permission in the workspace. Mint a key with that scope in Workspace Settings → API Keys.`,
		413: 'The file exceeds the upload cap of this Flokan API.',
		422: 'The provider safety filter rejected the prompt, or the chosen BYOK provider is not configured and enabled on the workspace (or the plan has no BYOK).',
		429: 'Flokan rate limit exceeded (per-minute limit of the workspace plan, or the provider). The node waited and retried as the server asked.',
	};
	return {
		displayName: api.displayName,
		credentialType: 'flokanApi',
		basePath: api.basePath,
		parseError(body) {
			const error = (body as { error?: unknown } | undefined)?.error;
			return { message: typeof error === 'string' ? error : undefined };
		},
		describeError: (status) => advice[status] ?? genericAdvice(status),
		unwrap: (body) => (body as { data?: unknown } | undefined)?.data ?? body,
	};
}

/**
 * One page of a Flokan list (`GET /jobs`, `/generations`, `/projects`). The pages leave the shape
 * open; we read `{ <key>, page, per_page, total, has_more }` and also accept a bare array or
 * `items`. Without `has_more`, a full page means there may be another one.
 */
export function readFlokanListPage<T>(
	data: unknown,
	key: string,
	perPage: number,
): NumberedPage<T> {
	const body = (data ?? {}) as Record<string, unknown>;
	const listed = Array.isArray(data) ? data : (body[key] ?? body.items);
	const items = (Array.isArray(listed) ? listed : []) as T[];
	const hasMore = typeof body.has_more === 'boolean' ? body.has_more : items.length >= perPage;
	return { items, hasMore: hasMore && items.length > 0 };
}
