import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { credentialTestSender } from '../../transport/senders';
import { readSmSendCredentials } from '../helpers/credentials';
import { smSendClient } from '../transport/client';
import type { LoginCheck } from './loginChecks';
import {
	checkMmsLogin,
	checkResellerLogin,
	checkUserLogin,
	failedBeforeLogin,
} from './loginChecks';

/**
 * Checks every login the credential holds, as the operations will use them: User/Password
 * always, the reseller back-office login and the MMS login when they are filled in (whatever
 * 'Account Type' and 'Use MMS' say, as the operations do), and says which one failed. n8n shows
 * the message of a failed test under "Couldn't connect with these settings"; for a passed test
 * it shows its own "Connection tested successfully".
 */
export async function smSendApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readSmSendCredentials(credential.data ?? {});
	if (!read.ok) return { status: 'Error', message: read.message };
	const { credentials, declared } = read;

	const reseller = [credentials.resellerUser, credentials.resellerPassword];
	const mms = [credentials.mmsId, credentials.mmsPassword];
	const incomplete: string[] = [];
	if ((declared.reseller || reseller.some(Boolean)) && !reseller.every(Boolean))
		incomplete.push(
			`${declared.reseller ? "'Account Type' is Reseller, but" : 'The reseller back-office login is incomplete:'} 'Reseller Back-Office Username' and 'Reseller Back-Office Password' must both be filled in.`,
		);
	if ((declared.mms || mms.some(Boolean)) && !mms.every(Boolean))
		incomplete.push(
			`${declared.mms ? "'Use MMS' is on, but" : 'The MMS login is incomplete:'} 'MMS ID' and 'MMS Password' must both be filled in.`,
		);
	if (incomplete.length > 0) return { status: 'Error', message: incomplete.join(' ') };

	const client = smSendClient(credentialTestSender(this), credentials);
	const user = await checkUserLogin(client);
	const checks: LoginCheck[] = [user.check];
	const sameHostDown = failedBeforeLogin(user.error);
	if (reseller.every(Boolean) && !sameHostDown) checks.push(await checkResellerLogin(client));
	if (mms.every(Boolean) && !(sameHostDown && credentials.serviceUrl === credentials.baseUrl))
		checks.push(await checkMmsLogin(client));

	const failed = checks.filter((check) => !check.ok);
	const passed = checks.filter((check) => check.ok).map((check) => check.login);
	if (failed.length === 0) {
		const others = passed.slice(1);
		const accepted =
			others.length > 0
				? ` The ${others.join(' and the ')} ${others.length > 1 ? 'work' : 'works'} too.`
				: '';
		return { status: 'OK', message: `Connection successful. ${user.check.detail}.${accepted}` };
	}
	return {
		status: 'Error',
		message: [
			...failed.map((check) => `The ${check.login} failed: ${check.detail}.`),
			...(passed.length > 0
				? [`The ${passed.join(' and the ')} ${passed.length > 1 ? 'work' : 'works'}.`]
				: []),
		].join(' '),
	};
}
