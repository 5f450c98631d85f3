import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { GatewayError } from '../../transport/errors';
import { credentialTestSender } from '../../transport/senders';
import { callSmSend } from '../transport/requests';
import { parseAmount } from '../transport/okKo';
import { readSmSendCredentials } from '../helpers/credentials';

/** Asks credit.php for the credit: only a valid login gets one. */
export async function smSendApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readSmSendCredentials(credential.data ?? {});
	if (!read.ok) return { status: 'Error', message: read.message };
	try {
		const reply = await callSmSend(
			credentialTestSender(this),
			read.credentials,
			'/sms/credit.php',
			'user',
			[['type', 'credit']],
			15000,
		);
		return {
			status: 'OK',
			message: `Connection successful. Credit: ${parseAmount(reply.value, 'The credit').toFixed(4)} EUR`,
		};
	} catch (error) {
		if (error instanceof GatewayError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}
