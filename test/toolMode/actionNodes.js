'use strict';
/** The package's action nodes, each usable as an AI Agent tool, by node name: the class and its operations. */
const ACTION_NODES = {
	flokanImageEditor: {
		NodeClass: require('../../nodes/FlokanImageEditor/FlokanImageEditor.node.ts').FlokanImageEditor,
		operations: require('../../nodes/FlokanImageEditor/actions/operations.ts').operations,
	},
	flokanThumbnailGenerator: {
		NodeClass: require('../../nodes/FlokanThumbnailGenerator/FlokanThumbnailGenerator.node.ts').FlokanThumbnailGenerator,
		operations: require('../../nodes/FlokanThumbnailGenerator/actions/operations.ts').operations,
	},
	flokanVoToImages: {
		NodeClass: require('../../nodes/FlokanVoToImages/FlokanVoToImages.node.ts').FlokanVoToImages,
		operations: require('../../nodes/FlokanVoToImages/actions/operations.ts').operations,
	},
	flora: {
		NodeClass: require('../../nodes/Flora/Flora.node.ts').Flora,
		operations: require('../../nodes/Flora/actions/operations.ts').operations,
	},
	vidgen: {
		NodeClass: require('../../nodes/Vidgen/Vidgen.node.ts').Vidgen,
		operations: require('../../nodes/Vidgen/actions/operations.ts').operations,
	},
};

module.exports = { ACTION_NODES };
