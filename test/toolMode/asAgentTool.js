'use strict';
/** Small helpers for tool-mode tests: parameters as the editor's $fromAI button writes them, and what the model reads. */

/** A parameter handed to the model, exactly as n8n's "let the model define this parameter" button writes it. */
const fromAI = (key, type = 'string') => `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', '', '${type}') }}`;

/** The run input of one tool call as n8n makes it: one JSON-only item holding the model's arguments. */
const asTool = (json) => ({ asTool: true, items: [{ json }] });

/** What the model receives from a tool call: JSON.stringify of the output items' json. */
const received = (result) => JSON.stringify(result.items.map((item) => item.json));

/** How often `part` occurs in `text` (a URL the model should read once, …). */
const occurrences = (text, part) => text.split(part).length - 1;

/** The node's Tool Description fields: which resource + operation each is shown for, and its text. */
function toolDescriptionFieldsOf(node) {
	return node.description.properties
		.filter((property) => property.name === 'toolDescription')
		.map((property) => {
			const { show } = property.displayOptions;
			expect(show['@tool']).toEqual([true]);
			return { resource: show.resource[0], operation: show.operation[0], text: property.default };
		});
}

module.exports = { fromAI, asTool, received, occurrences, toolDescriptionFieldsOf };
