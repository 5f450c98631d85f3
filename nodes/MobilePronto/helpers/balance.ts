import { mobileProntoError } from '../transport/returnCodes';
import { transportError } from '../../transport/errors';
import type { MobileProntoCredentials } from '../transport/client';
import { callMobilePronto } from '../transport/client';
import type { HttpSender } from '../../transport/senders';

export interface Balance {
	balance: number;
	status: string;
	raw: string;
}

/**
 * MPG_Credits answers the balance, or -1 with the reason's return code in v_st_Status.
 * Throws a GatewayError for anything else.
 */
export async function fetchBalance(
	send: HttpSender,
	credentials: MobileProntoCredentials,
	timeoutMs: number,
): Promise<Balance> {
	const reply = await callMobilePronto(send, credentials, 'MPG_Credits', [], timeoutMs);
	const result = String(reply.MPG_CreditsResult ?? '').trim();
	const status = String(reply.v_st_Status ?? '').trim();
	const raw = status === '' ? result : `${result} (v_st_Status ${status})`;
	const balance = Number(result.replace(',', '.'));
	if (result === '' || !Number.isFinite(balance)) {
		throw transportError('MobilePronto', 'UNEXPECTED_REPLY', {
			raw,
			detail: 'MPG_CreditsResult is not a number',
		});
	}
	if (balance < 0 || (status !== '' && status !== '000')) {
		throw mobileProntoError(/^\d{3}/.test(status) ? status.slice(0, 3) : 'unknown', raw);
	}
	return { balance, status: status || '000', raw };
}
