import { flokanService } from '../shared/flokanService';

/** The Flokan VO to Images API, below the credential's base URL. */
export const voToImages = flokanService({
	displayName: 'Flokan VO to Images',
	basePath: '/api/v1/vo-to-images',
	scope: 'vo_to_images',
	permission: 'Access VO to Images',
});

/** One prompts call may run up to 300 s on the server; the client waits a little longer. */
export const PROMPTS_TIMEOUT_MS = 310_000;

/** The API's caps. */
export const MAX_SENTENCES_PAGE = 300;
export const MAX_PROJECTS_PAGE = 100;
export const MAX_PROMPT_CONCURRENCY = 10;
