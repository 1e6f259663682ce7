import type { IExecuteFunctions } from 'n8n-workflow';

import { isToolMode } from './toolMode';
import { validatorFor } from './validation';

export interface Page<T, C> {
	items: T[];
	/** Where the next page starts; absent on the last page. */
	next?: C;
}

export interface PageLimit {
	returnAll: boolean;
	/** Used when not returning all. */
	limit: number;
}

/**
 * Collects items page by page (page numbers, tokens or cursors alike) and stops exactly at the
 * limit: the last request asks only for what is still missing.
 */
export async function collectPages<T, C>(
	fetchPage: (cursor: C | undefined, pageSize: number) => Promise<Page<T, C>>,
	{ returnAll, limit }: PageLimit,
	maxPageSize: number,
): Promise<T[]> {
	const collected: T[] = [];
	let cursor: C | undefined;
	for (;;) {
		const wanted = returnAll ? maxPageSize : Math.min(maxPageSize, limit - collected.length);
		if (wanted <= 0) return collected;
		const page = await fetchPage(cursor, wanted);
		collected.push(...(returnAll ? page.items : page.items.slice(0, limit - collected.length)));
		if (page.next === undefined || page.next === null || page.items.length === 0) return collected;
		cursor = page.next;
	}
}

/** The most rows a list answers an AI Agent's tool call with: enough to pick from, small in its context. */
export const TOOL_LIST_MAX = 20;

/**
 * Reads and checks the standard Return All / Limit parameters. A list that answers an AI Agent's
 * tool call stays bounded: Return All means the first TOOL_LIST_MAX rows, and a larger Limit is
 * lowered to it.
 */
export function pageLimitOf(context: IExecuteFunctions, itemIndex: number): PageLimit {
	const returnAll = context.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? Infinity
		: validatorFor(context, itemIndex).integer(
				'Limit',
				context.getNodeParameter('limit', itemIndex, 50),
				1,
				Number.MAX_SAFE_INTEGER,
			);
	if (isToolMode(context)) return { returnAll: false, limit: Math.min(limit, TOOL_LIST_MAX) };
	return { returnAll, limit };
}

export interface NumberedPage<T> {
	items: T[];
	hasMore: boolean;
}

/**
 * Lists addressed by page number (`page` + `per_page`): the page size must stay the same for the
 * whole walk, or the offsets shift between pages. Asks for at most `limit` per page and keeps
 * exactly `limit` items.
 */
export async function collectNumberedPages<T>(
	fetchPage: (page: number, perPage: number) => Promise<NumberedPage<T>>,
	pageLimit: PageLimit,
	maxPageSize: number,
): Promise<T[]> {
	const perPage = pageLimit.returnAll
		? maxPageSize
		: Math.max(1, Math.min(maxPageSize, pageLimit.limit));
	return await collectPages<T, number>(
		async (page = 1) => {
			const { items, hasMore } = await fetchPage(page, perPage);
			return { items, next: hasMore ? page + 1 : undefined };
		},
		pageLimit,
		maxPageSize,
	);
}
