'use strict';
/** The package's action nodes, each usable as an AI Agent tool, by node name: the class and its operations. */

/** nodes/<folder>/<folder>.node.ts exports the class <folder>; nodes/<folder>/actions/operations.ts its operations. */
const actionNode = (folder) => ({
	NodeClass: require(`../../nodes/${folder}/${folder}.node.ts`)[folder],
	operations: require(`../../nodes/${folder}/actions/operations.ts`).operations,
});

const ACTION_NODES = {
	flokanImageEditor: actionNode('FlokanImageEditor'),
	flokanThumbnailGenerator: actionNode('FlokanThumbnailGenerator'),
	flokanVoToImages: actionNode('FlokanVoToImages'),
	flora: actionNode('Flora'),
	vidgen: actionNode('Vidgen'),
};

module.exports = { ACTION_NODES };
