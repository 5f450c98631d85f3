'use strict';

/** Recognises attachment file types by their magic bytes. Each returns a type name or null. */

const startsWith = (buffer, bytes) =>
	buffer.length >= bytes.length && bytes.every((b, i) => buffer[i] === b);
const ascii = (buffer, start, end) => buffer.subarray(start, end).toString('latin1');

function imageType(buffer) {
	if (startsWith(buffer, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (ascii(buffer, 0, 6) === 'GIF87a' || ascii(buffer, 0, 6) === 'GIF89a') return 'gif';
	if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	return null;
}

function soundType(buffer) {
	if (ascii(buffer, 0, 4) === 'MThd') return 'midi';
	if (ascii(buffer, 0, 3) === 'ID3') return 'mp3';
	// A bare MPEG audio frame starts with an 11-bit frame sync.
	if (buffer.length >= 2 && buffer[0] === 0xff && (buffer[1] & 0xe0) === 0xe0) return 'mp3';
	return null;
}

function videoType(buffer) {
	const box = ascii(buffer, 4, 8);
	if (box === 'ftyp') {
		const brand = ascii(buffer, 8, 12);
		if (brand === 'qt  ') return 'mov';
		if (brand.startsWith('3g')) return '3gp';
		return null;
	}
	// QuickTime files predating ftyp start with one of these atoms.
	if (['moov', 'mdat', 'wide', 'free', 'skip'].includes(box)) return 'mov';
	return null;
}

/** Decodes strict base64 (whitespace allowed); null when the text is not base64. */
function decodeBase64(text) {
	const compact = text.replace(/\s+/g, '');
	if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
	return Buffer.from(compact, 'base64');
}

module.exports = { imageType, soundType, videoType, decodeBase64 };
