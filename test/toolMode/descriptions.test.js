'use strict';
/**
 * Every operation of every action node is described for a model: the node's tool variant shows a
 * Tool Description for it (so n8n does not fall back to its generic "<action> in <node>"), short
 * enough for every model API to accept, and naming what the operation does.
 */
const { NodeHelpers } = require('n8n-workflow');
const { toolDescriptionFieldsOf } = require('./asAgentTool');
const { ACTION_NODES } = require('./actionNodes');

/** OpenAI has refused function descriptions longer than this. */
const MAX_DESCRIPTION = 1024;

describe.each(Object.entries(ACTION_NODES).map(([name, { NodeClass }]) => [NodeClass.name, name]))('%s', (_className, name) => {
	const { NodeClass, operations: operationMap } = ACTION_NODES[name];
	const node = new NodeClass();
	const operations = Object.entries(operationMap).flatMap(([resource, byName]) =>
		Object.keys(byName).map((operation) => ({ resource, operation })),
	);

	test('is usable as a tool, and every operation has its own Tool Description on the tool variant', () => {
		expect(node.description.name).toBe(name);
		expect(node.description.usableAsTool).toBe(true);
		const fields = toolDescriptionFieldsOf(node);
		expect(fields.map(({ resource, operation }) => ({ resource, operation }))).toEqual(expect.arrayContaining(operations));
		expect(fields).toHaveLength(operations.length);
		for (const { resource, operation } of operations) {
			const { toolDescription } = operationMap[resource][operation];
			expect(toolDescription).toEqual(expect.any(String));
			expect(toolDescription.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
			expect(fields).toContainEqual({ resource, operation, text: toolDescription });
		}
	});

	test.each(operations)('$resource → $operation: a description n8n hands to the model as written, within the limit', ({ resource, operation }) => {
		const toolNode = { ...node, description: { ...node.description, name: `${node.description.name}Tool` } };
		const parameters = NodeHelpers.getNodeParameters(toolNode.description.properties, { resource, operation }, true, false, null, toolNode.description);
		const text = NodeHelpers.getToolDescriptionForNode({ parameters }, toolNode);
		expect(text).toBe(operationMap[resource][operation].toolDescription);
		expect(text.length).toBeGreaterThan(80);
		expect(text.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
		expect(text).not.toMatch(/^=/);
	});
});
