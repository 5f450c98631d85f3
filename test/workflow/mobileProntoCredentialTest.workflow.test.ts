import { CredentialTestContext } from 'n8n-core';
import type { ICredentialsDecrypted } from 'n8n-workflow';

import { MobilePronto } from '../../nodes/MobilePronto/MobilePronto.node';
import type { Sandbox } from '../../sandbox';
import { MOBILEPRONTO_DEMO_CREDENCIAL, startSandbox } from '../../sandbox';

describe('MobilePronto credential test (the "Test" button), through n8n-core over HTTP', () => {
	let sandbox: Sandbox;
	const node = new MobilePronto();
	const test = node.methods.credentialTest.mobileProntoApiTest;

	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1' });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => sandbox.reset());

	const credential = (data: Record<string, string>): ICredentialsDecrypted => ({
		id: 'cred-1',
		name: 'MobilePronto',
		type: 'mobileProntoApi',
		data: { baseUrl: sandbox.url, soapVersion: '1.1', ...data },
	});

	it('succeeds with a valid credencial and reports the balance', async () => {
		const result = await test.call(
			new CredentialTestContext(),
			credential({ credencial: MOBILEPRONTO_DEMO_CREDENCIAL }),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful. Balance: 1000' });
		expect(sandbox.requests.map((r) => r.operation)).toEqual(['MPG_Credits']);
	});

	it('fails with a wrong credencial, without showing it', async () => {
		const wrong = 'WRONGKEY0000000000000000000000000000000X';
		const result = await test.call(new CredentialTestContext(), credential({ credencial: wrong }));
		expect(result.status).toBe('Error');
		expect(result.message).toContain('(code 001)');
		expect(result.message).not.toContain(wrong);
	});

	it('fails before any request when the credencial has the wrong length', async () => {
		const result = await test.call(
			new CredentialTestContext(),
			credential({ credencial: 'short' }),
		);
		expect(result).toEqual({
			status: 'Error',
			message: "The 'API Key' of the MobilePronto credential must be 40 characters long; it has 5",
		});
		expect(sandbox.requests).toHaveLength(0);
	});

	it('explains an unreachable gateway', async () => {
		const result = await test.call(
			new CredentialTestContext(),
			credential({ credencial: MOBILEPRONTO_DEMO_CREDENCIAL, baseUrl: 'http://127.0.0.1:1' }),
		);
		expect(result).toEqual({ status: 'Error', message: 'MobilePronto refused the connection' });
	});

	it('explains an HTML page where the API should be', async () => {
		sandbox.inject({ kind: 'html' });
		const result = await test.call(
			new CredentialTestContext(),
			credential({ credencial: MOBILEPRONTO_DEMO_CREDENCIAL }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toBe('MobilePronto answered with an HTML page instead of an API reply');
	});
});
