'use strict';
// A self-signed TLS certificate for localhost / 127.0.0.1, made once with
// `openssl` and reused afterwards (until 30 days before it expires). n8n
// serves https with it through its own N8N_PROTOCOL=https, N8N_SSL_KEY and
// N8N_SSL_CERT (see scripts/dev.sh).
//   const { ensureSelfSignedCert } = require('./scripts/self-signed-cert');
//   const { keyPath, certPath } = ensureSelfSignedCert(dir);
// CLI: `node scripts/self-signed-cert.js DIR` prints the two paths as JSON.
// makeSelfSignedCert and openssl are also how the release rehearsal makes its throw-away CA
// (scripts/rehearsal/registry-proxy.js).
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const { requireProgram } = require('./system-programs');

const KEY_FILE = 'localhost-key.pem';
const CERT_FILE = 'localhost-cert.pem';
const VALID_DAYS = 825;
/** A certificate this close to its end is made anew rather than reused. */
const RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/** Runs openssl; when it fails, the error says what openssl wrote. */
function openssl(args, { cwd } = {}) {
	const bin = requireProgram('openssl');
	try {
		execFileSync(bin, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
	} catch (error) {
		throw new Error(`openssl ${args[0]} failed: ${String(error.stderr || error.message).trim()}`);
	}
}

/** A new RSA key (2048 bits, unencrypted) and a SHA-256 certificate it signs itself. */
function makeSelfSignedCert({ keyPath, certPath, days, subject, extensions = [], cwd }) {
	openssl(
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-sha256',
			'-days',
			String(days),
			'-subj',
			subject,
			...extensions.flatMap((extension) => ['-addext', extension]),
			'-keyout',
			keyPath,
			'-out',
			certPath,
		],
		{ cwd },
	);
}

function ensureSelfSignedCert(dir) {
	const folder = path.resolve(dir);
	const keyPath = path.join(folder, KEY_FILE);
	const certPath = path.join(folder, CERT_FILE);
	if (isPem(keyPath, 'PRIVATE KEY') && stillValid(certPath)) return { keyPath, certPath };

	fs.mkdirSync(folder, { recursive: true });
	// Write beside the final names and rename, so a concurrent or interrupted
	// run never leaves a key without its certificate.
	const suffix = `.${process.pid}.tmp`;
	try {
		makeSelfSignedCert({
			keyPath: keyPath + suffix,
			certPath: certPath + suffix,
			days: VALID_DAYS,
			subject: '/CN=localhost',
			extensions: ['subjectAltName=DNS:localhost,IP:127.0.0.1'],
		});
	} catch (error) {
		for (const file of [keyPath, certPath]) fs.rmSync(file + suffix, { force: true });
		throw new Error(`Could not create a self-signed certificate in ${folder}: ${error.message}`);
	}
	fs.chmodSync(keyPath + suffix, 0o600);
	fs.renameSync(keyPath + suffix, keyPath);
	fs.renameSync(certPath + suffix, certPath);
	return { keyPath, certPath };
}

/** The certificate file exists and is valid for more than RENEW_BEFORE_MS from now. */
function stillValid(certPath) {
	try {
		const cert = new crypto.X509Certificate(fs.readFileSync(certPath));
		return Date.parse(cert.validTo) - Date.now() > RENEW_BEFORE_MS;
	} catch {
		return false;
	}
}

function isPem(file, label) {
	try {
		return fs.readFileSync(file, 'utf8').includes(`-----BEGIN ${label}-----`);
	} catch {
		return false;
	}
}

module.exports = { ensureSelfSignedCert, makeSelfSignedCert, openssl };

if (require.main === module) {
	const dir = process.argv[2];
	if (!dir) {
		process.stderr.write('usage: node scripts/self-signed-cert.js DIR\n');
		process.exit(2);
	}
	try {
		process.stdout.write(JSON.stringify(ensureSelfSignedCert(dir)) + '\n');
	} catch (error) {
		process.stderr.write(error.message + '\n');
		process.exit(1);
	}
}
