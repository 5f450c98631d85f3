import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { GatewayError } from '../../transport/errors';
import { credentialTestSender } from '../../transport/senders';
import { readSmSendCredentials } from '../helpers/credentials';
import { smSendClient } from '../transport/client';

/** Asks credit.php for the credit: only a valid login gets one. */
export async function smSendApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readSmSendCredentials(credential.data ?? {});
	if (!read.ok) return { status: 'Error', message: read.message };
	try {
		const client = smSendClient(credentialTestSender(this), read.credentials);
		const { amount } = await client.credit('credit', { timeoutMs: 15000 });
		return {
			status: 'OK',
			message: `Connection successful. Credit: ${amount.toFixed(4)} EUR`,
		};
	} catch (error) {
		if (error instanceof GatewayError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}
