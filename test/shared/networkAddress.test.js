'use strict';
/** Which hosts are not on the public internet (nodes/shared/networkAddress.ts): the SSRF guard's table. */
const { nonPublicAddressKind, nonPublicHostKind, parseIpv6 } = require('../../nodes/shared/networkAddress.ts');

const kindOfUrl = (url) => nonPublicHostKind(new URL(url).hostname);

test.each([
	['127.0.0.1', 'a loopback address'],
	['127.255.0.9', 'a loopback address'],
	['10.1.2.3', 'a private address'],
	['172.16.0.1', 'a private address'],
	['172.31.255.255', 'a private address'],
	['192.168.1.1', 'a private address'],
	['169.254.169.254', 'a link-local address'],
	['100.64.0.1', 'a shared (carrier-grade NAT) address'],
	['0.0.0.0', 'an unspecified ("this network") address'],
	['224.0.0.1', 'a multicast address'],
	['255.255.255.255', 'a reserved or broadcast address'],
	['::1', 'a loopback address'],
	['::', 'an unspecified address'],
	['fe80::1', 'a link-local address'],
	['fd00:ec2::254', 'a unique-local address'],
	['fc00::1', 'a unique-local address'],
	['ff02::1', 'a multicast address'],
	['::ffff:127.0.0.1', 'a loopback address'],
	['::ffff:a9fe:a9fe', 'a link-local address'],
	['::127.0.0.1', 'a loopback address'],
	['64:ff9b::10.0.0.1', 'a private address'],
	['2002:c0a8:0101::1', 'a private address'],
	['2001:db8::1', 'a documentation address'],
])('%s is %s', (ip, kind) => {
	expect(nonPublicAddressKind(ip)).toBe(kind);
});

test.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '93.184.215.14', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8', '2002:0808:0808::1'])(
	'%s is public',
	(ip) => {
		expect(nonPublicAddressKind(ip)).toBeUndefined();
	},
);

test('URL hosts in every form new URL() accepts are classified by the address they reach', () => {
	expect(kindOfUrl('http://0x7f000001/')).toBe('a loopback address');
	expect(kindOfUrl('http://2130706433/')).toBe('a loopback address');
	expect(kindOfUrl('http://127.1/')).toBe('a loopback address');
	expect(kindOfUrl('http://[::ffff:127.0.0.1]/')).toBe('a loopback address');
	expect(kindOfUrl('http://[::1]:8080/')).toBe('a loopback address');
	expect(kindOfUrl('http://LOCALHOST./')).toBe('this machine');
	expect(kindOfUrl('http://app.localhost/')).toBe('a local-network name (.localhost)');
	expect(kindOfUrl('http://metadata.google.internal/')).toBe('a local-network name (.internal)');
	expect(kindOfUrl('http://nas.home.arpa/')).toBe('a local-network name (.home.arpa)');
	expect(kindOfUrl('http://printer.local/')).toBe('a local-network name (.local)');
	expect(kindOfUrl('http://intranet/')).toBe('a single-label name, which only a local network resolves');
	expect(kindOfUrl('https://cdn.example.com/a.png')).toBeUndefined();
	expect(kindOfUrl('http://[2606:4700::1111]/')).toBeUndefined();
});

test('malformed IPv6 text is not an address', () => {
	expect(parseIpv6('1:2:3:4:5:6:7:8:9')).toBeUndefined();
	expect(parseIpv6('1::2::3')).toBeUndefined();
	expect(parseIpv6('::ffff:1.2.3')).toBeUndefined();
	expect(parseIpv6('12345::1')).toBeUndefined();
	expect(parseIpv6('1:2:3:4:5:6:1.2.3.4')).toHaveLength(16);
});
