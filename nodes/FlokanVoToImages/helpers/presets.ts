import type { ApiContext } from '../../shared/transport';
import { voRequest } from './request';
import type { Preset } from './types';

/** Every saved preset of the workspace (GET /presets is not paged). */
export async function listPresets(context: ApiContext, itemIndex?: number): Promise<Preset[]> {
	const presets = await voRequest<Preset[] | { presets?: Preset[] }>(context, {
		method: 'GET',
		path: '/presets',
		itemIndex,
	});
	return Array.isArray(presets) ? presets : (presets.presets ?? []);
}
