import { transportError } from '../../transport/errors';
import { exchange } from '../../transport/exchange';
import type { HttpSender } from '../../transport/senders';
import type { SoapVersion } from '../../transport/soapEnvelope';
import { buildSoapEnvelope, soapHeaders } from '../../transport/soapEnvelope';
import { isSoapFaultReply, parseSoapReply } from '../../transport/soapReply';
import {
	describeMobileProntoCode,
	mobileProntoError,
	parseMobileProntoResult,
} from './returnCodes';

export const MOBILEPRONTO_SERVICE_PATH = '/sms/v_2_00/service.asmx';
export const MOBILEPRONTO_NAMESPACE = 'PWGateway';
/** How long a call waits for its reply unless the node's Timeout option says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30000;

export interface MobileProntoCredentials {
	credencial: string;
	baseUrl: string;
	soapVersion: SoapVersion;
}

export type MobileProntoOperation = 'MPG_SendSimple_SMS' | 'MPG_Credits';

/** One SMS: the mobile number in the gateway's own format (+55(11)987654321) and the text. */
export interface SimpleSms {
	mobile: string;
	message: string;
}

export interface CallOptions {
	timeoutMs: number;
}

/** An accepted SMS: always code 000; any other code is thrown as a GatewayError. */
export interface SentSms {
	code: string;
	meaning: string;
	messageId?: string;
	raw: string;
}

export interface Credits {
	balance: number;
	code: string;
	raw: string;
}

export interface MobileProntoClient {
	sendSimpleSms(sms: SimpleSms, options: CallOptions): Promise<SentSms>;
	credits(options: CallOptions): Promise<Credits>;
}

export function mobileProntoServiceUrl(baseUrl: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${MOBILEPRONTO_SERVICE_PATH}`;
}

function sendSimpleSmsParams(sms: SimpleSms): Array<[string, string]> {
	return [
		['Mobile', sms.mobile],
		['Message', sms.message],
	];
}

/** What a dry run shows of MPG_SendSimple_SMS: the operation and its fields, without the credencial. */
export function previewSendSimpleSms(sms: SimpleSms): Record<string, string> {
	return { operation: 'MPG_SendSimple_SMS', ...Object.fromEntries(sendSimpleSmsParams(sms)) };
}

/**
 * The MobilePronto SOAP service over `send`. Each method makes one request and never repeats it;
 * a refusal comes back as a GatewayError described with the return-code table.
 */
export function mobileProntoClient(
	send: HttpSender,
	credentials: MobileProntoCredentials,
): MobileProntoClient {
	/** Calls one operation and returns the children of its `<operation>Response` element. */
	const call = async (
		operation: MobileProntoOperation,
		params: Array<[string, string]>,
		timeoutMs: number,
	): Promise<Record<string, unknown>> => {
		const version = credentials.soapVersion === '1.2' ? '1.2' : '1.1';
		const envelope = buildSoapEnvelope({
			version,
			style: 'document',
			namespace: MOBILEPRONTO_NAMESPACE,
			operation,
			// The credencial always travels first, as the service expects.
			params: [['Credencial', credentials.credencial], ...params],
		});
		const reply = await exchange(send, {
			gateway: 'MobilePronto',
			url: mobileProntoServiceUrl(credentials.baseUrl),
			headers: soapHeaders(version, MOBILEPRONTO_NAMESPACE, operation, 'document'),
			body: envelope,
			timeoutMs,
			secrets: [credentials.credencial],
			readsErrorReply: isSoapFaultReply,
		});
		return parseSoapReply(reply.text, {
			gateway: 'MobilePronto',
			responseElement: `${operation}Response`,
		});
	};

	return {
		sendSimpleSms: async (sms, { timeoutMs }) => {
			const result = await call('MPG_SendSimple_SMS', sendSimpleSmsParams(sms), timeoutMs);
			const parsed = parseMobileProntoResult(String(result.MPG_SendSimple_SMSResult ?? ''));
			if (parsed.code !== '000') throw mobileProntoError(parsed.code, parsed.raw);
			return {
				code: parsed.code,
				meaning: describeMobileProntoCode(parsed.code).meaning,
				...(parsed.messageId ? { messageId: parsed.messageId } : {}),
				raw: parsed.raw,
			};
		},

		/** MPG_Credits answers the balance, or -1 with the reason's return code in v_st_Status. */
		credits: async ({ timeoutMs }) => {
			const reply = await call('MPG_Credits', [], timeoutMs);
			const result = String(reply.MPG_CreditsResult ?? '').trim();
			const status = String(reply.v_st_Status ?? '').trim();
			const raw = status === '' ? result : `${result} (v_st_Status ${status})`;
			const balance = Number(result.replace(',', '.'));
			if (result === '' || !Number.isFinite(balance)) {
				throw transportError('MobilePronto', 'UNEXPECTED_REPLY', {
					raw,
					detail: 'MPG_CreditsResult is not a number',
				});
			}
			if (balance < 0 || (status !== '' && status !== '000')) {
				throw mobileProntoError(/^\d{3}/.test(status) ? status.slice(0, 3) : 'unknown', raw);
			}
			return { balance, code: status || '000', raw };
		},
	};
}
