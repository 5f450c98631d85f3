import { detectMedia } from '../../../nodes/helpers/mediaType';

const bytes = (...parts: Array<string | number[]>) =>
	Buffer.concat(
		parts.map((part) =>
			typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
		),
	);

describe('detectMedia', () => {
	it.each([
		['image', bytes([0xff, 0xd8, 0xff, 0xe0]), 'JPEG'],
		['image', bytes('GIF89a', [0, 0]), 'GIF'],
		['image', bytes('GIF87a'), 'GIF'],
		['image', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'PNG'],
		['sound', bytes('MThd', [0, 0, 0, 6]), 'MIDI'],
		['sound', bytes('ID3', [4, 0]), 'MP3'],
		['sound', bytes([0xff, 0xfb, 0x90]), 'MP3'],
		['video', bytes([0, 0, 0, 0x14], 'ftyp3gp4'), '3GP'],
		['video', bytes([0, 0, 0, 0x14], 'ftypqt  '), 'MOV'],
		['video', bytes([0, 0, 0, 8], 'moov'), 'MOV'],
	] as const)('recognises a %s as %s', (kind, data, name) => {
		expect(detectMedia(kind, data)).toBe(name);
	});

	it('refuses the wrong kind and unknown data', () => {
		expect(detectMedia('image', bytes('MThd'))).toBeUndefined();
		expect(detectMedia('sound', bytes([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined();
		expect(detectMedia('video', bytes('hello world'))).toBeUndefined();
		expect(detectMedia('image', Buffer.alloc(0))).toBeUndefined();
	});
});
