'use strict';
// Makes an unmodified n8n install from the local registry. n8n refuses a custom registry without a
// licence (N8N_COMMUNITY_PACKAGES_REGISTRY → "Your license does not allow for
// feat:communityNodes:customRegistry") and calls `npm … --registry=https://registry.npmjs.org`,
// but its npm honours HTTPS_PROXY. This is that proxy, on 127.0.0.1: it answers CONNECT for the
// public registry's host with a certificate from a throw-away CA (trusted by the n8n process and
// its npm through NODE_EXTRA_CA_CERTS) and forwards the decrypted requests to the local registry.
// Every other destination is refused, so nothing leaves the machine.
//   const ca = createThrowawayCa(dir);
//   const proxy = await startRegistryProxy({ registryUrl, ca });
//   env: { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.caCertPath }
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const path = require('node:path');
const { makeSelfSignedCert, openssl } = require('../self-signed-cert');

const REGISTRY_HOST = 'registry.npmjs.org';

/**
 * A CA made for this run only (its key never leaves `dir`) and a certificate it signed for
 * `hosts`. Returns { caCertPath, certPath, keyPath }.
 */
function createThrowawayCa(dir, hosts = [REGISTRY_HOST]) {
	fs.mkdirSync(dir, { recursive: true });
	const file = (name) => path.join(dir, name);
	makeSelfSignedCert({
		keyPath: file('ca-key.pem'),
		certPath: file('ca-cert.pem'),
		days: 2,
		subject: '/CN=n8n-nodes-ai-media release rehearsal CA',
		extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'],
		cwd: dir,
	});
	openssl(
		[
			'req',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-sha256',
			'-subj',
			`/CN=${hosts[0]}`,
			'-keyout',
			file('key.pem'),
			'-out',
			file('cert.csr'),
		],
		{ cwd: dir },
	);
	fs.writeFileSync(
		file('cert.ext'),
		`basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}\n`,
	);
	openssl(
		[
			'x509',
			'-req',
			'-in',
			file('cert.csr'),
			'-CA',
			file('ca-cert.pem'),
			'-CAkey',
			file('ca-key.pem'),
			'-CAcreateserial',
			'-days',
			'2',
			'-sha256',
			'-extfile',
			file('cert.ext'),
			'-out',
			file('cert.pem'),
		],
		{ cwd: dir },
	);
	return { caCertPath: file('ca-cert.pem'), certPath: file('cert.pem'), keyPath: file('key.pem') };
}

/**
 * @param {object} options
 * @param {string} options.registryUrl  the local registry, e.g. http://127.0.0.1:4873/
 * @param {{certPath, keyPath}} options.ca  from createThrowawayCa
 * @param {string[]} [options.hosts]  the hosts answered for (port 443)
 * @returns {Promise<{ url, forwarded: string[], refused: string[], close() }>}
 *   forwarded: "METHOD host/path" of each request passed on; refused: each refused destination
 */
async function startRegistryProxy({ registryUrl, ca, hosts = [REGISTRY_HOST] }) {
	const target = new URL(registryUrl);
	const forwarded = [];
	const refused = [];
	const sockets = new Set();

	const tlsSide = https.createServer(
		{ key: fs.readFileSync(ca.keyPath), cert: fs.readFileSync(ca.certPath) },
		(req, res) => {
			forwarded.push(`${req.method} ${req.headers.host}${req.url}`);
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					agent: false, // no kept-alive socket that verdaccio may close under the next request
					// verdaccio writes tarball URLs from these: they stay on the public registry's address.
					headers: {
						...req.headers,
						'x-forwarded-proto': 'https',
						'x-forwarded-host': req.headers.host,
					},
				},
				(response) => {
					res.writeHead(response.statusCode, response.headers);
					response.pipe(res);
				},
			);
			upstream.on('error', (error) => {
				if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
				res.end(`local registry unreachable: ${error.message}`);
			});
			req.pipe(upstream);
		},
	);

	const proxy = http.createServer((req, res) => {
		refused.push(`${req.method} ${req.url}`);
		res.writeHead(403, { 'content-type': 'text/plain' });
		res.end('The release rehearsal proxy only answers CONNECT for the npm registry\n');
	});
	proxy.on('connect', (req, socket, head) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => socket.destroy());
		const [host, port] = req.url.split(':');
		if (!hosts.includes(host) || port !== '443') {
			refused.push(`CONNECT ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
			return;
		}
		socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
		if (head && head.length) socket.unshift(head);
		tlsSide.emit('connection', socket);
	});
	proxy.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});

	await new Promise((resolve, reject) => {
		proxy.once('error', reject);
		proxy.listen(0, '127.0.0.1', resolve);
	});
	return {
		url: `http://127.0.0.1:${proxy.address().port}`,
		forwarded,
		refused,
		async close() {
			for (const socket of sockets) socket.destroy();
			await new Promise((resolve) => proxy.close(() => resolve()));
			tlsSide.close();
		},
	};
}

module.exports = { createThrowawayCa, startRegistryProxy, REGISTRY_HOST };
