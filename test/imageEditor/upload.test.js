'use strict';
/** Uploading a binary: POST /upload-url, then a PUT to the presigned URL without the API key. */
const { API_KEY, BASE, startFake, run, visibleText } = require('./helpers');

let fake;
afterEach(async () => {
	await fake?.close();
	fake = undefined;
});

// Not a real JPEG, but every byte value appears, so any re-encoding would show.
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);
const jpegItem = (extra = {}) => ({
	json: {},
	binary: { photo: { data: JPEG, mimeType: 'image/jpeg', fileName: 'holiday.jpg', ...extra } },
});

function expectCleanPut(put, contentType) {
	expect(put.headers['content-type']).toBe(contentType);
	expect(put.headers.authorization).toBeUndefined();
	expect(put.headers['x-api-key']).toBeUndefined();
	expect(JSON.stringify(put.headers)).not.toContain(API_KEY);
	expect(put.status).toBe(200);
}

describe.each(['default', 'filesystem'])('binary mode %s', (binaryMode) => {
	test('Image → Upload: declared Content-Type, no key on the PUT, bytes intact, no presigned URL out', async () => {
		fake = await startFake();
		const result = await run(fake, { resource: 'image', operation: 'upload', inputBinaryField: 'photo' }, { items: [jpegItem()], binaryMode });
		expect(result.error).toBeUndefined();

		const [ask] = fake.requests('POST', `${BASE}/upload-url`);
		expect(ask.body).toEqual({ file_name: 'holiday.jpg', mime_type: 'image/jpeg', file_size: JPEG.length });
		const [put] = fake.requests('PUT');
		expectCleanPut(put, 'image/jpeg');
		expect(put.rawBody).toEqual(JPEG);

		const [item] = result.items;
		expect(item.json).toEqual({
			image_id: expect.any(String),
			public_url: expect.stringMatching(/\/cdn\/.+\.jpg$/),
			file_name: 'holiday.jpg',
			mime_type: 'image/jpeg',
			file_size: JPEG.length,
		});
		expect(JSON.stringify(item)).not.toMatch(/presigned|sig=/);
		const served = await fetch(item.json.public_url);
		expect(Buffer.from(await served.arrayBuffer())).toEqual(JPEG);
		expect(visibleText(result)).not.toContain(API_KEY);
	});

	test('Generate or Edit from a binary file uploads it, then edits it by its new image_id', async () => {
		fake = await startFake();
		const result = await run(
			fake,
			{
				resource: 'image',
				operation: 'generate',
				prompt: 'Make it snowy',
				modelTier: 'creative',
				source: 'binary',
				inputBinaryField: 'photo',
				options: { downloadResult: false },
			},
			{ items: [jpegItem()], binaryMode },
		);
		expect(result.error).toBeUndefined();
		expect(fake.log.map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}/, ':id')}`)).toEqual([
			`POST ${BASE}/upload-url`,
			'PUT /presigned/:id',
			`POST ${BASE}/process`,
		]);
		const [put] = fake.requests('PUT');
		expectCleanPut(put, 'image/jpeg');
		expect(put.rawBody).toEqual(JPEG);
		const imageId = fake.requests('POST', `${BASE}/process`)[0].body.image_id;
		expect(fake.state.imageEditor.images.get(imageId).bytes).toEqual(JPEG);
		expect(result.items[0].json.source_image_id).toBe(imageId);
	});
});

test('a file with a generic type is declared by its extension; image/jpg is sent as image/jpeg', async () => {
	fake = await startFake();
	const items = [
		{ json: {}, binary: { photo: { data: Buffer.from('webp bytes'), mimeType: 'application/octet-stream', fileName: 'pic.webp' } } },
		jpegItem({ mimeType: 'image/jpg' }),
	];
	const result = await run(fake, { resource: 'image', operation: 'upload', inputBinaryField: 'photo' }, { items });
	expect(result.error).toBeUndefined();
	expect(fake.requests('POST', `${BASE}/upload-url`).map((r) => r.body.mime_type)).toEqual(['image/webp', 'image/jpeg']);
	expect(fake.requests('PUT').map((r) => r.headers['content-type'])).toEqual(['image/webp', 'image/jpeg']);
});

test('File Name option overrides the recorded name', async () => {
	fake = await startFake();
	const result = await run(
		fake,
		{ resource: 'image', operation: 'upload', inputBinaryField: 'photo', options: { fileName: 'cover.jpg' } },
		{ items: [jpegItem()] },
	);
	expect(result.error).toBeUndefined();
	expect(fake.requests('POST', `${BASE}/upload-url`)[0].body.file_name).toBe('cover.jpg');
});

test('a refused PUT names the status and the storage message, not the presigned URL; it is not repeated', async () => {
	fake = await startFake();
	fake.addFault({ method: 'PUT', path: /^\/presigned\//, kind: '403' });
	const result = await run(fake, { resource: 'image', operation: 'upload', inputBinaryField: 'photo' }, { items: [jpegItem()] });
	expect(result.error.message).toBe('Flokan Image Editor: uploading the image to storage failed (HTTP 403: Injected server error)');
	expect(result.error.httpCode).toBe('403');
	expect(visibleText(result)).not.toMatch(/sig=|\/presigned\//);
	expect(fake.requests('PUT')).toHaveLength(1);
});

test('the PUT (same bytes, same URL) is sent again after a 5xx or a dropped connection', async () => {
	fake = await startFake();
	fake.addFault({ method: 'PUT', path: /^\/presigned\//, kind: '503' });
	fake.addFault({ method: 'PUT', path: /^\/presigned\//, kind: 'drop' });
	const result = await run(fake, { resource: 'image', operation: 'upload', inputBinaryField: 'photo' }, { items: [jpegItem()] });
	expect(result.error).toBeUndefined();
	expect(fake.requests('PUT').map((r) => r.status ?? r.fault)).toEqual([503, 'drop', 200]);
	expect(fake.requests('POST', `${BASE}/upload-url`)).toHaveLength(1);
});
