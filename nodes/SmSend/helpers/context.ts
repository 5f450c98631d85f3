import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectionReuse, OpenedClient } from '../../transport/senders';
import { openSender } from '../../transport/senders';
import type { SmSendClient } from '../transport/client';
import { smSendClient } from '../transport/client';
import { readSmSendCredentials } from './credentials';

export const SMSEND_CREDENTIAL_TYPE = 'smSendApi';

export type SmSendRequirement = 'reseller' | 'mms';

/**
 * Reads and checks the credential once per execution, including what the operation needs of
 * it, and opens the client.
 */
export async function openSmSend(
	context: IExecuteFunctions,
	requires?: SmSendRequirement,
	reuse?: ConnectionReuse,
): Promise<OpenedClient<SmSendClient>> {
	const node = context.getNode();
	const raw = await context.getCredentials(SMSEND_CREDENTIAL_TYPE);
	const read = readSmSendCredentials(raw);
	if (!read.ok) throw new NodeOperationError(node, read.message, { description: read.description });
	const { credentials } = read;
	if (
		requires === 'reseller' &&
		(credentials.resellerUser === '' || credentials.resellerPassword === '')
	) {
		throw new NodeOperationError(
			node,
			'This operation needs a reseller back-office login, and the smSend credential has none',
			{
				description:
					"Client, Reception and Back-Office Log operations are for smSend resellers. In the smSend credential, set 'Account Type' to Reseller and fill in 'Reseller Back-Office Username' and 'Reseller Back-Office Password' (smsusername/smspassword).",
			},
		);
	}
	if (requires === 'mms' && (credentials.mmsId === '' || credentials.mmsPassword === '')) {
		throw new NodeOperationError(
			node,
			'Sending MMS needs the MMS ID and MMS Password, and the smSend credential has none',
			{
				description:
					"smSend issues a separate ID and password for the MMS service. In the smSend credential, turn on 'Use MMS' and fill in 'MMS ID' and 'MMS Password'.",
			},
		);
	}
	const { send, close } = openSender(context, SMSEND_CREDENTIAL_TYPE, raw, reuse);
	return { client: smSendClient(send, credentials), close };
}
