import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { normalizeMobile } from '../../helpers/phone';

const ALPHANUMERIC_SENDER = /^[A-Za-z0-9 ]{1,11}$/;

function checkSender(value: string): { ok: true; sender: string } | { ok: false; reason: string } {
	const sender = value.trim();
	if (sender === '') return { ok: false, reason: 'is empty' };
	if (/^\+?\d+$/.test(sender.replace(/[\s()-]/g, ''))) {
		const number = normalizeMobile(
			sender.startsWith('+') || sender.startsWith('00') ? sender : `+${sender}`,
			'IT',
		);
		if (number.ok) return { ok: true, sender: number.mobile.e164 };
		return { ok: false, reason: 'looks like a phone number but is not a valid international one' };
	}
	if (sender.length > 11)
		return { ok: false, reason: `has ${sender.length} characters; a text sender takes at most 11` };
	if (!ALPHANUMERIC_SENDER.test(sender))
		return { ok: false, reason: 'may only contain letters A–Z, digits and spaces' };
	return { ok: true, sender };
}

export function readSender(node: INode, text: string, itemIndex: number): string {
	const sender = checkSender(text);
	if (sender.ok) return sender.sender;
	throw new NodeOperationError(
		node,
		`Invalid 'Sender': "${text}" ${sender.reason} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'Use up to 11 letters and digits (e.g. MyShop) or an international number (+393201234567).',
		},
	);
}
