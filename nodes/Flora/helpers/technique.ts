import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import type { RunContext } from '../../shared/router';
import { apiRequest } from '../../shared/transport';
import { flora, techniquePath } from '../transport';
import type { Technique } from './types';

/** GET /techniques/{slug}: inputs, outputs and cost. Free, so the transport may re-send it. */
export async function fetchTechnique(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	slug: string,
	itemIndex?: number,
): Promise<Technique> {
	const technique = await apiRequest.call(this, flora, {
		method: 'GET',
		path: techniquePath(slug),
		itemIndex,
	});
	return technique as unknown as Technique;
}

const cacheByRun = new WeakMap<RunContext, Map<string, Technique>>();

/** The technique, fetched once per node run however many items use it. */
export async function techniqueForRun(
	this: IExecuteFunctions,
	run: RunContext,
	slug: string,
	itemIndex: number,
): Promise<Technique> {
	let cache = cacheByRun.get(run);
	if (!cache) {
		cache = new Map();
		cacheByRun.set(run, cache);
	}
	const cached = cache.get(slug);
	if (cached) return cached;
	const technique = await fetchTechnique.call(this, slug, itemIndex);
	cache.set(slug, technique);
	return technique;
}
