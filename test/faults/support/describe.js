'use strict';
/** Reads a node's parameters, to back an n/a cell with what the node really offers. */

function* allProperties(properties) {
	for (const property of properties ?? []) {
		yield property;
		if (Array.isArray(property.options)) {
			for (const option of property.options) {
				if (option && typeof option === 'object' && 'type' in option) yield* allProperties([option]);
				if (option && Array.isArray(option.values)) yield* allProperties(option.values);
			}
		}
	}
}

/** Parameter names of the node (collections included) that match `pattern`, for one resource/operation or all. */
function parametersMatching(NodeClass, pattern, { resource, operation } = {}) {
	const { properties } = new NodeClass().description;
	const shownFor = (property) => {
		const show = property.displayOptions?.show ?? {};
		if (resource && show.resource && !show.resource.includes(resource)) return false;
		if (operation && show.operation && !show.operation.includes(operation)) return false;
		return true;
	};
	return [...allProperties(properties.filter(shownFor))].filter((p) => pattern.test(p.name) || pattern.test(p.displayName ?? '')).map((p) => p.name);
}

module.exports = { parametersMatching };
