'use strict';
// The INodeTypes registry a Workflow needs: the node under test plus the harness's "Input" node
// that feeds the test items into it, the way a preceding node would in a real workflow.
const { NodeHelpers, BINARY_ENCODING } = require('n8n-workflow');

const PACKAGE_NAME = require('../../package.json').name;
const INPUT_NODE_TYPE = 'n8n-harness.input';

/**
 * A real upstream node: emits the given items, storing each binary through
 * `this.helpers.prepareBinaryData`, so in filesystem mode the node under test receives
 * binary references (`id`) exactly as it would after e.g. an HTTP Request node.
 */
function createInputNodeType(items) {
	return {
		description: {
			displayName: 'Harness Input',
			name: 'harnessInput',
			group: ['input'],
			version: 1,
			description: 'Feeds the test items into the node under test',
			defaults: { name: 'Input' },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		async execute() {
			const output = [];
			for (const [index, item] of items.entries()) {
				const outputItem = { json: structuredClone(item.json ?? {}), pairedItem: { item: 0 } };
				if (item.binary) {
					outputItem.binary = {};
					for (const [key, value] of Object.entries(item.binary)) {
						outputItem.binary[key] = value.id ? { ...value } : await storeBinary(this, value);
					}
				}
				output[index] = outputItem;
			}
			return [output];
		},
	};
}

async function storeBinary(context, value) {
	const buffer = Buffer.isBuffer(value.data) ? value.data : Buffer.from(value.data ?? '', BINARY_ENCODING);
	return await context.helpers.prepareBinaryData(buffer, value.fileName, value.mimeType);
}

/**
 * Wraps the node type so the error object its execute() throws is kept as is: the engine only
 * stores a plain-object copy ({ ...error }) in the run data, which loses the class.
 */
function keepThrownError(nodeType, onError) {
	if (typeof nodeType.execute !== 'function') return nodeType;
	const wrapper = Object.create(nodeType);
	wrapper.execute = async function (...args) {
		try {
			return await nodeType.execute.apply(this === wrapper ? nodeType : this, args);
		} catch (error) {
			onError(error);
			throw error;
		}
	};
	return wrapper;
}

/**
 * The node's AI Agent tool variant, as n8n registers it for a `usableAsTool` node (packages/cli
 * convertNodeToAiTool): type name + "Tool", and n8n's own Tool Description fields unless the node
 * brings a `toolDescription`. It keeps a main input and output so the harness can feed it one item,
 * as n8n's engine-request path does (the agent's tool call arguments as that item's JSON).
 */
function asToolVariant(nodeType) {
	const description = structuredClone(nodeType.description);
	description.name += 'Tool';
	description.displayName += ' Tool';
	delete description.usableAsTool;
	if (!description.properties.some((property) => property.name === 'toolDescription')) {
		description.properties.unshift(
			{ displayName: 'Tool Description', name: 'descriptionType', type: 'options', noDataExpression: true, default: 'auto', options: [{ name: 'Set Automatically', value: 'auto' }, { name: 'Set Manually', value: 'manual' }] },
			{ displayName: 'Description', name: 'toolDescription', type: 'string', default: nodeType.description.description, displayOptions: { show: { descriptionType: ['manual'] } } },
		);
	}
	const variant = Object.create(nodeType);
	variant.description = description;
	return variant;
}

class HarnessNodeTypes {
	/**
	 * @param {Function|object} nodeClass node class (or instance) under test
	 * @param {object[]} inputItems items the Input node emits
	 * @param {(error: unknown) => void} onNodeError receives errors thrown by the node's execute()
	 * @param {{ asTool?: boolean }} [variant] asTool: run the node's AI Agent tool variant (`<type>Tool`)
	 */
	constructor(nodeClass, inputItems, onNodeError, { asTool = false } = {}) {
		this.node = typeof nodeClass === 'function' ? new nodeClass() : nodeClass;
		this.asTool = asTool;
		this.nodeType = `${PACKAGE_NAME}.${this.node.description.name}${asTool ? 'Tool' : ''}`;
		this.input = createInputNodeType(inputItems ?? []);
		this.onNodeError = onNodeError;
		this.wrapped = new Map();
	}

	getByName(type) {
		return this.getByNameAndVersion(type);
	}

	getByNameAndVersion(type, version) {
		if (type === INPUT_NODE_TYPE) return this.input;
		if (type !== this.nodeType) return undefined;
		const resolved = NodeHelpers.getVersionedNodeType(this.node, version);
		if (!this.wrapped.has(resolved)) {
			const variant = this.asTool ? asToolVariant(resolved) : resolved;
			this.wrapped.set(resolved, keepThrownError(variant, this.onNodeError));
		}
		return this.wrapped.get(resolved);
	}

	getKnownTypes() {
		return {};
	}
}

module.exports = { HarnessNodeTypes, INPUT_NODE_TYPE };
