import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { GatewayError } from '../../transport/errors';
import { credentialTestSender } from '../../transport/senders';
import { readMobileProntoCredentials } from '../helpers/credentials';
import { mobileProntoClient } from '../transport/client';

/** Asks the gateway for the balance: only a valid credencial gets one. */
export async function mobileProntoApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const read = readMobileProntoCredentials(credential.data ?? {});
	if (!read.ok) return { status: 'Error', message: read.message };
	try {
		const client = mobileProntoClient(credentialTestSender(this), read.credentials);
		const { balance } = await client.credits({ timeoutMs: 15000 });
		return { status: 'OK', message: `Connection successful. Balance: ${balance}` };
	} catch (error) {
		if (error instanceof GatewayError) return { status: 'Error', message: error.message };
		return { status: 'Error', message: error instanceof Error ? error.message : String(error) };
	}
}
