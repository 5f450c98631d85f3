import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { SmSend } from '../../nodes/SmSend/SmSend.node';
import type { Sandbox } from '../../sandbox';
import { SMSEND_DEMO, startSandbox } from '../../sandbox';

/*
 * The smSend credential's "Test" button, through n8n-core over HTTP: every login the credential
 * holds is checked, as the operations use them, and a failure says which login failed.
 */
describe('smSend credential test (the "Test" button), through n8n-core over HTTP', () => {
	let sandbox: Sandbox;
	const test = new SmSend().methods.credentialTest.smSendApiTest;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const USER = { user: SMSEND_DEMO.user, password: SMSEND_DEMO.pass };
	const RESELLER = {
		resellerUser: SMSEND_DEMO.smsusername,
		resellerPassword: SMSEND_DEMO.smspassword,
	};
	const MMS = { mmsId: SMSEND_DEMO.mms.id, mmsPassword: SMSEND_DEMO.mms.password };

	const run = async (data: ICredentialDataDecryptedObject) =>
		await test.call(new CredentialTestContext(), {
			id: 'cred-1',
			name: 'smSend',
			type: 'smSendApi',
			data: { baseUrl: sandbox.url, ...data },
		});
	const operations = () => sandbox.requests.map((request) => request.operation);

	it('checks the User login alone when nothing else is filled in', async () => {
		expect(await run(USER)).toEqual({
			status: 'OK',
			message: 'Connection successful. Credit: 100.0000 EUR.',
		});
		expect(operations()).toEqual(['credit']);
	});

	it('checks every filled-in login of a credential saved before Account Type and Use MMS existed', async () => {
		expect(await run({ ...USER, ...RESELLER, ...MMS, mmsAuth: 'plain' })).toEqual({
			status: 'OK',
			message:
				'Connection successful. Credit: 100.0000 EUR. The reseller back-office login and the MMS login work too.',
		});
		expect(operations()).toEqual(['credit', 'userlog-get', 'sendMms']);
		// The MMS login is checked with an MMS the gateway cannot send: no recipient, nothing spent.
		expect(sandbox.smSend.mms).toHaveLength(0);
		expect(sandbox.requests[2].resultCode).toBe('KO 103');
	});

	it('checks the logins the switches declare, saved with them', async () => {
		const result = await run({
			...USER,
			accountType: 'reseller',
			...RESELLER,
			useMms: true,
			...MMS,
		});
		expect(result.status).toBe('OK');
		expect(operations()).toEqual(['credit', 'userlog-get', 'sendMms']);
	});

	it('checks an MD5-ticket MMS login', async () => {
		sandbox.smSend.addAccount({
			user: 'md5user',
			pass: 'md5-pass',
			mms: { id: 'C00000_777', password: 'ticket-secret', auth: 'md5' },
		});
		const data = {
			user: 'md5user',
			password: 'md5-pass',
			useMms: true,
			mmsId: 'C00000_777',
			mmsAuth: 'md5',
		};
		expect((await run({ ...data, mmsPassword: 'ticket-secret' })).status).toBe('OK');
		const wrong = await run({ ...data, mmsPassword: 'not-the-ticket-secret' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toContain('The MMS login failed');
		// With MD5 authentication the password never travels, right or wrong.
		for (const request of sandbox.requests.filter((r) => r.operation === 'sendMms'))
			expect(request.rawBody).not.toContain('ticket-secret');
	});

	it.each([
		[
			'User/Password',
			{ password: 'wrong-password' },
			// The sandbox answers a wrong password as smSend does: the user is not enabled.
			'The User/Password login failed: smSend refused the request: access not allowed',
			'The reseller back-office login and the MMS login work.',
		],
		[
			'reseller back-office',
			{ resellerPassword: 'wrong-password' },
			'The reseller back-office login failed: smSend refused the request: wrong username or password',
			'The User/Password login and the MMS login work.',
		],
		[
			'MMS',
			{ mmsPassword: 'wrong-password' },
			"The MMS login failed: smSend refused the request: no suitable authentication (KO 107). Check 'MMS ID', 'MMS Password' and 'MMS Authentication'.",
			'The User/Password login and the reseller back-office login work.',
		],
		[
			'MMS id',
			{ mmsId: 'C99999_999' },
			'The MMS login failed: smSend refused the request: not allowed (KO 101)',
			'The User/Password login and the reseller back-office login work.',
		],
	])(
		'says the %s login failed and which ones work, never showing the password',
		async (_login, wrong, failure, working) => {
			const result = await run({ ...USER, ...RESELLER, ...MMS, ...wrong });
			expect(result.status).toBe('Error');
			expect(result.message).toContain(failure);
			expect(result.message.endsWith(working)).toBe(true);
			expect(result.message).not.toContain('wrong-password');
		},
	);

	it('names every login that failed', async () => {
		const result = await run({
			...USER,
			...RESELLER,
			...MMS,
			resellerPassword: 'wrong-password',
			mmsPassword: 'wrong-password',
		});
		expect(result.message).toMatch(
			/^The reseller back-office login failed: .*\. The MMS login failed: .*\. The User\/Password login works\.$/,
		);
	});

	it.each([
		[
			{ accountType: 'reseller' },
			"'Account Type' is Reseller, but 'Reseller Back-Office Username' and 'Reseller Back-Office Password' must both be filled in.",
		],
		[
			{ resellerUser: SMSEND_DEMO.smsusername },
			"The reseller back-office login is incomplete: 'Reseller Back-Office Username' and 'Reseller Back-Office Password' must both be filled in.",
		],
		[
			{ useMms: true, mmsId: SMSEND_DEMO.mms.id },
			"'Use MMS' is on, but 'MMS ID' and 'MMS Password' must both be filled in.",
		],
	])('refuses an incomplete login %j before any request', async (data, message) => {
		expect(await run({ ...USER, ...data })).toEqual({ status: 'Error', message });
		expect(sandbox.requests).toHaveLength(0);
	});

	it('reports an address that does not answer once, without trying the other logins there', async () => {
		const result = await run({ ...USER, ...RESELLER, ...MMS, baseUrl: 'http://127.0.0.1:1' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^The User\/Password login failed: smSend .*\.$/);
		expect(result.message).not.toContain('reseller');
		expect(result.message).not.toContain('MMS');
	});

	it('checks the MMS login on the SOAP Service URL when the Base URL does not answer', async () => {
		const result = await run({
			...USER,
			...MMS,
			baseUrl: 'http://127.0.0.1:1',
			serviceUrl: sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/\. The MMS login works\.$/);
		expect(operations()).toEqual(['sendMms']);
	});
});
