import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readCountry, readMobile, readText } from '../../helpers/itemFields';
import { toNodeError } from '../../helpers/nodeErrors';
import { n8nSender } from '../../transport/senders';
import { readSmSendCredentials } from '../helpers/credentials';
import { SMSEND_CREDENTIAL_TYPE } from '../helpers/context';
import { smSendClient } from '../transport/client';
import type { ReceivedSms } from '../transport/inbox';
import { RECEIVE_SMS_MAX } from '../transport/inbox';
import { loadCursor, mayHaveMissed, remember, unseenOldestFirst } from './inboxCursor';
import { readTriggerOptOuts } from './optOutFilter';
import { noteEmitted, pollAlone, pollKey, predatesLastEmission } from './pollGuard';

const STATE_KEY = 'inboxCursor';

function toItem(message: ReceivedSms, extra: IDataObject = {}): INodeExecutionData {
	return { json: { ...message, ...extra } };
}

/**
 * One poll of the smSend inbox. State changes only after a successful fetch, so a failed
 * poll leaves the cursor where it was and the next poll sees the same messages again. A poll
 * that starts while the previous one of the same node is still running, or whose copy of the
 * cursor predates the node's last emission, is skipped (pollGuard.ts).
 */
export async function pollInbox(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	// "Fetch Test Event" reads the inbox without touching the cursor: it needs no guard.
	if (this.getMode() === 'manual') return await pollMessages.call(this);
	const node = this.getNode();
	const workflow = this.getWorkflow();
	const key = pollKey(workflow.id, node.id ?? node.name);
	return await pollAlone(
		key,
		async () => await pollMessages.call(this, key),
		() => {
			this.logger.warn(
				`smSend Trigger "${node.name}" (workflow ${workflow.id}): the previous poll is still running; this poll is skipped so no message is emitted twice. Poll less often if this repeats.`,
			);
			return null;
		},
	);
}

/** `key`: the node's poll key when polling for the trigger (not for Fetch Test Event). */
async function pollMessages(
	this: IPollFunctions,
	key?: string,
): Promise<INodeExecutionData[][] | null> {
	const node = this.getNode();
	const read = readSmSendCredentials(await this.getCredentials(SMSEND_CREDENTIAL_TYPE));
	if (!read.ok) throw new NodeOperationError(node, read.message, { description: read.description });
	const options = this.getNodeParameter('options', {}) as {
		timeZone?: string;
		includeOnActivation?: number;
	};
	const timeZone = options.timeZone?.trim() || 'Europe/Rome';
	const receptionNumber = readMobile(
		node,
		this.getNodeParameter('recipientNumber', ''),
		0,
		'Reception Number',
		readCountry(node, undefined, 'IT', 0),
		'+393400000000',
	).e164;
	const sharecode = readText(
		node,
		this.getNodeParameter('sharecode', ''),
		0,
		'Sharecode',
		'001',
	).trim();
	const configuredWindow = Math.min(
		RECEIVE_SMS_MAX,
		Math.max(1, this.getNodeParameter('messagesPerPoll', 20) as number),
	);
	const optOuts = readTriggerOptOuts(this);
	const client = smSendClient(n8nSender(this, SMSEND_CREDENTIAL_TYPE), read.credentials);
	const fetch = async (count: number) => {
		try {
			return await client.receiveSms({ receptionNumber, sharecode, count, timeZone });
		} catch (error) {
			const nodeError = toNodeError(node, error, undefined);
			throw nodeError;
		}
	};

	if (key === undefined) {
		const latest = await fetch(configuredWindow);
		if (latest.length === 0) {
			throw new NodeOperationError(
				node,
				`No SMS received yet on ${receptionNumber} (sharecode ${sharecode})`,
				{
					description: 'The inbox is empty. Send an SMS to the reception number and fetch again.',
					level: 'warning',
				},
			);
		}
		const shown = optOuts.select([...latest].reverse());
		if (shown.length === 0) {
			throw new NodeOperationError(
				node,
				optOuts.emit === 'optOutsOnly'
					? `None of the ${latest.length} most recent SMS on ${receptionNumber} (sharecode ${sharecode}) is an opt-out request`
					: `All ${latest.length} most recent SMS on ${receptionNumber} (sharecode ${sharecode}) are opt-out requests`,
				{
					description: 'Emit leaves them out. Send a matching SMS and fetch again.',
					level: 'warning',
				},
			);
		}
		return [shown.map((message) => toItem(message))];
	}

	const staticData = this.getWorkflowStaticData('node');
	const state = loadCursor(staticData[STATE_KEY], configuredWindow);
	if (state.initialized && predatesLastEmission(key, state.seen)) {
		this.logger.warn(
			`smSend Trigger "${node.name}": this poll's cursor predates the messages the node last emitted (n8n ran two polls of it at once, or dropped the last poll's result); it is skipped so no message is emitted twice, the next poll goes on.`,
		);
		return null;
	}

	if (!state.initialized) {
		const includeLast = Math.max(0, Math.min(RECEIVE_SMS_MAX, options.includeOnActivation ?? 0));
		const reply = await fetch(Math.max(configuredWindow, includeLast));
		staticData[STATE_KEY] = remember(state, reply, configuredWindow) as unknown as IDataObject;
		const initial = optOuts.select(
			unseenOldestFirst(loadCursor(undefined, configuredWindow), reply.slice(0, includeLast)),
		);
		noteEmitted(
			key,
			initial.map((message) => message.id),
		);
		return initial.length > 0 ? [initial.map((message) => toItem(message))] : null;
	}

	let window = state.window;
	let reply = await fetch(window);
	let fresh = unseenOldestFirst(state, reply);
	if (mayHaveMissed(reply, fresh, window) && window < RECEIVE_SMS_MAX) {
		window = RECEIVE_SMS_MAX;
		reply = await fetch(window);
		fresh = unseenOldestFirst(state, reply);
	}
	const gap = mayHaveMissed(reply, fresh, window);
	if (gap) {
		this.logger.warn(
			`smSend Trigger: all ${reply.length} messages of ${receptionNumber}/${sharecode} were new; more may have arrived since the last poll than receiveSms returns (${RECEIVE_SMS_MAX}). Poll more often.`,
		);
	}
	// Stay wide while bursts keep filling the window; shrink back once a reply overlaps what was seen.
	const nextWindow = fresh.length >= configuredWindow ? window : configuredWindow;
	staticData[STATE_KEY] = remember(state, fresh, nextWindow) as unknown as IDataObject;
	// What this poll remembered, emitted or not: a later poll whose cursor lacks it is stale.
	noteEmitted(
		key,
		fresh.map((message) => message.id),
	);
	// Messages Emit leaves out are remembered above all the same: never emitted by a later poll.
	const emitted = optOuts.select(fresh);
	if (emitted.length === 0) return null;
	return [emitted.map((message) => toItem(message, gap ? { possibleGap: true } : {}))];
}
