'use strict';
/**
 * Job → Create with the image and audio from URLs: downloaded without the API key, checked (http(s),
 * host, size, type) before and while reading, and uploaded as the same multipart form as binary
 * files. Nothing that fails a check reaches POST /api/jobs.
 */
const { NodeOperationError } = require('n8n-workflow');
const { startFileHost } = require('../fakes/fileHost');
const { parseMultipart } = require('../fakes/vidgen.multipart');
const { playPublicInternet } = require('./publicInternet');
const { API_KEY, PNG, MP3, startFake, run, create, mediaItem } = require('./helpers');

const MB = 1024 * 1024;
const WEBP = Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(24, 7)]);

let fake;
let host;
beforeEach(async () => {
	fake = await startFake();
	host = await startFileHost();
	host.serve('/portrait.png', { body: PNG, headers: { 'Content-Type': 'image/png' } });
	host.serve('/voiceover.mp3', { body: MP3, headers: { 'Content-Type': 'audio/mpeg' } });
});
afterEach(async () => {
	await fake.close();
	await host.close();
});

const posts = () => fake.requests('POST', '/api/jobs');

/** Job → Create reading both files from URLs on the local file host (allowed for these tests). */
function fromUrls({ image = host.url('/portrait.png'), audio = host.url('/voiceover.mp3'), allowPrivate = true, ...extra } = {}) {
	return create({
		imageSource: 'url',
		imageUrl: image,
		audioSource: 'url',
		audioUrl: audio,
		waitUntilDone: false,
		options: { allowPrivateNetworkUrls: allowPrivate },
		...extra,
	});
}

const runUrls = async (parameters, options = {}) => await run(fake, parameters, { items: [{ json: {} }], ...options });

/** The multipart body with its random boundary replaced, to compare two uploads byte for byte. */
function normalisedBody(post) {
	const boundary = /boundary=(.+)$/.exec(post.headers['content-type'])[1];
	return post.rawBody.toString('latin1').split(boundary).join('BOUNDARY');
}

