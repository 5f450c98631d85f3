import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as account from './account';
import * as sms from './sms';

type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** resource → operation → execute; the node's resource and operation options name the same keys. */
export const OPERATIONS: Record<string, Record<string, Operation>> = {
	sms: { send: sms.send.execute },
	account: { getCredit: account.getCredit.execute },
};
