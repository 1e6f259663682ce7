import type { ApiCall, ApiContext } from '../../shared/transport';
import { apiRequest } from '../../shared/transport';
import { voToImages } from '../transport';

/** A call to the VO to Images API through the shared transport, typed by what the caller expects back. */
export async function voRequest<T>(context: ApiContext, call: ApiCall): Promise<T> {
	return (await apiRequest.call(context, voToImages, call)) as T;
}
