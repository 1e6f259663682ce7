'use strict';
/** nodes/shared/webhookSignature.ts: the hex HMAC-SHA256 check both Vidgen nodes use. */
const crypto = require('node:crypto');
const { checkHexHmacSha256 } = require('../../nodes/shared/webhookSignature.ts');

const secret = 'whsec_unit';
const body = Buffer.from('{"jobId":"cl1","status":"COMPLETED"}');
const good = crypto.createHmac('sha256', secret).update(body).digest('hex');

test.each([
	['the right signature', good, 'valid'],
	['the right signature in upper case', good.toUpperCase(), 'valid'],
	['no header', undefined, 'missing'],
	['an empty header', '', 'missing'],
	['repeated headers (an array)', [good, good], 'missing'],
	['a prefixed signature', `sha256=${good}`, 'malformed'],
	['a signature one digit short', good.slice(1), 'malformed'],
	['non-hex characters', `${good.slice(0, 63)}z`, 'malformed'],
	['base64 instead of hex', crypto.createHmac('sha256', secret).update(body).digest('base64'), 'malformed'],
	['another secret', crypto.createHmac('sha256', 'other').update(body).digest('hex'), 'mismatch'],
	['one flipped digit', `${good.slice(0, 63)}${good[63] === '0' ? '1' : '0'}`, 'mismatch'],
])('%s → %s', (_name, signature, expected) => {
	expect(checkHexHmacSha256(body, signature, secret)).toBe(expected);
});

test('the body is signed as raw bytes: a re-serialised body does not match', () => {
	const spaced = Buffer.from('{"jobId": "cl1", "status": "COMPLETED"}');
	expect(checkHexHmacSha256(spaced, good, secret)).toBe('mismatch');
});
