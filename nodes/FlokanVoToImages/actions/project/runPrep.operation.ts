import { projectCallOperation } from '../../helpers/projectCall';

/** Auto-run: transcription, character detection (optional) and segmentation. Paid; sent once. */
export const { description, execute } = projectCallOperation('runPrep', 'POST', '/auto-run');
