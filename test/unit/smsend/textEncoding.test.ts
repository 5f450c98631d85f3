import { readSmSendCredentials } from '../../../nodes/SmSend/helpers/credentials';
import type { SmsToSend } from '../../../nodes/SmSend/transport/client';
import { smSendClient } from '../../../nodes/SmSend/transport/client';
import type { SmSendCredentials } from '../../../nodes/SmSend/transport/requests';
import { recordingSender } from '../../helpers/recordingSender';

/* The smSend credential's Text Encoding: how the HTTP API's form fields are encoded. */

const credentials = (overrides: Partial<SmSendCredentials> = {}): SmSendCredentials => ({
	user: 'mario',
	password: 'pàss€word',
	resellerUser: '',
	resellerPassword: '',
	baseUrl: 'http://127.0.0.1:9',
	serviceUrl: 'http://127.0.0.1:9',
	mmsId: '',
	mmsPassword: '',
	mmsAuth: 'plain',
	...overrides,
});

const SMS: SmsToSend = {
	recipient: '+393201234567',
	text: 'Il tuo ordine è partito',
	sender: 'MyShop',
	quality: 'h',
	messageType: 'TEXT',
	returnId: true,
};

describe('smSend Text Encoding', () => {
	it('reads UTF-8 unless the credential says ISO-8859-1', () => {
		const read = (textEncoding?: string) => {
			const result = readSmSendCredentials({
				user: 'u',
				password: 'p',
				...(textEncoding !== undefined ? { textEncoding } : {}),
			});
			return result.ok ? result.credentials.textEncoding : undefined;
		};
		expect(read(undefined)).toBe('utf-8');
		expect(read('iso-8859-1')).toBe('iso-8859-1');
		expect(read('latin9')).toBe('utf-8');
	});

	it('sends UTF-8 and declares it by default', async () => {
		const { send, sent } = recordingSender({ body: 'OK 1' });
		await smSendClient(send, credentials({ password: 'pw' })).sendSms(SMS, { timeoutMs: 1000 });
		expect(sent[0].headers['Content-Type']).toBe(
			'application/x-www-form-urlencoded; charset=utf-8',
		);
		expect(sent[0].body).toContain('data=Il+tuo+ordine+%C3%A8+partito');
	});

	it('sends ISO-8859-1 and declares it when chosen', async () => {
		const { send, sent } = recordingSender({ body: 'OK 1' });
		await smSendClient(send, credentials({ password: 'pw', textEncoding: 'iso-8859-1' })).sendSms(
			SMS,
			{ timeoutMs: 1000 },
		);
		expect(sent[0].headers['Content-Type']).toBe(
			'application/x-www-form-urlencoded; charset=iso-8859-1',
		);
		expect(sent[0].body).toContain('data=Il+tuo+ordine+%E8+partito');
	});

	it('refuses, before any request, a text ISO-8859-1 cannot carry, naming the field and the setting', async () => {
		const { send, sent } = recordingSender({ body: 'OK 1' });
		const client = smSendClient(send, credentials({ password: 'pw', textEncoding: 'iso-8859-1' }));
		await expect(
			client.sendSms({ ...SMS, text: 'Sconto di 5 €' }, { timeoutMs: 1000 }),
		).rejects.toMatchObject({
			message: expect.stringContaining(
				`the character "€" (U+20AC) in 'Message' cannot be sent in ISO-8859-1, the 'Text Encoding' of the smSend credential`,
			),
			// Never built, never sent: Retry On Fail and the Duplicate Guard may send it once fixed.
			details: expect.objectContaining({ code: 'CANNOT_ENCODE', outcomeUnknown: false }),
		});
		expect(sent).toHaveLength(0);
	});

	it('never shows a character of a password it cannot encode', async () => {
		const { send } = recordingSender({ body: 'OK 1' });
		const client = smSendClient(send, credentials({ textEncoding: 'iso-8859-1' }));
		const error = await client.sendSms(SMS, { timeoutMs: 1000 }).catch((e: Error) => e);
		expect(String(error)).toContain('a character of the smSend login (pass) cannot be sent');
		expect(String(error)).not.toContain('€');
	});
});
