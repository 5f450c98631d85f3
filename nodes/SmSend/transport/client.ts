import { transportError } from '../../transport/errors';
import type { HttpSender } from '../../transport/senders';
import type { SoapValue } from '../../transport/soapEnvelope';
import type { BackofficeClient } from './backoffice';
import { backofficeClient } from './backoffice';
import type { ReportType, StatusRow } from './batchStatus';
import { describeReport } from './batchStatus';
import type { ReceivedSms } from './inbox';
import { readReceivedMessages } from './inbox';
import { parseAmount } from './okKo';
import type { SmSendCredentials } from './requests';
import { encodingProblem, mmsTicket, smSendRequests } from './requests';

export type SmSendMessageType = 'TEXT' | 'UCS2' | 'MULTITEXT' | 'MULTIUCS2' | 'WAPPUSH';

export type SmSendQuality = 'll' | 'l' | 'a' | 'h' | 'n';

/** What credit.php reports: the credit in euro, or how many SMS it buys in a quality. */
export type CreditType = 'credit' | SmSendQuality;

/** Timeout of every call that is not a send (reads, lookups, back office). */
export const READ_TIMEOUT_MS = 30000;

export interface CallOptions {
	timeoutMs?: number;
}

/** One SMS for send.php. The recipient is in international format, the type already chosen. */
export interface SmsToSend {
	recipient: string;
	text: string;
	sender: string;
	quality: SmSendQuality;
	messageType: SmSendMessageType;
	/** The address a WAPPUSH opens; only for that type. */
	url?: string;
	/** Ask for the request id (for batch-status.php) instead of the cost. */
	returnId: boolean;
}

export type QueuedSms = { requestId: string; raw: string } | { cost: number; raw: string };

/** One MMS for sendMms: its media as base64, each optional. */
export interface MmsToSend {
	recipients: string[];
	subject: string;
	text: string;
	image?: string;
	sound?: string;
	video?: string;
}

export interface SentMms {
	creditSpentEuro: number;
	creditSpent: number;
	raw: string;
}

export interface InboxQuery {
	receptionNumber: string;
	sharecode: string;
	/** How many of the newest messages to list, at most RECEIVE_SMS_MAX. */
	count: number;
	/** Time zone of the gateway's dates. */
	timeZone: string;
}

export interface SmSendClient {
	sendSms(sms: SmsToSend, options: Required<CallOptions>): Promise<QueuedSms>;
	/** Why the credential's Text Encoding cannot carry this SMS, or undefined when it can. */
	encodingProblem(sms: SmsToSend): string | undefined;
	credit(type: CreditType, options?: CallOptions): Promise<{ amount: number; raw: string }>;
	batchStatus(requestId: string, type: ReportType, options?: CallOptions): Promise<StatusRow[]>;
	mnc(numbers: string[], options?: CallOptions): Promise<{ requestId: string; raw: string }>;
	receiveSms(query: InboxQuery, options?: CallOptions): Promise<ReceivedSms[]>;
	sendMms(mms: MmsToSend, options: Required<CallOptions>): Promise<SentMms>;
	/** Reseller back office; needs the reseller login in the credential. */
	backoffice: BackofficeClient;
}

export const SEND_SMS_PATH = '/sms/send.php';

function sendSmsFields(sms: SmsToSend): Array<[string, string]> {
	const fields: Array<[string, string]> = [
		['rcpt', sms.recipient],
		['data', sms.text],
		['sender', sms.sender],
		['qty', sms.quality],
		['operation', sms.messageType],
	];
	if (sms.messageType === 'WAPPUSH' && sms.url !== undefined) fields.push(['url', sms.url]);
	if (sms.returnId) fields.push(['return_id', '1']);
	return fields;
}

/** What a dry run shows of a send.php request: its endpoint and fields, without the login. */
export function previewSendSms(sms: SmsToSend): Record<string, string> {
	return { endpoint: SEND_SMS_PATH, ...Object.fromEntries(sendSmsFields(sms)) };
}

