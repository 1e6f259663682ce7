const { collectPages } = require('../../nodes/shared/paginator.ts');
const { buildMultipart } = require('../../nodes/shared/multipart.ts');

describe('collectPages', () => {
	const source = Array.from({ length: 23 }, (_, i) => i);
	const fetchPage = (requests) => async (page = 1, size) => {
		requests.push({ page, size });
		const start = (page - 1) * size;
		const items = source.slice(start, start + size);
		return { items, next: start + size < source.length ? page + 1 : undefined };
	};

	it('stops exactly at the limit and asks only for what is missing', async () => {
		const requests = [];
		const items = await collectPages(fetchPage(requests), { returnAll: false, limit: 7 }, 5);
		expect(items).toHaveLength(7);
		expect(requests).toEqual([
			{ page: 1, size: 5 },
			{ page: 2, size: 2 },
		]);
	});

	it('returns everything across pages with Return All', async () => {
		const requests = [];
		const items = await collectPages(fetchPage(requests), { returnAll: true, limit: Infinity }, 10);
		expect(items).toEqual(source);
		expect(requests).toHaveLength(3);
	});
});

describe('buildMultipart', () => {
	it('writes RFC 7578 parts with names, filenames and types', async () => {
		const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
		const { body, contentType } = await buildMultipart([
			{ name: 'image', fileName: 'a "b".png', contentType: 'image/png', data: png },
			{ name: 'webhookUrl', value: 'https://x.test/h' },
		]);
		const boundary = /boundary=(.+)$/.exec(contentType)[1];
		const text = body.toString('latin1');
		expect(text.startsWith(`--${boundary}\r\nContent-Disposition: form-data; name="image"; filename="a %22b%22.png"\r\nContent-Type: image/png\r\n\r\n`)).toBe(true);
		expect(body.includes(png)).toBe(true);
		expect(text).toContain(`Content-Disposition: form-data; name="webhookUrl"\r\n\r\nhttps://x.test/h\r\n--${boundary}--\r\n`);
	});
});
