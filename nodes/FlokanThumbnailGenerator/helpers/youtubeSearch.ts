import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { PageLimit } from '../../shared/paginator';
import { collectPages } from '../../shared/paginator';
import { apiRequest } from '../../shared/transport';
import { thumbnailGenerator } from '../transport';

export interface YoutubeResult extends IDataObject {
	video_id: string;
	title: string;
	channel_name: string;
	thumbnail_url: string;
	view_count: string;
}

interface SearchPage {
	results?: YoutubeResult[];
	next_page_token?: string | null;
}

/** The server decides how many results a page holds; the limit is enforced by trimming. */
const SERVER_PAGE_SIZE = Number.POSITIVE_INFINITY;

/** POST /youtube-search across next_page_token pages. Free, so it may be sent again after a 5xx. */
export async function searchYoutube(
	context: IExecuteFunctions,
	query: string,
	pageLimit: PageLimit,
	itemIndex: number,
): Promise<YoutubeResult[]> {
	return await collectPages<YoutubeResult, string>(
		async (pageToken) => {
			const page = (await apiRequest.call(context, thumbnailGenerator, {
				method: 'POST',
				path: '/youtube-search',
				body: pageToken ? { query, page_token: pageToken } : { query },
				resendable: true,
				itemIndex,
			})) as SearchPage;
			return { items: page.results ?? [], next: page.next_page_token || undefined };
		},
		pageLimit,
		SERVER_PAGE_SIZE,
	);
}
