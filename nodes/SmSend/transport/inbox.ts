import { transportError } from '../../transport/errors';

export interface ReceivedSms {
	id: number;
	sender: string;
	text: string;
	/** ISO 8601 with offset, read from the gateway's local time. */
	receivedAt: string;
	recipientNumber: string;
	sharecode: string;
	raw: Record<string, string>;
}

/** receiveSms answers at most this many messages per call. */
export const RECEIVE_SMS_MAX = 100;

function offsetMinutesAt(utcMillis: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(utcMillis));
	const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
	const wall = new Date(0);
	// setUTCFullYear, unlike Date.UTC, reads years 0–99 as written.
	wall.setUTCFullYear(get('year'), get('month') - 1, get('day'));
	wall.setUTCHours(get('hour'), get('minute'), get('second'), 0);
	const asUtc = wall.getTime();
	return Math.round((asUtc - utcMillis) / 60000);
}

/** '2005-11-22 11:07:02' in `timeZone` → '2005-11-22T11:07:02+01:00'. Undefined when unreadable. */
export function gatewayTimeToIso(value: string, timeZone: string): string | undefined {
	const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value.trim());
	if (!match) return undefined;
	const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
	// Date.UTC rolls impossible values over (month 13, 30 February, hour 24) and reads years 0–99
	// as 1900–1999; a date that does not exist is unreadable, not silently another one.
	const naive = new Date(0);
	naive.setUTCFullYear(year, month - 1, day);
	naive.setUTCHours(hour, minute, second, 0);
	const naiveUtc = naive.getTime();
	if (
		Number.isNaN(naiveUtc) ||
		year < 1 ||
		naive.getUTCFullYear() !== year ||
		naive.getUTCMonth() !== month - 1 ||
		naive.getUTCDate() !== day ||
		naive.getUTCHours() !== hour ||
		naive.getUTCMinutes() !== minute ||
		naive.getUTCSeconds() !== second
	) {
		return undefined;
	}
	// The offset at the naive instant is right except within an hour of a DST change; one correction fixes that.
	let offset = offsetMinutesAt(naiveUtc, timeZone);
	offset = offsetMinutesAt(naiveUtc - offset * 60000, timeZone);
	const sign = offset >= 0 ? '+' : '-';
	const abs = Math.abs(offset);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function asText(value: unknown): string {
	if (value === null || value === undefined) return '';
	return typeof value === 'object' ? '' : String(value);
}

/** receiveSms's reply → the messages, as the gateway lists them (newest first). */
export function readReceivedMessages(
	reply: Record<string, unknown>,
	recipientNumber: string,
	sharecode: string,
	timeZone: string,
): ReceivedSms[] {
	const response = reply.response;
	const list =
		response && typeof response === 'object' ? (response as { item?: unknown }).item : undefined;
	if (response !== undefined && response !== null && response !== '' && !Array.isArray(list)) {
		throw transportError('smSend', 'UNEXPECTED_REPLY', {
			detail: 'receiveSms did not answer a list of messages',
		});
	}
	return (Array.isArray(list) ? list : []).map((entry) => {
		const record = Object.fromEntries(
			Object.entries((entry ?? {}) as Record<string, unknown>).map(([key, value]) => [
				key,
				asText(value),
			]),
		);
		const id = Number(record.id);
		const receivedAt = gatewayTimeToIso(record.date ?? '', timeZone);
		if (!Number.isInteger(id) || receivedAt === undefined) {
			throw transportError('smSend', 'UNEXPECTED_REPLY', {
				detail: `a received message has ${Number.isInteger(id) ? 'an unreadable date' : 'no numeric id'}`,
			});
		}
		return {
			id,
			sender: record.sender ?? '',
			text: record.text ?? '',
			receivedAt,
			recipientNumber,
			sharecode,
			raw: record,
		};
	});
}
