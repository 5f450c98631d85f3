import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { MOBILEPRONTO_DEMO_CREDENCIAL, SMSEND_DEMO } from '../../sandbox';

export const PNG = Buffer.concat([
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
	Buffer.alloc(64, 1),
]);
export const MIDI = Buffer.concat([Buffer.from('MThd'), Buffer.alloc(32, 0)]);

export function mobileProntoCredentials(
	sandbox: Sandbox,
	overrides: IDataObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		mobileProntoApi: {
			credencial: MOBILEPRONTO_DEMO_CREDENCIAL,
			baseUrl: sandbox.url,
			soapVersion: '1.1',
			...overrides,
		},
	};
}

export function smSendCredentials(
	sandbox: Sandbox,
	overrides: IDataObject = {},
): Record<string, ICredentialDataDecryptedObject> {
	return {
		smSendApi: {
			user: SMSEND_DEMO.user,
			password: SMSEND_DEMO.pass,
			resellerUser: SMSEND_DEMO.smsusername,
			resellerPassword: SMSEND_DEMO.smspassword,
			baseUrl: sandbox.url,
			serviceUrl: '',
			mmsId: SMSEND_DEMO.mms.id,
			mmsPassword: SMSEND_DEMO.mms.password,
			mmsAuth: 'plain',
			...overrides,
		},
	};
}

export function binaryItem(
	json: IDataObject,
	files: Record<string, { data: Buffer; mimeType: string }>,
): INodeExecutionData {
	return {
		json,
		binary: Object.fromEntries(
			Object.entries(files).map(([key, file]) => [
				key,
				{ data: file.data.toString('base64'), mimeType: file.mimeType, fileName: key },
			]),
		),
	};
}
