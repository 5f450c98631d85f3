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

/** Splits delimited text into records; quotes are honoured only when `quote` is set. */
function splitRecords(text: string, delimiter: string, quote: boolean): Field[][] {
	const records: Field[][] = [];
	let record: Field[] = [];
	let i = 0;

	const readField = (): Field => {
		if (quote) {
			let j = i;
			while (text[j] === ' ' || text[j] === '\t') j++;
			if (text[j] === '"') {
				let value = '';
				j++;
				for (;;) {
					if (j >= text.length) break; // unterminated: keep what we have
					if (text[j] === '"') {
						if (text[j + 1] === '"') {
							value += '"';
							j += 2;
							continue;
						}
						j++;
						break;
					}
					value += text[j];
					j++;
				}
				// Anything between the closing quote and the delimiter is kept, leniently.
				let tail = '';
				while (j < text.length && text[j] !== delimiter && text[j] !== '\n' && text[j] !== '\r') {
					tail += text[j];
					j++;
				}
				i = j;
				return { value: value + tail.trim(), quoted: true };
			}
		}
		let value = '';
		while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') {
			value += text[i];
			i++;
		}
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

function uniqueColumns(header: Field[]): string[] {
	const seen = new Set<string>();
	return header.map((field, index) => {
		const base = field.value.trim() || `column${index + 1}`;
		let name = base;
		for (let n = 2; seen.has(name); n++) name = `${base}_${n}`;
		seen.add(name);
		return name;
	});
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
