export type MediaKind = 'image' | 'sound' | 'video';

export interface MediaFormat {
	kind: MediaKind;
	name: string;
	matches: (bytes: Uint8Array) => boolean;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
	return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
	return [...text].map((char) => char.charCodeAt(0));
}

function isoBrand(bytes: Uint8Array): string {
	return startsWith(bytes, ascii('ftyp'), 4) ? String.fromCharCode(...bytes.slice(8, 12)) : '';
}

// Formats sendMms accepts, recognised by their leading bytes rather than a file name or
// a declared MIME type, either of which can be wrong.
export const MEDIA_FORMATS: MediaFormat[] = [
	{ kind: 'image', name: 'JPEG', matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
	{
		kind: 'image',
		name: 'GIF',
		matches: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
	},
	{
		kind: 'image',
		name: 'PNG',
		matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	},
	{ kind: 'sound', name: 'MIDI', matches: (b) => startsWith(b, ascii('MThd')) },
	{
		kind: 'sound',
		name: 'MP3',
		matches: (b) =>
			startsWith(b, ascii('ID3')) || (b[0] === 0xff && b.length > 1 && (b[1] & 0xe0) === 0xe0),
	},
	{ kind: 'video', name: '3GP', matches: (b) => isoBrand(b).startsWith('3g') },
	{
		kind: 'video',
		name: 'MOV',
		matches: (b) =>
			isoBrand(b) === 'qt  ' ||
			['moov', 'mdat', 'wide', 'free'].some((atom) => startsWith(b, ascii(atom), 4)),
	},
];

export const ACCEPTED_FORMATS: Record<MediaKind, string> = {
	image: 'JPEG, GIF or PNG',
	sound: 'MIDI or MP3',
	video: 'MOV or 3GP',
};

/** The accepted format of `kind` these bytes are, or undefined. */
export function detectMedia(kind: MediaKind, bytes: Uint8Array): string | undefined {
	return MEDIA_FORMATS.find((format) => format.kind === kind && format.matches(bytes))?.name;
}
