import type { INodeParameters, INodeProperties } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { MobileProntoApi } from '../../../credentials/MobileProntoApi.credentials';
import { SmSendApi } from '../../../credentials/SmSendApi.credentials';

/*
 * The credential forms as n8n's editor handles them (CredentialEdit.vue): on opening it fills in
 * the default of every field the saved data lacks, shows the fields whose displayOptions match,
 * and on saving keeps only the shown fields that differ from their default
 * (getNodeParameters(properties, data, false, false, null)).
 */
const smSend = new SmSendApi().properties;

function opened(properties: INodeProperties[], saved: INodeParameters): INodeParameters {
	const data: INodeParameters = { ...saved };
	for (const property of properties)
		if (!(property.name in data)) data[property.name] = property.default;
	return data;
}

function shown(properties: INodeProperties[], data: INodeParameters): string[] {
	return [
		...new Set(
			properties
				.filter(
					(property) =>
						property.type !== 'hidden' && NodeHelpers.displayParameter(data, property, null, null),
				)
				.map((property) => property.name),
		),
	];
}

function saved(properties: INodeProperties[], data: INodeParameters) {
	return NodeHelpers.getNodeParameters(properties, data, false, false, null, null);
}

/** What n8n hands a node or a credential test (CredentialsHelper.applyDefaultsAndOverwrites). */
function delivered(properties: INodeProperties[], data: INodeParameters) {
	return NodeHelpers.getNodeParameters(properties, data, true, false, null, null);
}

const LOGIN = { user: 'demo', password: 'demo-password' };
const RESELLER = { resellerUser: 'reseller', resellerPassword: 'reseller-password' };
const MMS = { mmsId: 'C00000_001', mmsPassword: 'mms-password', mmsAuth: 'md5' };

describe('smSend credential form', () => {
	it('a new credential shows only the login, the switches and the addresses', () => {
		expect(shown(smSend, opened(smSend, {}))).toEqual([
			'user',
			'password',
			'accountType',
			'baseUrl',
			'plainHttpNotice',
			'textEncoding',
			'serviceUrl',
			'useMms',
		]);
		expect(saved(smSend, opened(smSend, LOGIN))).toEqual(LOGIN);
	});

	it('shows the reseller and MMS sections when switched on, and saves the switches with them', () => {
		const data = opened(smSend, { ...LOGIN, accountType: 'reseller', useMms: true });
		expect(shown(smSend, data)).toEqual(
			expect.arrayContaining([
				'resellerUser',
				'resellerPassword',
				'mmsId',
				'mmsPassword',
				'mmsAuth',
			]),
		);
		expect(saved(smSend, { ...data, ...RESELLER, ...MMS })).toEqual({
			...LOGIN,
			accountType: 'reseller',
			...RESELLER,
			useMms: true,
			...MMS,
		});
	});

	it('keeps the reseller and MMS logins of a credential saved before the switches existed', () => {
		// Saved by version 0.1.0: no accountType, no useMms; n8n opens it as "Client" and "MMS off".
		const old = { ...LOGIN, ...RESELLER, ...MMS };
		const data = opened(smSend, old);
		expect(data).toMatchObject({ accountType: 'client', useMms: false });
		expect(shown(smSend, data)).toEqual(
			expect.arrayContaining([
				'resellerUser',
				'resellerPassword',
				'mmsId',
				'mmsPassword',
				'mmsAuth',
			]),
		);
		// Saving it again (e.g. after changing the password) keeps every login.
		expect(saved(smSend, { ...data, password: 'new-password' })).toEqual({
			...old,
			password: 'new-password',
		});
	});

	it('hands a node every filled-in login, whatever the switches say', () => {
		const old = { ...LOGIN, ...RESELLER, ...MMS };
		expect(delivered(smSend, old)).toMatchObject(old);
		expect(delivered(smSend, { ...old, accountType: 'client', useMms: false })).toMatchObject(old);
		expect(
			delivered(smSend, { ...LOGIN, accountType: 'reseller', useMms: true, ...RESELLER, ...MMS }),
		).toMatchObject(old);
		expect(delivered(smSend, LOGIN)).toMatchObject({ resellerUser: '', mmsId: '' });
	});

	it('redacts the passwords it sends to the editor (n8n looks at the last definition of a name)', () => {
		for (const name of ['password', 'resellerPassword', 'mmsPassword']) {
			const last = smSend.filter((property) => property.name === name).at(-1);
			expect(last?.typeOptions?.password).toBe(true);
		}
	});

	it('drops a login the user clears', () => {
		const data = opened(smSend, { ...LOGIN, ...RESELLER, ...MMS });
		const cleared = { resellerUser: '', resellerPassword: '', mmsId: '', mmsPassword: '' };
		// Each filled-in field stays in the form until it is cleared.
		expect(shown(smSend, { ...data, resellerUser: '', mmsId: '' })).toEqual(
			expect.arrayContaining(['resellerPassword', 'mmsPassword']),
		);
		expect(saved(smSend, { ...data, ...cleared })).toEqual(LOGIN);
	});

	it('warns about http:// only while the Base URL is http://', () => {
		expect(shown(smSend, opened(smSend, LOGIN))).toContain('plainHttpNotice');
		expect(
			shown(smSend, opened(smSend, { ...LOGIN, baseUrl: 'https://sms.example.com' })),
		).not.toContain('plainHttpNotice');
	});
});

describe('MobilePronto credential form', () => {
	const mobilePronto = new MobileProntoApi().properties;

	it('names the key as n8n does and keeps the saved field name', () => {
		const key = mobilePronto.find((property) => property.name === 'credencial');
		expect(key).toMatchObject({ displayName: 'API Key', typeOptions: { password: true } });
		expect(key?.description).toContain('Credencial');
	});

	it('warns about http:// only while the Base URL is http://', () => {
		expect(shown(mobilePronto, opened(mobilePronto, {}))).toContain('plainHttpNotice');
		expect(
			shown(mobilePronto, opened(mobilePronto, { baseUrl: 'https://pw-api.com' })),
		).not.toContain('plainHttpNotice');
	});
});
