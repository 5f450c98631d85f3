import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as account from './account';
import * as backofficeLog from './backofficeLog';
import * as client from './client';
import * as inbox from './inbox';
import * as mms from './mms';
import * as numberLookup from './numberLookup';
import * as reception from './reception';
import * as sms from './sms';

type Operation = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
) => Promise<INodeExecutionData[]>;

/** resource → operation → execute; the node's resource and operation options name the same keys. */
export const OPERATIONS: Record<string, Record<string, Operation>> = {
	sms: { send: sms.send.execute, getStatus: sms.getStatus.execute },
	mms: { send: mms.send.execute },
	account: { getCredit: account.getCredit.execute },
	numberLookup: { check: numberLookup.check.execute },
	inbox: { getMessages: inbox.getMessages.execute },
	client: {
		create: client.create.execute,
		setStatus: client.setStatus.execute,
		getCredit: client.getCredit.execute,
		addCredit: client.addCredit.execute,
	},
	reception: { create: reception.create.execute, revoke: reception.revoke.execute },
	backofficeLog: { getOperations: backofficeLog.getOperations.execute },
};
