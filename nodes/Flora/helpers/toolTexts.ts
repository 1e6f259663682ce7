import { MEDIA_HOSTS_IN_SHORT } from '../mediaUrl';

/**
 * Pieces of the FLORA tools' descriptions. n8n names a parameter the model fills after the field's
 * label (Run ID → Run_ID, Inputs (JSON) → Inputs__JSON_) and gives it no description, so the texts
 * name the parameters that way. OpenAI refuses tool descriptions over 1024 characters.
 */
export const TECHNIQUE_PARAMETER = "Technique: the technique's slug, e.g. studio-shot.";
export const RUN_ID_PARAMETERS =
	"Run_ID: the runId a FLORA Run → Create answer gave. Technique: that run's technique slug, e.g. studio-shot.";
export const RUN_RESULT = 'status, runId, outputs (id, type, url) and chargedCost (credits)';
export const MEDIA_URL = `one https:// URL on ${MEDIA_HOSTS_IN_SHORT}`;
