/** Shapes of the FLORA API's bodies. The page shows none, so reads are tolerant of missing fields. */

export const INPUT_TYPES = ['imageUrl', 'videoUrl', 'text'] as const;
export type InputType = (typeof INPUT_TYPES)[number];
export const MEDIA_INPUT_TYPES: readonly string[] = ['imageUrl', 'videoUrl'];

export interface TechniqueInput {
	id: string;
	name?: string;
	type: string;
	required?: boolean;
	description?: string;
}

export interface Technique {
	technique_id?: string;
	slug?: string;
	name?: string;
	description?: string;
	inputs?: TechniqueInput[];
	outputs?: Array<{ id: string; name?: string; type: string }>;
	cost?: number;
}

export interface RunInput {
	id: string;
	type: InputType;
	value: string;
}

export const RUN_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export interface RunOutput {
	id?: string;
	type?: string;
	url?: string;
	/** Which binary field the downloaded file went to (set by the node). */
	binaryProperty?: string;
}

export interface Run {
	runId: string;
	status: RunStatus;
	progress?: number;
	outputs?: RunOutput[];
	chargedCost?: number | null;
	errorCode?: string | null;
	errorMessage?: string | null;
	createdAt?: string | number;
	[key: string]: unknown;
}

/** Input is required unless the technique says otherwise (the page: "Must match … count, IDs, types"). */
export const isRequired = (input: TechniqueInput) => input.required !== false;
