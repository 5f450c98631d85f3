import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { SmSendCredentials } from '../transport/requests';

/**
 * The logins the credential says it has: 'Account Type' Reseller, 'Use MMS' on. A login that is
 * filled in is used (and tested) whatever these say: credentials saved before the switches
 * existed have none, and n8n never saves a switch left at its default.
 */
export interface DeclaredLogins {
	reseller: boolean;
	mms: boolean;
}

export type SmSendCredentialsCheck =
	| { ok: true; credentials: SmSendCredentials; declared: DeclaredLogins }
	| { ok: false; message: string; description: string };

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : '';
}

const HTTP_URL = /^https?:\/\/[^\s/]+/i;

/** Checks the credential's shape before any request; messages never repeat a secret. */
export function readSmSendCredentials(raw: ICredentialDataDecryptedObject): SmSendCredentialsCheck {
	const user = text(raw.user);
	const password = typeof raw.password === 'string' ? raw.password : '';
	if (user === '' || password === '') {
		return {
			ok: false,
			message: `The smSend credential has no '${user === '' ? 'User' : 'Password'}'`,
			description: 'Open the smSend credential and enter the login of your smSend account.',
		};
	}
	const baseUrl = text(raw.baseUrl) || 'http://app.smsend.it';
	const serviceUrl = text(raw.serviceUrl) || baseUrl;
	for (const [field, url] of [
		['Base URL', baseUrl],
		['SOAP Service URL', serviceUrl],
	]) {
		if (!HTTP_URL.test(url)) {
			return {
				ok: false,
				message: `The smSend '${field}' "${url}" is not an http(s) address`,
				description: 'Use an address such as http://app.smsend.it (or your reseller domain).',
			};
		}
	}
	return {
		ok: true,
		credentials: {
			user,
			password,
			resellerUser: text(raw.resellerUser),
			resellerPassword: typeof raw.resellerPassword === 'string' ? raw.resellerPassword : '',
			baseUrl,
			serviceUrl,
			mmsId: text(raw.mmsId),
			mmsPassword: typeof raw.mmsPassword === 'string' ? raw.mmsPassword : '',
			mmsAuth: raw.mmsAuth === 'md5' ? 'md5' : 'plain',
			textEncoding: raw.textEncoding === 'iso-8859-1' ? 'iso-8859-1' : 'utf-8',
		},
		declared: { reseller: raw.accountType === 'reseller', mms: raw.useMms === true },
	};
}
