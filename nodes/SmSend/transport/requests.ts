import { createHash } from 'node:crypto';

import { transportError } from '../../transport/errors';
import { exchange } from '../../transport/exchange';
import { encodeFormBody } from '../../transport/formBody';
import type { FormCharset } from '../../transport/formBody';
import type { HttpSender } from '../../transport/senders';
import type { SoapValue } from '../../transport/soapEnvelope';
import { buildSoapEnvelope, soapHeaders } from '../../transport/soapEnvelope';
import { isSoapFaultReply, parseSoapReply } from '../../transport/soapReply';
import { expectOk } from './okKo';
import { parseCsvReport, parseTsvReport } from './reports';
import type { TabularReport } from './reports';
import { smSendSoapFaultError } from './soapFaults';

export interface SmSendCredentials {
	user: string;
	password: string;
	/** Reseller back-office login (smsusername/smspassword); empty when the account is not a reseller. */
	resellerUser: string;
	resellerPassword: string;
	baseUrl: string;
	/** Host of the SOAP web services (inbox, MMS). */
	serviceUrl: string;
	mmsId: string;
	mmsPassword: string;
	mmsAuth: 'plain' | 'md5';
	/** How the HTTP API's form fields are encoded (the credential's Text Encoding); UTF-8 when unset. */
	textEncoding?: FormCharset;
}

export type SmSendAuth = 'user' | 'reseller';

export type SmSendSoapService = 'receiveSms' | 'sendMms';

const SOAP_SERVICES: Record<SmSendSoapService, { path: string; namespace: string }> = {
	receiveSms: { path: '/wsdl/index.php', namespace: 'urn:receiveSmswsdl' },
	sendMms: { path: '/sms-gw/index.php', namespace: 'urn:sendMmswsdl' },
};

function joinUrl(base: string, path: string): string {
	return `${base.trim().replace(/\/+$/, '')}${path}`;
}

export function smSendSecrets(credentials: SmSendCredentials): string[] {
	return [credentials.password, credentials.resellerPassword, credentials.mmsPassword].filter(
		(s) => s !== '',
	);
}

function authFields(credentials: SmSendCredentials, auth: SmSendAuth): Array<[string, string]> {
	return auth === 'reseller'
		? [
				['smsusername', credentials.resellerUser],
				['smspassword', credentials.resellerPassword],
			]
		: [
				['user', credentials.user],
				['pass', credentials.password],
			];
}

export type FormFields = Array<[string, string | number]>;

/** The fields a text can be refused in, as the node's form names them. */
const FIELD_LABELS: Record<string, string> = {
	data: 'Message',
	sender: 'Sender',
	url: 'WAP Push URL',
	name: 'Name',
	contact: 'Contact',
	ref_id: 'Reference',
};
const LOGIN_FIELDS = new Set(['user', 'pass', 'smsusername', 'smspassword', 'password']);

/**
 * The form body in the credential's Text Encoding. ISO-8859-1 cannot carry every character (€,
 * emoji, other scripts): such a text is refused before the request, naming the field, the
 * character (never one of a login or password) and the setting.
 */
export function encodingProblem(fields: FormFields, charset: FormCharset): string | undefined {
	if (charset !== 'iso-8859-1') return undefined;
	for (const [name, value] of fields) {
		const char = [...String(value)].find((c) => (c.codePointAt(0) ?? 0) > 0xff);
		if (char === undefined) continue;
		const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
		const what = LOGIN_FIELDS.has(name)
			? `a character of the smSend login (${name})`
			: `the character "${char}" (${code}) in '${FIELD_LABELS[name] ?? name}'`;
		return `${what} cannot be sent in ISO-8859-1, the 'Text Encoding' of the smSend credential`;
	}
	return undefined;
}

function encodeForm(fields: FormFields, charset: FormCharset): string {
	const problem = encodingProblem(fields, charset);
	// Proven unsent: the request is never built (outcome.ts, refusedBeforeSending).
	if (problem !== undefined) throw transportError('smSend', 'CANNOT_ENCODE', { detail: problem });
	return encodeFormBody(fields, charset);
}

