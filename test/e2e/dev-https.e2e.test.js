'use strict';
/**
 * `npm run dev -- --https`: scripts/dev.sh evals `node scripts/n8n-env.js --shell <userFolder> <port>
 * --https` and execs `n8n start`. Here the same environment starts a real n8n 2.40.7, which must
 * serve TLS with the self-signed certificate (valid for localhost and 127.0.0.1) and build its
 * webhook and resume URLs on https, which the Vidgen node's Resume on Webhook Callback needs.
 * Also: the webhook URL a developer gives (a tunnel) wins, in both variables n8n reads.
 */
const crypto = require('node:crypto');
const fs = require('node:fs');
const https = require('node:https');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFileSync, spawn } = require('node:child_process');
const { paths } = require('../../scripts/n8n-env');
const { ensureSelfSignedCert } = require('../../scripts/self-signed-cert');
const { requireProgram } = require('../../scripts/system-programs');
const { ensureRuntime, freePort, tail } = require('./n8n-process');

const ROOT = path.join(__dirname, '..', '..');
const START_TIMEOUT_MS = 5 * 60 * 1000;

/** The environment `npm run dev` gives n8n: n8n-env.js --shell output, parsed like bash's eval. */
function devEnv(args, callerEnv = {}) {
	const env = { ...process.env, ...callerEnv };
	for (const key of ['N8N_WEBHOOK_URL', 'WEBHOOK_URL']) if (!(key in callerEnv)) delete env[key];
	const script = execFileSync('node', ['scripts/n8n-env.js', '--shell', ...args], { cwd: ROOT, env, encoding: 'utf8' });
	const exported = {};
	for (const line of script.trim().split('\n')) {
		const [, key, quoted] = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
		exported[key] = execFileSync('bash', ['-c', `printf %s ${quoted}`], { encoding: 'utf8' });
	}
	return exported;
}

/** A free loopback port whose next port is free too: dev.sh gives n8n's task broker port + 1. */
async function portWithFreeNext() {
	const canListen = (port) =>
		new Promise((resolve) => {
			const server = net.createServer();
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
		});
	for (;;) {
		const port = await freePort();
		if (await canListen(port + 1)) return port;
	}
}

/** An https request that trusts only `ca`; `servername` is the name the certificate must carry. */
function request(port, { method = 'GET', route, body, headers = {}, ca, servername }) {
	return new Promise((resolve, reject) => {
		const req = https.request(
			{ host: '127.0.0.1', port, method, path: route, ca, servername, headers: { 'content-type': 'application/json', ...headers } },
			(res) => {
				let text = '';
				res.on('data', (chunk) => (text += chunk));
				res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
			},
		);
		req.on('error', reject);
		req.end(body === undefined ? undefined : JSON.stringify(body));
	});
}

