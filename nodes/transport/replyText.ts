/** A reply's text without the byte-order mark some servers put first. */
export function stripBom(text: string): string {
	return text.replace(/^\uFEFF/, '');
}

const HTML_START =
	/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|h1|p|div|center)[\s/>]/i;

/** True when the text starts like an HTML page (error page, login page, proxy page). */
export function looksLikeHtml(text: string): boolean {
	return HTML_START.test(stripBom(text));
}
