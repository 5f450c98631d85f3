import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { MobileProntoCredentials } from '../transport/client';

export const CREDENCIAL_LENGTH = 40;

export type CredentialsCheck =
	| { ok: true; credentials: MobileProntoCredentials }
	| { ok: false; message: string; description: string };

/** Checks the credential's shape before any request; messages never repeat the secret. */
export function readMobileProntoCredentials(raw: ICredentialDataDecryptedObject): CredentialsCheck {
	const credencial = typeof raw.credencial === 'string' ? raw.credencial.trim() : '';
	if (credencial.length !== CREDENCIAL_LENGTH) {
		return {
			ok: false,
			message: `The 'API Key' of the MobilePronto credential must be ${CREDENCIAL_LENGTH} characters long; it has ${credencial.length}`,
			description:
				"Open the MobilePronto credential and paste into 'API Key' the whole 40-character key your MobilePronto account calls Credencial, without spaces.",
		};
	}
	const baseUrl =
		typeof raw.baseUrl === 'string' && raw.baseUrl.trim() !== ''
			? raw.baseUrl.trim()
			: 'http://pw-api.com';
	if (!/^https?:\/\/[^\s/]+/i.test(baseUrl)) {
		return {
			ok: false,
			message: `The MobilePronto 'Base URL' "${baseUrl}" is not an http(s) address`,
			description:
				'Use the gateway address, e.g. http://pw-api.com (the node adds /sms/v_2_00/service.asmx).',
		};
	}
	return {
		ok: true,
		credentials: { credencial, baseUrl, soapVersion: raw.soapVersion === '1.2' ? '1.2' : '1.1' },
	};
}
