import type { IDataObject } from 'n8n-workflow';

/** Shapes of the VO to Images API's answers, as far as this node relies on them. */
export interface ImageRecord extends IDataObject {
	id: string;
	status: string;
	image_url?: string;
}

export interface VideoJobRecord extends IDataObject {
	id: string;
	status: string;
	video_url?: string;
}

export interface Sentence extends IDataObject {
	id: string;
	sequence: number;
	/** Not shown on the API page; present on Flokan's sentence rows and needed to resume prompts. */
	segment_id?: string;
	text: string;
	status: string;
	prompt?: string | null;
	images: ImageRecord[];
	video_jobs: VideoJobRecord[];
}

export interface Project extends IDataObject {
	id: string;
	title: string;
	status: string;
	auto_step: string | null;
	workflow_mode: string;
	audio_url?: string | null;
	generate_videos?: boolean;
	sentences: Sentence[];
	has_more_sentences?: boolean;
	sentences_offset?: number;
	sentences_limit?: number;
}

export interface AutoStatus extends IDataObject {
	project_id: string;
	status: string;
	auto_step: string | null;
	workflow_mode: string;
	is_done: boolean;
	progress: IDataObject & {
		segments_total?: number;
		sentences_total?: number;
		prompts_ready?: number;
		sentences_complete?: number;
		sentences_failed?: number;
		image_jobs_active?: number;
		image_jobs_failed?: number;
		video_jobs_total?: number;
		video_jobs_complete?: number;
		video_jobs_failed?: number;
	};
}

export interface AutoRunResult extends IDataObject {
	project_id: string;
	auto_step: string;
	sentence_count: number;
	segment_ids: string[];
}

export interface CreditEstimate extends IDataObject {
	action: string;
	count: number;
	estimated_credits: number;
	available_credits: number;
	can_proceed: boolean;
}

export interface Preset extends IDataObject {
	id: string;
	name?: string;
}
