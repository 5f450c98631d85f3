import { exchange } from '../../transport/exchange';
import type { HttpSender } from '../../transport/senders';
import type { SoapVersion } from '../../transport/soapEnvelope';
import { buildSoapEnvelope, soapHeaders } from '../../transport/soapEnvelope';
import { isSoapFaultReply, parseSoapReply } from '../../transport/soapReply';

export const MOBILEPRONTO_SERVICE_PATH = '/sms/v_2_00/service.asmx';
export const MOBILEPRONTO_NAMESPACE = 'PWGateway';

export interface MobileProntoCredentials {
	credencial: string;
	baseUrl: string;
	soapVersion: SoapVersion;
}

export type MobileProntoOperation = 'MPG_SendSimple_SMS' | 'MPG_Credits';

export function mobileProntoServiceUrl(baseUrl: string): string {
	return `${baseUrl.trim().replace(/\/+$/, '')}${MOBILEPRONTO_SERVICE_PATH}`;
}

/**
 * Calls one operation of the MobilePronto SOAP service and returns the children of its
 * `<operation>Response` element. The credencial always travels first, as the service expects.
 */
export async function callMobilePronto(
	send: HttpSender,
	credentials: MobileProntoCredentials,
	operation: MobileProntoOperation,
	params: Array<[string, string]>,
	timeoutMs: number,
): Promise<Record<string, unknown>> {
	const version = credentials.soapVersion === '1.2' ? '1.2' : '1.1';
	const envelope = buildSoapEnvelope({
		version,
		style: 'document',
		namespace: MOBILEPRONTO_NAMESPACE,
		operation,
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
}
