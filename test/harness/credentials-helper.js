'use strict';
// An ICredentialsHelper for tests: credentials come from a plain { type: data } map instead of
// the database, everything else follows packages/cli/src/credentials-helper.ts — defaults of the
// credential type's properties are applied, `authenticate` (function or IAuthenticateGeneric) is
// applied with n8n's own expression engine, and expirable-token `preAuthentication` is honoured.
const { ICredentialsHelper, NodeHelpers, isExpression } = require('n8n-workflow');

class HarnessCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {Record<string, object>} credentials credential type name → decrypted data
	 * @param {Array<Function|object>} credentialTypes credential classes (or instances)
	 */
	constructor(credentials = {}, credentialTypes = []) {
		super();
		this.credentials = credentials;
		this.types = new Map();
		for (const entry of credentialTypes) {
			const type = typeof entry === 'function' ? new entry() : entry;
			this.types.set(type.name, type);
		}
	}

	getType(name) {
		return this.types.get(name);
	}

	getParentTypes(name) {
		const parents = [];
		for (const parent of this.getType(name)?.extends ?? []) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		const type = this.getType(credentialType);
		if (!type?.restrictToSupportedNodes) return true;
		return (type.supportedNodes ?? []).some((name) => nodeType === name || nodeType.endsWith(`.${name}`));
	}

	getCredentialsProperties(name) {
		const type = this.getType(name);
		if (!type) return [];
		const properties = [];
		for (const parent of type.extends ?? []) {
			NodeHelpers.mergeNodeProperties(properties, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(properties, type.properties ?? []);
		return properties;
	}

	async getDecrypted(_additionalData, _nodeCredentials, type, mode, executeData, raw, resolveValues) {
		if (!(type in this.credentials)) {
			throw new Error(`harness: no credentials of type "${type}" were given to the harness`);
		}
		const stored = { ...this.credentials[type] };
		if (raw === true) return stored;
		// Like n8n: defaults of the type's properties are added, undeclared fields are dropped.
		let data = this.types.has(type)
			? NodeHelpers.getNodeParameters(this.getCredentialsProperties(type), stored, true, false, null, null)
			: stored;
		if (stored.oauthTokenData !== undefined) data.oauthTokenData = stored.oauthTokenData;
		if (resolveValues) {
			data = resolveValues.workflow.expression.getParameterValue(
				data,
				resolveValues.runExecutionData,
				resolveValues.runIndex,
				resolveValues.itemIndex,
				resolveValues.node.name,
				resolveValues.connectionInputData,
				mode,
				{},
				executeData,
				false,
				data,
			);
		}
		return data;
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		const type = this.getType(typeName);
		if (!type) {
			throw new Error(`harness: credential type "${typeName}" is unknown; pass its class in credentialTypes`);
		}
		let options = requestOptions;
		if (typeof type.authenticate === 'function') {
			options = await type.authenticate(credentials, options);
		} else if (type.authenticate?.type === 'generic') {
			const resolve = (value) => {
				if (!isExpression(value)) return value;
				const resolved = workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
				return resolved ? resolved.toString() : '';
			};
			for (const [target, entries] of Object.entries(type.authenticate.properties)) {
				options[target] = options[target] ?? {};
				for (const [key, value] of Object.entries(entries)) {
					options[target][resolve(key)] = resolve(value);
				}
			}
		}
		return options;
	}

	async preAuthentication(helpers, credentials, typeName, _node, credentialsExpired) {
		const type = this.getType(typeName);
		const expirable = type?.properties?.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (typeof type?.preAuthentication !== 'function' || !expirable) return undefined;
		if (credentials[expirable.name] !== '' && credentials[expirable.name] !== undefined && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output?.[expirable.name] === undefined) return undefined;
		Object.assign(this.credentials[typeName], output);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const type = this.getType(typeName);
		if (typeof type?.preAuthentication !== 'function') return undefined;
		return (await type.preAuthentication.call(helpers, credentials)) ?? undefined;
	}

	async getCredentials() {
		throw new Error('harness: getCredentials (database access) is not available in tests');
	}

	async updateCredentials(_nodeCredentials, type, data) {
		this.credentials[type] = { ...data };
	}

	async updateCredentialsOauthTokenData(_nodeCredentials, type, data) {
		this.credentials[type] = { ...this.credentials[type], oauthTokenData: data.oauthTokenData };
	}
}

module.exports = { HarnessCredentialsHelper };