describe('from URLs to the same upload', () => {
	test('Vidgen receives the same multipart bytes as from binary fields; the file host never sees the API key', async () => {
		// Both jobs are done at once, so the second is not refused as a second active job.
		fake.planNextJob({ pendingMs: 0, processingMs: 0 });
		fake.planNextJob({ pendingMs: 0, processingMs: 0 });
		const fromBinary = await run(fake, create({ waitUntilDone: false }));
		expect(fromBinary.status).toBe('success');
		const fromUrl = await runUrls(fromUrls());
		expect(fromUrl.status).toBe('success');

		const [binaryPost, urlPost] = posts();
		expect(normalisedBody(urlPost)).toBe(normalisedBody(binaryPost));
		const [binaryJob, urlJob] = fake.state.jobs;
		expect(urlJob.files).toEqual(binaryJob.files);
		expect(fromUrl.items[0].json).toEqual({ jobId: urlJob.id, message: 'Job created' });
		expect(host.requests.map((entry) => entry.path)).toEqual(['/portrait.png', '/voiceover.mp3']);
		for (const entry of host.requests) {
			expect(entry.headers['x-api-key']).toBeUndefined();
			expect(JSON.stringify(entry.headers)).not.toContain(API_KEY);
			expect(entry.complete).toBe(true);
		}
	});

	test('both files are downloaded before the one POST; a URL and a binary field mix', async () => {
		const result = await run(fake, fromUrls({ audioSource: 'binary' }), { items: [mediaItem()] });
		expect(result.status).toBe('success');
		expect(host.requests.map((entry) => entry.path)).toEqual(['/portrait.png']);
		const [post] = posts();
		const parts = parseMultipart(post.rawBody, post.headers['content-type']);
		expect(parts.map((part) => [part.name, part.filename, part.contentType])).toEqual([
			['image', 'portrait.png', 'image/png'],
			['audio', 'voiceover.mp3', 'audio/mpeg'],
		]);
		expect(parts[0].data.equals(PNG)).toBe(true);
	});

	test('an octet-stream file is typed by its first bytes, named by Content-Disposition, and waited for as usual', async () => {
		host.serve('/download', {
			body: WEBP,
			headers: { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment; filename="face.webp"' },
		});
		host.serve('/audio/7f3a', { body: MP3, headers: { 'Content-Type': 'application/octet-stream' } });
		const result = await runUrls(fromUrls({ image: host.url('/download?token=secret'), audio: host.url('/audio/7f3a'), waitUntilDone: true }));
		expect(result.status).toBe('success');
		const [job] = fake.state.jobs;
		expect(job.files.image).toMatchObject({ filename: 'face.webp', contentType: 'image/webp' });
		expect(job.files.image.data.equals(WEBP)).toBe(true);
		expect(job.files.audio).toMatchObject({ filename: '7f3a', contentType: 'audio/mpeg' });
		expect(result.items[0].json).toMatchObject({ jobId: job.id, status: 'COMPLETED' });
	});

	test('a redirect is followed (each hop checked) and a transient 503 is retried', async () => {
		host.serve('/latest.png', { redirect: host.url('/portrait.png') });
		host.serve('/voiceover.mp3', { body: MP3, headers: { 'Content-Type': 'audio/mpeg' }, failFirst: 1 });
		const result = await runUrls(fromUrls({ image: host.url('/latest.png') }));
		expect(result.status).toBe('success');
		expect(host.requests.map((entry) => entry.path)).toEqual(['/latest.png', '/portrait.png', '/voiceover.mp3', '/voiceover.mp3']);
		expect(posts()).toHaveLength(1);
	});
});

describe('size: at most 50 MB, from the headers and while streaming', () => {
	test('a Content-Length over 50 MB is refused from the headers: the body is never read', async () => {
		host.serve('/huge.png', { generated: { size: 60 * MB, head: PNG }, headers: { 'Content-Type': 'image/png' }, holdBody: true });
		const result = await runUrls(fromUrls({ image: host.url('/huge.png') }));
		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(result.error.message).toBe(`Invalid "Image URL": ${host.url('/huge.png')} is 60.0 MB (its Content-Length)`);
		expect(result.error.description).toBe('Allowed: files of at most 50 MB.');
		await host.allClosed();
		expect(host.requests[0]).toMatchObject({ bytesSent: 0, closedEarly: true });
		expect(posts()).toHaveLength(0);
	});

	test('without a Content-Length the download is stopped once more than 50 MB came in', async () => {
		host.serve('/endless.mp3', { generated: { size: 200 * MB, head: MP3 }, headers: { 'Content-Type': 'audio/mpeg' }, contentLength: 'none' });
		const result = await runUrls(fromUrls({ audio: host.url('/endless.mp3') }));
		expect(result.error.message).toBe(
			`Invalid "Audio URL": ${host.url('/endless.mp3')} sent more than 50 MB (it sent no Content-Length); the download was stopped there`,
		);
		expect(result.error.description).toBe('Allowed: files of at most 50 MB.');
		await host.allClosed();
		const download = host.requests.find((entry) => entry.path === '/endless.mp3');
		expect(download.closedEarly).toBe(true);
		expect(download.bytesSent).toBeGreaterThan(50 * MB);
		expect(download.bytesSent).toBeLessThan(200 * MB);
		expect(posts()).toHaveLength(0);
	});

	test('a false Content-Length (a small gzip body that unpacks to 60 MB) cannot let more in', async () => {
		host.serve('/bomb.png', { generated: { size: 60 * MB, head: PNG }, headers: { 'Content-Type': 'image/png' }, gzip: true });
		const result = await runUrls(fromUrls({ image: host.url('/bomb.png') }));
		expect(result.error.message).toMatch(
			new RegExp(`^Invalid "Image URL": ${host.url('/bomb.png')} sent more than 50 MB \\(its Content-Length said \\d+ bytes\\); the download was stopped there$`),
		);
		expect(Number(/said (\d+) bytes/.exec(result.error.message)[1])).toBeLessThan(1 * MB);
		expect(posts()).toHaveLength(0);
	});

	test('a file of exactly 50 MB is accepted and uploaded', async () => {
		host.serve('/large.png', { generated: { size: 50 * MB, head: PNG }, headers: { 'Content-Type': 'image/png' } });
		const result = await runUrls(fromUrls({ image: host.url('/large.png') }));
		expect(result.status).toBe('success');
		expect(fake.state.jobs[0].files.image.data.length).toBe(50 * MB);
	});
});

describe('type: the API accepts JPEG, PNG, WebP images and MP3, WAV, M4A, OGG audio', () => {
	test('a Content-Type outside the list is refused from the headers', async () => {
		host.serve('/login', { body: Buffer.from('<html>sign in</html>'), headers: { 'Content-Type': 'text/html; charset=utf-8' }, holdBody: true });
		const result = await runUrls(fromUrls({ image: host.url('/login') }));
		expect(result.error.message).toBe(`Invalid "Image URL": ${host.url('/login')} is text/html`);
		expect(result.error.description).toBe('Allowed: a JPEG, PNG or WebP image (image/jpeg, image/png, image/webp).');
		await host.allClosed();
		expect(host.requests[0].bytesSent).toBe(0);
		expect(posts()).toHaveLength(0);
	});

	test('an image where the audio belongs is refused, naming the audio types', async () => {
		const result = await runUrls(fromUrls({ audio: host.url('/portrait.png') }));
		expect(result.error.message).toBe(`Invalid "Audio URL": ${host.url('/portrait.png')} is image/png`);
		expect(result.error.description).toBe(
			'Allowed: an MP3, WAV, M4A or OGG audio file (audio/mpeg, audio/wav, audio/x-wav, audio/mp4, audio/x-m4a, audio/ogg).',
		);
		expect(posts()).toHaveLength(0);
	});

	test('an octet-stream whose bytes and name show no accepted type is refused', async () => {
		host.serve('/blob.bin', { body: Buffer.from('PK\x03\x04 just a zip file', 'latin1'), headers: { 'Content-Type': 'application/octet-stream' } });
		const result = await runUrls(fromUrls({ image: host.url('/blob.bin') }));
		expect(result.error.message).toBe(
			`Invalid "Image URL": ${host.url('/blob.bin')} is application/octet-stream, and neither its first bytes nor its name show an accepted type`,
		);
		expect(posts()).toHaveLength(0);
	});
});

describe('http(s) only, and where a URL may point', () => {
	test.each([
		['ftp://files.example.com/portrait.png', 'is a "ftp:" URL', 'a URL starting with http:// or https://'],
		['file:///etc/passwd', 'is a "file:" URL', 'a URL starting with http:// or https://'],
	])('%s is refused before any request', async (url, problem, allowed) => {
		const result = await runUrls(fromUrls({ image: url }));
		expect(result.error.message).toBe(`Invalid "Image URL": ${url} ${problem}`);
		expect(result.error.description).toBe(`Allowed: ${allowed}.`);
		expect(host.requests).toHaveLength(0);
		expect(fake.log).toHaveLength(0);
	});

	test.each([
		['http://127.0.0.1:9/portrait.png', 'a loopback address (127.0.0.1)'],
		['http://localhost:9/portrait.png', 'this machine (localhost)'],
		['http://[::1]:9/portrait.png', 'a loopback address ([::1])'],
		['http://169.254.169.254/latest/meta-data/', 'a link-local address (169.254.169.254)'],
		['http://10.0.0.7/portrait.png', 'a private address (10.0.0.7)'],
		['http://[fd00::7]/portrait.png', 'a unique-local address ([fd00::7])'],
		['http://0.0.0.0:9/portrait.png', 'an unspecified ("this network") address (0.0.0.0)'],
		['http://metadata.google.internal/computeMetadata/v1/', 'a local-network name (.internal) (metadata.google.internal)'],
	])('%s is refused by default, before any request', async (url, what) => {
		const result = await runUrls(fromUrls({ image: url, allowPrivate: false }));
		expect(result.error.message).toBe(`Invalid "Image URL": ${url} points at ${what}`);
		expect(result.error.description).toBe(
			'Allowed: a URL on the public internet, or turn on Options → Allow Private Network URLs to fetch from this machine or the local network.',
		);
		expect(host.requests).toHaveLength(0);
		expect(fake.log).toHaveLength(0);
	});

	test('a private URL in a later item fails the batch before the first item is submitted', async () => {
		const parameters = fromUrls({ allowPrivate: false, image: '={{ $json.image }}', audio: 'https://media.example.com/voiceover.mp3' });
		const result = await runUrls(parameters, { items: [{ json: { image: 'https://media.example.com/a.png' } }, { json: { image: 'http://192.168.1.20/b.png' } }] });
		expect(result.error.message).toBe('Invalid "Image URL": http://192.168.1.20/b.png points at a private address (192.168.1.20)');
		expect(host.requests).toHaveLength(0);
		expect(fake.log).toHaveLength(0);
	});

	test('Allow Private Network URLs lets the same loopback URLs through', async () => {
		const refused = await runUrls(fromUrls({ allowPrivate: false }));
		expect(refused.error.message).toMatch(/points at a loopback address \(127\.0\.0\.1\)$/);
		const allowed = await runUrls(fromUrls({ allowPrivate: true }));
		expect(allowed.status).toBe('success');
		expect(posts()).toHaveLength(1);
	});

	test('an unreachable or missing file names the field and the URL, and nothing is submitted', async () => {
		const result = await runUrls(fromUrls({ image: host.url('/gone.png?X-Amz-Signature=abc') }));
		expect(result.error.message).toBe(`Could not download the Image URL ${host.url('/gone.png')}?…: HTTP 404`);
		expect(result.error.message).not.toContain('abc');
		expect(result.error.description).toMatch(/^Nothing was submitted\./);
		expect(posts()).toHaveLength(0);
	});

	test('a connection error keeps the field and the URL in the message (n8n would swap a message with ECONNREFUSED in it)', async () => {
		const closed = await startFileHost();
		const url = closed.url('/portrait.png');
		await closed.close();
		const result = await runUrls(fromUrls({ image: url }));
		expect(result.error.message).toMatch(new RegExp(`^Could not download the Image URL ${url}: .*ECONNREFUSED`));
		expect(posts()).toHaveLength(0);
	});

	test('more than 5 redirects are refused', async () => {
		for (let hop = 0; hop < 6; hop++) host.serve(`/hop${hop}`, { redirect: host.url(`/hop${hop + 1}`) });
		const result = await runUrls(fromUrls({ image: host.url('/hop0') }));
		expect(result.error.message).toBe(`Invalid "Image URL": ${host.url('/hop0')} redirects more than 5 times`);
		expect(host.requests).toHaveLength(6);
		expect(posts()).toHaveLength(0);
	});
});

describe('on the public internet (host names through n8n\'s resolver, requests through a proxy)', () => {
	let undo;
	beforeEach(() => {
		undo = playPublicInternet(host, {
			'media.example.com': '93.184.215.14',
			'nas.example.com': '192.168.1.20',
			'sneaky.example.com': '100.64.12.34',
		});
		host.serve('http://media.example.com/portrait.png', { body: PNG, headers: { 'Content-Type': 'image/png' } });
		host.serve('http://media.example.com/voiceover.mp3', { body: MP3, headers: { 'Content-Type': 'audio/mpeg' } });
	});
	afterEach(() => undo());

	const publicUrls = (image) =>
		fromUrls({ allowPrivate: false, image, audio: 'http://media.example.com/voiceover.mp3' });

	test('public URLs are downloaded with the private network refused', async () => {
		const result = await runUrls(publicUrls('http://media.example.com/portrait.png'));
		expect(result.status).toBe('success');
		expect(host.requests.map((entry) => entry.url)).toEqual([
			'http://media.example.com/portrait.png',
			'http://media.example.com/voiceover.mp3',
		]);
		expect(fake.state.jobs[0].files.image.data.equals(PNG)).toBe(true);
	});

	test('a name that resolves to a private address is refused before it is requested', async () => {
		const result = await runUrls(publicUrls('http://nas.example.com/portrait.png'));
		expect(result.error.message).toBe(
			"Invalid \"Image URL\": http://nas.example.com/portrait.png has a host (nas.example.com) that resolves to an address n8n's SSRF settings block (192.168.1.20)",
		);
		expect(host.requests).toHaveLength(0);
		expect(posts()).toHaveLength(0);
	});

	test('a name that does not resolve is refused, and says so', async () => {
		const result = await runUrls(publicUrls('http://no-such-host.invalid/eperm.png'));
		expect(result.error.message).toBe(
			'Invalid "Image URL": http://no-such-host.invalid/eperm.png has a host (no-such-host.invalid) that could not be resolved (ENOTFOUND)',
		);
		expect(result.error.description).toBe('Allowed: a URL whose host name exists.');
		expect(host.requests).toHaveLength(0);
	});

	test('a name that resolves to a carrier-grade NAT address (not in n8n 2.40\'s list) is refused too', async () => {
		const result = await runUrls(publicUrls('http://sneaky.example.com/portrait.png'));
		expect(result.error.message).toBe(
			'Invalid "Image URL": http://sneaky.example.com/portrait.png has a host (sneaky.example.com) that resolves to a shared (carrier-grade NAT) address (100.64.12.34)',
		);
		expect(host.requests).toHaveLength(0);
	});

	test.each([
		['http://169.254.169.254/latest/meta-data/', 'points at a link-local address (169.254.169.254)'],
		['http://127.0.0.1:9/admin', 'points at a loopback address (127.0.0.1)'],
		['http://nas.example.com/portrait.png', "has a host (nas.example.com) that resolves to an address n8n's SSRF settings block (192.168.1.20)"],
		['gopher://media.example.com/x', 'is a "gopher:" URL'],
	])('a public URL that redirects to %s is refused at that hop', async (location, problem) => {
		host.serve('http://media.example.com/moved.png', { redirect: location });
		const result = await runUrls(publicUrls('http://media.example.com/moved.png'));
		expect(result.error.message).toBe(
			`Invalid "Image URL": http://media.example.com/moved.png redirects to ${new URL(location).href.replace(/\/x$/, '/x')}, which ${problem}`,
		);
		expect(host.requests.map((entry) => entry.url)).toEqual(['http://media.example.com/moved.png']);
		expect(posts()).toHaveLength(0);
	});
});
