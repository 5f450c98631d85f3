import type { IDataObject } from 'n8n-workflow';

import type { Sandbox } from '../../sandbox';
import { startSandbox } from '../../sandbox';

/**
 * n8n's outbound-request (SSRF) policy, as an administrator turns it on, applies to every send:
 * through the pooled connections (Reuse Connections, the default) and through n8n's request
 * helper alike. Loopback is blocked by default; `localhost` is allowed by name here, so the same
 * sandbox is refused as http://127.0.0.1 and reached as http://localhost.
 */
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_HOSTNAMES = 'localhost';
// n8n-core reads the policy from the environment when it first builds it: load it only now (an
// import would be hoisted above the lines that set it).
const { runNode } =
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	require('../helpers/workflowRunner') as typeof import('../helpers/workflowRunner');

describe("n8n's SSRF policy governs every send", () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await startSandbox({ port: 0, host: '127.0.0.1', seed: 5 });
	});
	afterAll(async () => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.smSend.addAccount({ user: 'ssrf', pass: 'ssrf-password', credit: 1000 });
	});

	const send = async (baseUrl: string, reuseConnections: boolean) =>
		await runNode({
			type: 'smSend',
			parameters: {
				resource: 'sms',
				operation: 'send',
				recipient: '={{ $json.phone }}',
				sender: 'Shop',
				message: 'Ciao',
				options: { reuseConnections },
			},
			credentials: { smSendApi: { user: 'ssrf', password: 'ssrf-password', baseUrl } },
			items: [{ phone: '+393201111111' }, { phone: '+393202222222' }, { phone: '+393203333333' }],
			continueOnFail: true,
		});

	describe.each([true, false])('Reuse Connections %s', (reuseConnections) => {
		it('refuses a blocked address before anything is sent, and says it was not sent', async () => {
			const { items, error } = await send(sandbox.url, reuseConnections);
			expect(error).toBeUndefined();
			expect(sandbox.requests).toHaveLength(0);
			expect(items).toHaveLength(3);
			for (const item of items) {
				expect(item.json.error).toMatch(
					/outbound-request \(SSRF\) policy does not allow; nothing was sent \(127\.0\.0\.1\)/,
				);
				const details = item.json.details as IDataObject;
				expect(details).toMatchObject({ code: 'BLOCKED_BY_N8N', retryable: false });
				expect(details.outcomeUnknown).not.toBe(true);
			}
		});

		it('sends to an allowed address', async () => {
			const { items, error } = await send(
				sandbox.url.replace('127.0.0.1', 'localhost'),
				reuseConnections,
			);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.status)).toEqual(['queued', 'queued', 'queued']);
			expect(sandbox.smSend.sent.map((sms) => sms.rcpt).sort()).toEqual([
				'+393201111111',
				'+393202222222',
				'+393203333333',
			]);
		});
	});
});
