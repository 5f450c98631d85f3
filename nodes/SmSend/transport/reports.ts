import { transportError } from '../../transport/errors';
import { looksLikeHtml, stripBom } from '../../transport/replyText';
import { smSendKoError } from './koMessages';
import { parseOkKo, unreadable } from './okKo';

/* smSend's reports: batch-status.php answers CSV, userlog-get.php tab-separated text. */

export interface TabularReport {
	columns: string[];
	rows: Array<Record<string, string>>;
}

interface Field {
	value: string;
	quoted: boolean;
}

/**
 * Bounds of a report this node reads. Real reports have a handful of columns and one row per
 * message; the caps keep a wrong base URL (or a hostile server) from making n8n build millions
 * of cells out of a 10 MB reply.
 */
export const MAX_REPORT_COLUMNS = 1000;
export const MAX_REPORT_CELLS = 2_000_000;

const isLineEnd = (char: string | undefined) => char === '\n' || char === '\r';

/**
 * Splits delimited text into records; quotes are honoured only when `quote` is set. One pass,
 * fields cut out with slices: linear in the text, whatever its shape.
 */
function splitRecords(text: string, delimiter: string, quote: boolean): Field[][] {
	const records: Field[][] = [];
	let record: Field[] = [];
	let i = 0;
	const unquotedEnd = (from: number) => {
		let j = from;
		while (j < text.length && text[j] !== delimiter && !isLineEnd(text[j])) j++;
		return j;
	};

	const readField = (): Field => {
		if (quote) {
			let j = i;
			while (text[j] === ' ' || text[j] === '\t') j++;
			if (text[j] === '"') {
				const pieces: string[] = [];
				j++;
				for (;;) {
					const close = text.indexOf('"', j);
					if (close === -1) {
						pieces.push(text.slice(j)); // unterminated: keep what we have
						j = text.length;
						break;
					}
					pieces.push(text.slice(j, close));
					if (text[close + 1] === '"') {
						pieces.push('"');
						j = close + 2;
						continue;
					}
					j = close + 1;
					break;
				}
				// Anything between the closing quote and the delimiter is kept, leniently.
				const end = unquotedEnd(j);
				const tail = text.slice(j, end);
				i = end;
				return { value: pieces.join('') + tail.trim(), quoted: true };
			}
		}
		const end = unquotedEnd(i);
		const value = text.slice(i, end);
		i = end;
		return { value: value.trim(), quoted: false };
	};

	while (i < text.length) {
		record.push(readField());
		if (text[i] === delimiter) {
			i++;
			if (i >= text.length) record.push({ value: '', quoted: false });
			continue;
		}
		// End of line (CRLF, LF or CR) or end of text.
		if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
		else if (i < text.length) i++;
		records.push(record);
		record = [];
	}
	if (record.length > 0) records.push(record);
	return records.filter(
		(fields) => !(fields.length === 1 && !fields[0].quoted && fields[0].value === ''),
	);
}

/** Header names made unique (a repeated name gets _2, _3, …), in one pass. */
function uniqueColumns(header: Field[]): string[] {
	const seen = new Set<string>();
	const nextSuffix = new Map<string, number>();
	return header.map((field, index) => {
		const base = field.value.trim() || `column${index + 1}`;
		let name = base;
		let n = nextSuffix.get(base) ?? 2;
		while (seen.has(name)) name = `${base}_${n++}`;
		nextSuffix.set(base, n);
		seen.add(name);
		return name;
	});
}

function tooLarge(text: string, detail: string): never {
	throw transportError('smSend', 'REPLY_TOO_LARGE', { raw: text.slice(0, 200), detail });
}

const KO_BODY = /^KO(?=$|[\s+]|%[0-9A-Fa-f]{2})/i;

function parseReport(text: string, delimiter: string, quote: boolean): TabularReport {
	const body = stripBom(text);
	if (KO_BODY.test(body.trim())) {
		const reply = parseOkKo(body);
		throw smSendKoError(reply.ok ? reply.value : reply.text, text);
	}
	if (body.trim() === '' || looksLikeHtml(body)) unreadable(text);

	const [header = [], ...records] = splitRecords(body, delimiter, quote);
	const widest = Math.max(header.length, ...records.map((fields) => fields.length));
	if (widest > MAX_REPORT_COLUMNS)
		tooLarge(text, `${widest} columns; a report has at most ${MAX_REPORT_COLUMNS}`);
	const cells = records.reduce((sum, fields) => sum + Math.max(header.length, fields.length), 0);
	if (cells > MAX_REPORT_CELLS)
		tooLarge(
			text,
			`${records.length} rows of ${header.length} columns; at most ${MAX_REPORT_CELLS} cells`,
		);
	const columns = uniqueColumns(header);
	const rows = records.map((fields) =>
		// fromEntries keeps a column called '__proto__' as an ordinary property.
		Object.fromEntries([
			...columns.map((column, index): [string, string] => [column, fields[index]?.value ?? '']),
			...fields
				.slice(columns.length)
				.map((field, index): [string, string] => [`_extra${index + 1}`, field.value]),
		]),
	);
	return { columns, rows };
}

/** CSV with a header row (batch-status.php); columns are read by name, never by position. */
export function parseCsvReport(text: string): TabularReport {
	return parseReport(text, ',', true);
}

/** Tab-separated report with a header row (userlog-get.php). */
export function parseTsvReport(text: string): TabularReport {
	return parseReport(text, '\t', false);
}
