'use strict';

/** GSM 03.38 default alphabet (without the escape character) and its extension table. */
const BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const EXTENSION = '^{}\\[~]|€\f';
const GSM7 = new Set([...BASIC, ...EXTENSION]);

/** Whether every character of text can be sent in the GSM-7 alphabet. */
function isGsm7(text) {
	for (const c of text) if (!GSM7.has(c)) return false;
	return true;
}

module.exports = { isGsm7 };
