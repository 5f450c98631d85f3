import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectionReuse, SendTransport } from '../../transport/senders';
import { openSender } from '../../transport/senders';
import type { MobileProntoCredentials } from '../transport/client';
import { readMobileProntoCredentials } from './credentials';

export const MOBILEPRONTO_CREDENTIAL_TYPE = 'mobileProntoApi';

export interface MobileProntoContext extends SendTransport {
	credentials: MobileProntoCredentials;
}

/** Reads and checks the credential once per execution, not once per item. */
export async function mobileProntoContext(
	context: IExecuteFunctions,
	reuse?: ConnectionReuse,
): Promise<MobileProntoContext> {
	const raw = await context.getCredentials(MOBILEPRONTO_CREDENTIAL_TYPE);
	const read = readMobileProntoCredentials(raw);
	if (!read.ok) {
		throw new NodeOperationError(context.getNode(), read.message, {
			description: read.description,
		});
	}
	return {
		credentials: read.credentials,
		...openSender(context, MOBILEPRONTO_CREDENTIAL_TYPE, raw, reuse),
	};
}
