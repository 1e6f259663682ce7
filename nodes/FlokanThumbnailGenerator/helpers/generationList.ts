import type { IDataObject } from 'n8n-workflow';

import { readFlokanListPage } from '../../shared/flokanService';
import type { ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { thumbnailGenerator } from '../transport';
import type { Generation } from './generation';

export interface GenerationFilters {
	status?: string;
	card_id?: string;
}

/** One page of GET /generations, read like every Flokan list. */
export async function fetchGenerationsPage(
	context: ApiContext,
	page: number,
	perPage: number,
	filters: GenerationFilters,
	itemIndex?: number,
): Promise<{ items: Generation[]; hasMore: boolean }> {
	const data = await apiRequest.call(context, thumbnailGenerator, {
		method: 'GET',
		path: '/generations',
		qs: { page, per_page: perPage, ...filters } as IDataObject,
		itemIndex,
	});
	return readFlokanListPage<Generation>(data, 'generations', perPage);
}
