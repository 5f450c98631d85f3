import type { MessageParts } from '../../helpers/messageParts';
import type { SmSendMessageType, SmSendQuality } from '../transport/client';

export type { SmSendMessageType, SmSendQuality };

export const QUALITY_NAMES: Record<SmSendQuality, string> = {
	ll: 'Low (ll)',
	l: 'Medium (l)',
	a: 'Automatic (a)',
	h: 'High (h)',
	n: 'Notification (n)',
};

/** A quality as version 1.1 outputs it: its name as the form shows it, and the gateway's code. */
const QUALITY_OUTPUT: Record<SmSendQuality, string> = {
	ll: 'low',
	l: 'medium',
	a: 'automatic',
	h: 'high',
	n: 'notification',
};

/** Version 1 outputs the gateway's code (`quality: "h"`); 1.1 `quality: "high", qualityCode: "h"`. */
export function qualityOutput(
	quality: SmSendQuality,
	v11: boolean,
): { quality: string; qualityCode?: SmSendQuality } {
	return v11 ? { quality: QUALITY_OUTPUT[quality], qualityCode: quality } : { quality };
}

interface MessageTypeRule {
	encoding: 'GSM-7' | 'UCS-2';
	/** Most characters the gateway takes, counted in the encoding's units. */
	maxLength: number;
	/** Qualities the gateway sends this type in; undefined: all. */
	qualities?: SmSendQuality[];
}

// send.php: TEXT 160, UCS2 70 (16-bit), MULTITEXT 918 (6 × 153); MULTIUCS2 is
// "concatenated UCS-2", bounded here like MULTITEXT at six parts (6 × 67).
// UCS2 and the MULTI types go out only in quality h or n.
export const MESSAGE_TYPE_RULES: Record<Exclude<SmSendMessageType, 'WAPPUSH'>, MessageTypeRule> = {
	TEXT: { encoding: 'GSM-7', maxLength: 160 },
	UCS2: { encoding: 'UCS-2', maxLength: 70, qualities: ['h', 'n'] },
	MULTITEXT: { encoding: 'GSM-7', maxLength: 918, qualities: ['h', 'n'] },
	MULTIUCS2: { encoding: 'UCS-2', maxLength: 402, qualities: ['h', 'n'] },
};

/** Length in the units the gateway limits: GSM-7 septets (extension characters count two) or UTF-16 code units. */
export function lengthFor(encoding: 'GSM-7' | 'UCS-2', parts: MessageParts): number {
	return encoding === 'GSM-7' ? parts.encodedLength : parts.characters;
}

/** The cheapest type that carries the text: one part if it fits, GSM-7 if the text allows. */
export function automaticMessageType(parts: MessageParts): Exclude<SmSendMessageType, 'WAPPUSH'> {
	if (parts.encoding === 'GSM-7')
		return parts.encodedLength <= MESSAGE_TYPE_RULES.TEXT.maxLength ? 'TEXT' : 'MULTITEXT';
	return parts.characters <= MESSAGE_TYPE_RULES.UCS2.maxLength ? 'UCS2' : 'MULTIUCS2';
}

/** Why the text cannot go out as `type` in `quality`, or undefined when it can. */
export function messageTypeProblem(
	type: Exclude<SmSendMessageType, 'WAPPUSH'>,
	quality: SmSendQuality,
	parts: MessageParts,
): string | undefined {
	const rule = MESSAGE_TYPE_RULES[type];
	if (rule.encoding === 'GSM-7' && parts.encoding !== 'GSM-7') {
		return `has characters outside the GSM-7 alphabet, which ${type} cannot carry; use UCS2 or MULTIUCS2 (or Automatic)`;
	}
	const length = lengthFor(rule.encoding, parts);
	if (length > rule.maxLength) {
		const unit =
			rule.encoding === 'GSM-7'
				? 'GSM-7 characters (extension characters such as € { } count two)'
				: 'UCS-2 characters (emoji count two)';
		return `has ${length} ${unit}; ${type} takes at most ${rule.maxLength}`;
	}
	if (rule.qualities && !rule.qualities.includes(quality)) {
		return `needs message type ${type}, which smSend only sends in quality High (h) or Notification (n); the quality is ${QUALITY_NAMES[quality]}`;
	}
	return undefined;
}