/** The three ways smSend is called; the client builds every request on these. */
export interface SmSendRequests {
	/**
	 * A form POST answered `OK <value>`: returns the value, throws the KO as a GatewayError.
	 * `extraSecrets`: values sent that are not in the credential but must never be shown either
	 * (a new client's password), should the gateway echo them.
	 */
	postOk(
		path: string,
		auth: SmSendAuth,
		fields: FormFields,
		timeoutMs: number,
		extraSecrets?: string[],
	): Promise<{ value: string; raw: string }>;
	/** A form POST answered with a report (CSV or tab-separated) or `KO <text>`. */
	postReport(
		path: string,
		auth: SmSendAuth,
		fields: FormFields,
		format: 'csv' | 'tsv',
		timeoutMs: number,
	): Promise<TabularReport>;
	/** Calls a NuSOAP (rpc/encoded, ISO-8859-1) web service and returns its response element's children. */
	/** `extraSecrets`: values sent that are not in the credential but must never be shown (the MMS ticket). */
	callSoap(
		service: SmSendSoapService,
		params: Array<[string, SoapValue]>,
		timeoutMs: number,
		extraSecrets?: string[],
	): Promise<Record<string, unknown>>;
}

export function smSendRequests(send: HttpSender, credentials: SmSendCredentials): SmSendRequests {
	const postForm = async (
		path: string,
		auth: SmSendAuth,
		params: FormFields,
		timeoutMs: number,
		extraSecrets: string[] = [],
	): Promise<string> => {
		const fields: FormFields = [...authFields(credentials, auth), ...params];
		const charset = credentials.textEncoding ?? 'utf-8';
		const reply = await exchange(send, {
			gateway: 'smSend',
			url: joinUrl(credentials.baseUrl, path),
			headers: {
				'Content-Type': `application/x-www-form-urlencoded; charset=${charset}`,
				Accept: 'text/plain',
			},
			body: encodeForm(fields, charset),
			timeoutMs,
			secrets: [...smSendSecrets(credentials), ...extraSecrets.filter((secret) => secret !== '')],
			// The form API has no faults, but an HTTP 500 with an XML body has always reached the OK/KO
			// parser (which reports it as an unexpected reply); kept so no error changes with the split.
			readsErrorReply: isSoapFaultReply,
		});
		return reply.text;
	};

	return {
		postOk: async (path, auth, fields, timeoutMs, extraSecrets) => {
			const text = await postForm(path, auth, fields, timeoutMs, extraSecrets);
			return { value: expectOk(text), raw: text.trim() };
		},

		postReport: async (path, auth, fields, format, timeoutMs) => {
			const text = await postForm(path, auth, fields, timeoutMs);
			return format === 'csv' ? parseCsvReport(text) : parseTsvReport(text);
		},

		callSoap: async (service, params, timeoutMs, extraSecrets = []) => {
			const { path, namespace } = SOAP_SERVICES[service];
			const envelope = buildSoapEnvelope({
				version: '1.1',
				style: 'rpc',
				namespace,
				operation: service,
				params,
			});
			const reply = await exchange(send, {
				gateway: 'smSend',
				url: joinUrl(credentials.serviceUrl, path),
				headers: soapHeaders('1.1', namespace, service, 'rpc'),
				// The envelope declares ISO-8859-1 and carries anything outside it as character references.
				body: Buffer.from(envelope, 'latin1'),
				timeoutMs,
				secrets: [...smSendSecrets(credentials), ...extraSecrets.filter((secret) => secret !== '')],
				readsErrorReply: isSoapFaultReply,
			});
			return parseSoapReply(reply.text, {
				gateway: 'smSend',
				responseElement: `${service}Response`,
				readFault: smSendSoapFaultError,
			});
		},
	};
}

/** sendMms's MD5 ticket: md5(id + rcpt + subject + text + password), lowercase hex. */
export function mmsTicket(
	id: string,
	rcpt: string,
	subject: string,
	text: string,
	password: string,
): string {
	return createHash('md5').update(`${id}${rcpt}${subject}${text}${password}`, 'utf8').digest('hex');
}
