'use strict';
/**
 * The package's node and credential classes, for programmatic use:
 *   const { Flora, FloraApi } = require('n8n-nodes-ai-media');
 * n8n itself does not read this file: it loads the built files package.json → n8n lists.
 */
module.exports = {
	FlokanVoToImages: require('./dist/nodes/FlokanVoToImages/FlokanVoToImages.node.js')
		.FlokanVoToImages,
	FlokanImageEditor: require('./dist/nodes/FlokanImageEditor/FlokanImageEditor.node.js')
		.FlokanImageEditor,
	FlokanThumbnailGenerator:
		require('./dist/nodes/FlokanThumbnailGenerator/FlokanThumbnailGenerator.node.js')
			.FlokanThumbnailGenerator,
	Flora: require('./dist/nodes/Flora/Flora.node.js').Flora,
	Vidgen: require('./dist/nodes/Vidgen/Vidgen.node.js').Vidgen,
	VidgenTrigger: require('./dist/nodes/VidgenTrigger/VidgenTrigger.node.js').VidgenTrigger,
	FlokanApi: require('./dist/credentials/FlokanApi.credentials.js').FlokanApi,
	FloraApi: require('./dist/credentials/FloraApi.credentials.js').FloraApi,
	VidgenApi: require('./dist/credentials/VidgenApi.credentials.js').VidgenApi,
};
