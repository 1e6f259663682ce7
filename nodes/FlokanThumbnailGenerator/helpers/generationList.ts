import type { IDataObject } from 'n8n-workflow';

import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { thumbnailGenerator } from '../transport';
import type { Generation } from './generation';

export interface GenerationFilters {
	status?: string;
	card_id?: string;
}

/**
 * One page of GET /generations. The API page does not show the list shape; we read
 * `data: { generations, page, per_page, total, has_more }`, and also accept a bare array or
 * `items`, with "a full page means there may be more" when has_more is missing.
 */
export async function fetchGenerationsPage(
	context: ApiContext,
	page: number,
	perPage: number,
	filters: GenerationFilters,
	itemIndex?: number,
): Promise<{ items: Generation[]; hasMore: boolean }> {
	const data = (await apiRequest.call(context, thumbnailGenerator, {
		method: 'GET',
		path: '/generations',
		qs: { page, per_page: perPage, ...filters } as IDataObject,
		itemIndex,
	})) as unknown;
	const body = (data ?? {}) as {
		generations?: Generation[];
		items?: Generation[];
		has_more?: boolean;
	};
	const items = Array.isArray(data)
		? (data as Generation[])
		: (body.generations ?? body.items ?? []);
	const hasMore = typeof body.has_more === 'boolean' ? body.has_more : items.length >= perPage;
	return { items, hasMore };
}
