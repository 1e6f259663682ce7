/** What to run next, by where a project's pipeline stopped. Shown in errors after the project exists. */
export const NEXT_STEP = {
	setAudio:
		'fix the audio URL and use Project → Set Audio, or run Run Pipeline and Wait again with Project set to this ID',
	runPrep:
		'check Project → Get Status first (prep may have started), then use Project → Run Prep or run Run Pipeline and Wait again with Project set to this ID',
	prompts:
		'run Run Pipeline and Wait again with Project set to this ID, or use Project → Generate Prompts (All Segments); segments that already have prompts are skipped',
	credits:
		'add credits or raise Max Credits, then run Run Pipeline and Wait again with Project set to this ID',
	finalize:
		'check Project → Get Status first (image generation may already be queued), then use Project → Finalize if needed, and Project → Wait for Completion',
	waitLater: 'use Project → Wait for Completion (or Get Status) with this project ID',
	read: 'use Project → Get with this project ID',
} as const;
