/**
 * What the shared transport needs to know about one API: where it lives, which credential signs
 * it, and how to read its error envelope.
 */
export interface ApiErrorDetails {
	/** The API's own message, as it wrote it. */
	message?: string;
	/** A machine-readable code, where the API has one (FLORA: `invalid_api_key`, …). */
	code?: string;
}

export interface ApiService {
	/** Product name used in messages, e.g. "Flokan Image Editor". */
	displayName: string;
	/** Credential type whose `baseUrl` and auth sign every request. */
	credentialType: string;
	/** Path prefix appended to the credential's base URL, e.g. `/api/v1/image-editor`. */
	basePath: string;
	/** Reads the API's error envelope. */
	parseError(body: unknown): ApiErrorDetails;
	/** What the user should do about an error, by HTTP status and (where present) API code. */
	describeError(status: number, code?: string): string | undefined;
	/** Takes the payload out of a success envelope (Flokan's `{ success, data }`). */
	unwrap?(body: unknown): unknown;
}
