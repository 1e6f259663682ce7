'use strict';
// The instance owner of a compat n8n. n8n 1.x reports ready before its REST routes answer (a POST
// to /rest/owner/setup gets express's 404 for a few seconds), 2.0 with "Database is not ready!"
// (503), so the setup is retried on those two only.
const { until } = require('../e2e/until');

const OWNER = Object.freeze({ email: 'compat-owner@example.com', firstName: 'Compat', lastName: 'Owner', password: 'Compat-Owner-Passw0rd' });

async function signUpOwner(rest) {
	await until(
		() =>
			rest('POST', '/rest/owner/setup', OWNER).then(
				() => true,
				(error) => {
					if (/HTTP (404|503)/.test(error.message)) return false;
					throw error;
				},
			),
		{ what: 'the REST API (/rest/owner/setup)', timeoutMs: 60000 },
	);
}

module.exports = { OWNER, signUpOwner };
