import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectionReuse, OpenedClient } from '../../transport/senders';
import { openSender } from '../../transport/senders';
import type { MobileProntoClient } from '../transport/client';
import { mobileProntoClient } from '../transport/client';
import { readMobileProntoCredentials } from './credentials';

export const MOBILEPRONTO_CREDENTIAL_TYPE = 'mobileProntoApi';

/** Reads and checks the credential once per execution, not once per item, and opens the client. */
export async function openMobilePronto(
	context: IExecuteFunctions,
	reuse?: ConnectionReuse,
): Promise<OpenedClient<MobileProntoClient>> {
	const raw = await context.getCredentials(MOBILEPRONTO_CREDENTIAL_TYPE);
	const read = readMobileProntoCredentials(raw);
	if (!read.ok) {
		throw new NodeOperationError(context.getNode(), read.message, {
			description: read.description,
		});
	}
	const { send, close } = openSender(context, MOBILEPRONTO_CREDENTIAL_TYPE, raw, reuse);
	return { client: mobileProntoClient(send, read.credentials), close };
}