/**
 * smSend's HTTP API and web services over `send`. Each method makes one request and never
 * repeats it (the caller decides what may be retried); a refusal comes back as a GatewayError
 * described with smSend's own tables.
 */
export function smSendClient(send: HttpSender, credentials: SmSendCredentials): SmSendClient {
	const requests = smSendRequests(send, credentials);
	const timeout = (options?: CallOptions) => options?.timeoutMs ?? READ_TIMEOUT_MS;

	return {
		encodingProblem: (sms) =>
			encodingProblem(sendSmsFields(sms), credentials.textEncoding ?? 'utf-8'),
		sendSms: async (sms, { timeoutMs }) => {
			const reply = await requests.postOk(SEND_SMS_PATH, 'user', sendSmsFields(sms), timeoutMs);
			return sms.returnId
				? { requestId: reply.value, raw: reply.raw }
				: { cost: Number(reply.value.replace(',', '.')), raw: reply.raw };
		},

		credit: async (type, options) => {
			const reply = await requests.postOk(
				'/sms/credit.php',
				'user',
				[['type', type]],
				timeout(options),
			);
			return { amount: parseAmount(reply.value, 'The credit'), raw: reply.raw };
		},

		batchStatus: async (requestId, type, options) => {
			const report = await requests.postReport(
				'/sms/batch-status.php',
				'user',
				[
					['id', requestId],
					['type', type],
					['schema', '1'],
				],
				'csv',
				timeout(options),
			);
			return describeReport(type, report);
		},

		mnc: async (numbers, options) => {
			const reply = await requests.postOk(
				'/sms/mnc.php',
				'user',
				[
					['numbers', numbers.join(',')],
					['return_id', '1'],
				],
				timeout(options),
			);
			return { requestId: reply.value, raw: reply.raw };
		},

		receiveSms: async ({ receptionNumber, sharecode, count, timeZone }, options) => {
			const reply = await requests.callSoap(
				'receiveSms',
				[
					['user', credentials.user],
					['pass', credentials.password],
					['rcpt', receptionNumber],
					['sharecode', sharecode],
					['messages', String(count)],
				],
				timeout(options),
			);
			return readReceivedMessages(reply, receptionNumber, sharecode, timeZone);
		},

		sendMms: async (mms, { timeoutMs }) => {
			const { mmsId, mmsPassword, mmsAuth } = credentials;
			const rcpt = mms.recipients.join(',');
			// With MD5 authentication the password itself never travels, only this ticket.
			const ticket =
				mmsAuth === 'md5' ? mmsTicket(mmsId, rcpt, mms.subject, mms.text, mmsPassword) : '';
			const media = (value: string | undefined) => ({
				type: 'xsd:base64Binary',
				value: value ?? null,
			});
			const params: Array<[string, SoapValue]> = [
				['id', mmsId],
				['password', mmsAuth === 'plain' ? mmsPassword : ''],
				['ticket', ticket],
				['subject', mms.subject],
				['text', mms.text],
				['rcpt', rcpt],
				['imagedata', media(mms.image)],
				['sounddata', media(mms.sound)],
			];
			if (mms.video !== undefined) params.push(['videodata', media(mms.video)]);
			// The ticket proves the password: it is blanked out of anything the gateway echoes too.
			const reply = await requests.callSoap('sendMms', params, timeoutMs, [ticket]);
			const spent = Number(String(reply.response ?? '').trim());
			if (!Number.isInteger(spent)) {
				throw transportError('smSend', 'UNEXPECTED_REPLY', {
					raw: String(reply.response ?? ''),
					detail: 'sendMms did not answer the credit spent',
				});
			}
			return { creditSpentEuro: spent / 10000, creditSpent: spent, raw: String(reply.response) };
		},

		backoffice: backofficeClient(requests),
	};
}
