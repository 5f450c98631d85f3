import { GatewayError } from '../../transport/errors';
import type { SmSendClient } from '../transport/client';

/*
 * The smSend credential holds up to three logins, each checked by a call that changes nothing:
 * - User/Password: credit.php answers the credit;
 * - the reseller back-office login: userlog-get.php answers today's credit log (a report, maybe
 *   empty), or `KO Username o password errati.`;
 * - the MMS login: sendMms has no read-only sibling, so it is called with no recipient. The
 *   gateway checks the id and the password (or MD5 ticket) first and answers `KO 101`/`KO 107`
 *   for a login it refuses; a login it accepts gets `KO 103 bad recipient`, and nothing is sent.
 *   The order of these checks is inferred (the API document lists the codes, not their order).
 */

const TIMEOUT_MS = 15000;

export interface LoginCheck {
	/** How the message names the login, e.g. "reseller back-office login". */
	login: string;
	/** What the check found: the credit for the User login, or why the login failed. */
	ok: boolean;
	detail: string;
}

function reason(error: unknown): string {
	if (error instanceof GatewayError) return error.message;
	return error instanceof Error ? error.message : String(error);
}

/** Whether a failure says nothing about the login: the address did not answer as smSend does. */
export function failedBeforeLogin(error: unknown): boolean {
	return error instanceof GatewayError && error.details.kind !== 'gateway';
}

export async function checkUserLogin(
	client: SmSendClient,
): Promise<{ check: LoginCheck; error?: unknown }> {
	const login = 'User/Password login';
	try {
		const { amount } = await client.credit('credit', { timeoutMs: TIMEOUT_MS });
		return { check: { login, ok: true, detail: `Credit: ${amount.toFixed(4)} EUR` } };
	} catch (error) {
		return { check: { login, ok: false, detail: reason(error) }, error };
	}
}

export async function checkResellerLogin(client: SmSendClient): Promise<LoginCheck> {
	const login = 'reseller back-office login';
	const today = new Date().toISOString().slice(0, 10);
	try {
		await client.backoffice.userLog({ type: 'credits', from: today, to: today });
		return { login, ok: true, detail: '' };
	} catch (error) {
		return { login, ok: false, detail: reason(error) };
	}
}

const MMS_LOGIN_REFUSED = new Set(['KO 101', 'KO 104', 'KO 105', 'KO 106', 'KO 107']);

export async function checkMmsLogin(client: SmSendClient): Promise<LoginCheck> {
	const login = 'MMS login';
	try {
		await client.sendMms(
			{ recipients: [], subject: 'n8n credential test', text: 'n8n credential test' },
			{ timeoutMs: TIMEOUT_MS },
		);
		// A gateway that takes an MMS without recipients has still accepted the login.
		return { login, ok: true, detail: '' };
	} catch (error) {
		if (error instanceof GatewayError && error.details.code === 'KO 103')
			return { login, ok: true, detail: '' };
		const refused = error instanceof GatewayError && MMS_LOGIN_REFUSED.has(error.details.code);
		return {
			login,
			ok: false,
			detail: refused
				? `${reason(error)}. Check 'MMS ID', 'MMS Password' and 'MMS Authentication'`
				: reason(error),
		};
	}
}
