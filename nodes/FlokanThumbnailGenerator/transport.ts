import { flokanService } from '../shared/flokanService';

export const thumbnailGenerator = flokanService({
	displayName: 'Flokan Thumbnail Generator',
	basePath: '/api/v1/thumbnail-generator',
	scope: 'thumbnail_generator',
	permission: 'Access Thumbnail Generator',
});

/** POST /generate answers when the images are done, typically after 10–30 s. */
export const GENERATE_TIMEOUT_SECONDS = 180;

/** GET /generations accepts at most this many rows per page. */
export const GENERATIONS_MAX_PER_PAGE = 100;

/** POST /generate accepts at most this many YouTube reference thumbnails. */
export const MAX_YOUTUBE_REFERENCES = 6;
