import { flokanService } from '../shared/flokanService';

export const imageEditor = flokanService({
	displayName: 'Flokan Image Editor',
	basePath: '/api/v1/image-editor',
	scope: 'image_editor',
	permission: 'access_image_editor',
});

/** POST /process holds the connection until the image is ready; the platform caps it at 300 s. */
export const PROCESS_TIMEOUT_MS = 310_000;

/** GET /jobs accepts at most this many rows per page. */
export const JOBS_MAX_PER_PAGE = 100;