describe('the environment of npm run dev', () => {
	test('--https: n8n protocol, certificate and every URL on https; cookies secure', () => {
		const env = devEnv(['/tmp/dev-user-probe', '5999', '--https']);
		const { devCertDir } = paths();
		expect(env).toMatchObject({
			N8N_PROTOCOL: 'https',
			N8N_SSL_KEY: path.join(devCertDir, 'localhost-key.pem'),
			N8N_SSL_CERT: path.join(devCertDir, 'localhost-cert.pem'),
			N8N_EDITOR_BASE_URL: 'https://localhost:5999',
			N8N_WEBHOOK_URL: 'https://localhost:5999/',
			WEBHOOK_URL: 'https://localhost:5999/',
			N8N_SECURE_COOKIE: 'true',
		});
	});

	test('without --https: http, as before', () => {
		const env = devEnv(['/tmp/dev-user-probe', '5999']);
		expect(env).toMatchObject({ N8N_PROTOCOL: 'http', N8N_WEBHOOK_URL: 'http://localhost:5999/', WEBHOOK_URL: 'http://localhost:5999/' });
		expect(env.N8N_SSL_KEY).toBeUndefined();
	});

	test('a webhook URL of the developer (an https tunnel) is used for both variables; N8N_WEBHOOK_URL wins', () => {
		expect(devEnv(['/tmp/dev-user-probe', '5999'], { WEBHOOK_URL: 'https://tunnel.example.test' })).toMatchObject({
			N8N_WEBHOOK_URL: 'https://tunnel.example.test/',
			WEBHOOK_URL: 'https://tunnel.example.test/',
		});
		expect(
			devEnv(['/tmp/dev-user-probe', '5999', '--https'], { N8N_WEBHOOK_URL: 'https://first.example.test/', WEBHOOK_URL: 'https://second.example.test/' }),
		).toMatchObject({ N8N_WEBHOOK_URL: 'https://first.example.test/', WEBHOOK_URL: 'https://first.example.test/' });
	});

	test('scripts/dev.sh refuses an option it does not know, before installing anything', () => {
		let failure;
		try {
			execFileSync('bash', ['scripts/dev.sh', '--htps'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
		} catch (error) {
			failure = error;
		}
		expect(failure.status).toBe(2);
		expect(failure.stderr).toMatch(/unknown option '--htps' \(known: --https, --queue\)/);
	});
});

describe('self-signed certificate', () => {
	test('made once for localhost and 127.0.0.1, reused as is, made anew when it nears its end', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-cert-'));
		try {
			const made = ensureSelfSignedCert(dir);
			const pem = fs.readFileSync(made.certPath, 'utf8');
			const cert = new crypto.X509Certificate(pem);
			expect(cert.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
			expect(cert.checkHost('localhost')).toBe('localhost');
			expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
			expect(cert.verify(cert.publicKey)).toBe(true); // self-signed
			expect(fs.statSync(made.keyPath).mode & 0o777).toBe(0o600);
			expect(crypto.createPublicKey(fs.readFileSync(made.keyPath)).export({ format: 'pem', type: 'spki' })).toBe(
				cert.publicKey.export({ format: 'pem', type: 'spki' }),
			);

			expect(ensureSelfSignedCert(dir)).toEqual(made);
			expect(fs.readFileSync(made.certPath, 'utf8')).toBe(pem);
			expect(fs.readdirSync(dir).sort()).toEqual(['localhost-cert.pem', 'localhost-key.pem']);

			// One that ends within 30 days is made anew, key included.
			execFileSync(requireProgram('openssl'), ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-keyout', made.keyPath, '-out', made.certPath], {
				stdio: 'ignore',
			});
			const expiring = fs.readFileSync(made.certPath, 'utf8');
			expect(ensureSelfSignedCert(dir)).toEqual(made);
			const renewed = new crypto.X509Certificate(fs.readFileSync(made.certPath, 'utf8'));
			expect(renewed.toString()).not.toBe(expiring);
			expect(Date.parse(renewed.validTo) - Date.now()).toBeGreaterThan(800 * 24 * 60 * 60 * 1000);
			expect(renewed.subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1');
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('a real n8n started with the environment of npm run dev -- --https', () => {
	let child;
	let output = '';
	let userFolder;

	afterAll(async () => {
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child.once('exit', resolve));
			process.kill(-child.pid, 'SIGTERM');
			const killer = setTimeout(() => process.kill(-child.pid, 'SIGKILL'), 15000);
			await exited;
			clearTimeout(killer);
		}
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
	});

	test('serves TLS with the certificate and builds webhook (and so resume) URLs on https', async () => {
		const p = ensureRuntime();
		userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dev-https-'));
		const port = await portWithFreeNext();
		const env = { ...devEnv([userFolder, String(port), '--https']), N8N_LOG_FORMAT: 'json' };
		child = spawn(p.nodeBin, [p.n8nBin, 'start'], { cwd: userFolder, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const ca = fs.readFileSync(env.N8N_SSL_CERT);

		const deadline = Date.now() + START_TIMEOUT_MS;
		for (;;) {
			if (child.exitCode !== null) throw new Error(`n8n exited early\n${tail(output)}`);
			if (Date.now() > deadline) throw new Error(`n8n not ready over https\n${tail(output)}`);
			const ready = await request(port, { route: '/healthz/readiness', ca, servername: 'localhost' }).catch((error) => error);
			if (ready.status === 200) break;
			if (ready.code && !['ECONNREFUSED', 'ECONNRESET'].includes(ready.code)) throw ready; // e.g. a certificate error
			await new Promise((resolve) => setTimeout(resolve, 500));
		}

		// The certificate names 127.0.0.1 too (no servername: checked against the IP).
		expect((await request(port, { route: '/healthz', ca })).status).toBe(200);
		// A client that does not trust this certificate is refused: it is really TLS with our certificate.
		await expect(request(port, { route: '/healthz', servername: 'localhost' })).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });

		const browserId = crypto.randomUUID();
		const owner = await request(port, {
			method: 'POST',
			route: '/rest/owner/setup',
			ca,
			servername: 'localhost',
			headers: { 'browser-id': browserId },
			body: { email: 'dev-https@example.com', firstName: 'Dev', lastName: 'Https', password: 'Dev-Https-Passw0rd' },
		});
		expect(owner.status).toBe(200);
		const authCookie = owner.headers['set-cookie'].find((cookie) => cookie.startsWith('n8n-auth='));
		expect(authCookie).toMatch(/;\s*Secure/i);

		const settings = await request(port, { route: '/rest/settings', ca, servername: 'localhost', headers: { 'browser-id': browserId, cookie: authCookie.split(';')[0] } });
		expect(settings.status).toBe(200);
		const { data } = JSON.parse(settings.text);
		expect(data.urlBaseWebhook).toBe(`https://localhost:${port}/`);
		expect(data.urlBaseEditor).toBe(`https://localhost:${port}`);
	}, START_TIMEOUT_MS + 60000);
});
