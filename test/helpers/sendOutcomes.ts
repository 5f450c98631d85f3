/**
 * What the fault matrices (workflow and end-to-end) share: reading an output item's reported
 * outcome, and creating a reseller's clients through the sandbox's back office as a user would.
 */
import type { Sandbox } from '../../sandbox';

export type Reported = 'sent' | 'notSent' | 'unknown';

/** What an output item says happened to its message. */
export function reportedOf(json: Record<string, unknown>): Reported {
	if (json.error === undefined) return 'sent';
	const details = json.details as Record<string, unknown> | undefined;
	return details?.outcomeUnknown === true ? 'unknown' : 'notSent';
}

/** Clients of `reseller`, one per entry of `clients`, created through `client-add.php`; their ids. */
export async function createClients(
	sandbox: Sandbox,
	reseller: { user: string; password: string },
	clients: Array<{ name: string; username: string }>,
): Promise<number[]> {
	const ids: number[] = [];
	for (const { name, username } of clients) {
		const reply = await fetch(`${sandbox.url}/backoffice/client-add.php`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				smsusername: reseller.user,
				smspassword: reseller.password,
				name,
				username,
				password: 'client-password',
				reseller: '0',
			}).toString(),
		});
		const text = await reply.text();
		const match = /^OK (\d+)/.exec(text);
		if (!match) throw new Error(`client-add answered ${text}`);
		ids.push(Number(match[1]));
	}
	return ids;
}
