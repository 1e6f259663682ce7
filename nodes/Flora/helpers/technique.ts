import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';

import { NodeError } from 'n8n-workflow';

import type { RunContext } from '../../shared/router';
import { isToolMode } from '../../shared/toolMode';
import { apiRequest } from '../../shared/transport';
import { KNOWN_TECHNIQUES } from '../techniques';
import { flora, techniquePath } from '../transport';
import type { Technique } from './types';

/** An unknown slug, for an AI Agent's tool: the slugs it could have meant (the model sees the message). */
function withKnownSlugs(context: IExecuteFunctions | ILoadOptionsFunctions, error: unknown): Error {
	const known = error instanceof NodeError && error.context.apiCode === 'not_found';
	if (known && isToolMode(context)) {
		const slugs = KNOWN_TECHNIQUES.map((technique) => technique.slug).join(', ');
		error.description =
			`${error.description ?? ''} Techniques on FLORA's API page: ${slugs}.`.trim();
	}
	return error as Error;
}

/** GET /techniques/{slug}: inputs, outputs and cost. Free, so the transport may re-send it. */
export async function fetchTechnique(
	this: IExecuteFunctions | ILoadOptionsFunctions,
	slug: string,
	itemIndex?: number,
): Promise<Technique> {
	try {
		const technique = await apiRequest.call(this, flora, {
			method: 'GET',
			path: techniquePath(slug),
			itemIndex,
		});
		return technique as unknown as Technique;
	} catch (error) {
		throw withKnownSlugs(this, error);
	}
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
