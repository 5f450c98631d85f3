import { transportError } from '../../../nodes/transport/errors';
import { withReadRetries } from '../../../nodes/helpers/readRetry';

describe('withReadRetries', () => {
	it('retries transient failures and returns the first success', async () => {
		let calls = 0;
		const result = await withReadRetries(
			async () => {
				calls++;
				if (calls < 3) throw transportError('smSend', 'HTTP_STATUS', { httpCode: 503 });
				return 'ok';
			},
			3,
			1,
		);
		expect(result).toBe('ok');
		expect(calls).toBe(3);
	});

	it('gives up after the last attempt with the last error', async () => {
		let calls = 0;
		await expect(
			withReadRetries(
				async () => {
					calls++;
					throw transportError('smSend', 'TIMEOUT');
				},
				3,
				1,
			),
		).rejects.toThrow('smSend did not answer in time');
		expect(calls).toBe(3);
	});

	it('does not retry permanent failures or foreign errors', async () => {
		let calls = 0;
		await expect(
			withReadRetries(
				async () => {
					calls++;
					throw transportError('smSend', 'HTML_PAGE', { httpCode: 200 });
				},
				3,
				1,
			),
		).rejects.toThrow();
		await expect(
			withReadRetries(
				async () => {
					calls++;
					throw new TypeError('bug');
				},
				3,
				1,
			),
		).rejects.toThrow(TypeError);
		expect(calls).toBe(2);
	});
});
