'use strict';
/**
 * The public internet as the node under test sees it, on a machine without one: host names are
 * answered by n8n's own DNS resolver from a table (as a DNS server would), and requests to them go
 * through HTTP_PROXY to the fake file host (as through a corporate proxy). The node's guard and
 * n8n's egress filter run unchanged; only the network around them is played.
 */
const path = require('node:path');
const { Container } = require('../harness/engine');

const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
const { DnsResolver } = require(require.resolve('@n8n/backend-network', { paths: [coreDir] }));

const PROXY_VARIABLES = ['http_proxy', 'HTTP_PROXY', 'no_proxy', 'NO_PROXY'];

/**
 * @param {{ base: string }} proxy the fake file host (it also answers as a forward proxy)
 * @param {Record<string, string>} addresses host name → the address DNS answers for it
 * @returns {() => void} undo
 */
function playPublicInternet(proxy, addresses) {
	const resolver = Container.get(DnsResolver);
	const lookup = resolver.lookup;
	resolver.lookup = async function (hostname, options) {
		const address = addresses[hostname];
		if (address === undefined) return await lookup.call(this, hostname, options);
		return [{ address, family: address.includes(':') ? 6 : 4 }];
	};
	const saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
	process.env.http_proxy = proxy.base;
	process.env.no_proxy = '127.0.0.1,localhost,[::1]';
	delete process.env.HTTP_PROXY;
	delete process.env.NO_PROXY;
	return () => {
		resolver.lookup = lookup;
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	};
}

module.exports = { playPublicInternet };
