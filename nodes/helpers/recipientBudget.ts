import type { IContextObject, IExecuteFunctions } from 'n8n-workflow';

import type { Guardrails } from './guardrails';

/** Where the count lives in n8n's per-node execution context. */
const COUNT_KEY = 'guardrailRecipients';

/**
 * Counts the recipients of a node's sends against Guardrails → Max Recipients per Execution,
 * across every run of the node in the execution: Loop Over Items runs it once per batch and an
 * AI agent once per tool call, each with items numbered from 0.
 *
 * The count is kept in n8n's execution context for the node (`getContext('node')`, the store
 * Loop Over Items keeps its own state in), which n8n saves with the execution; it holds the
 * recipients of messages that went out or may have. A run reserves its items' recipients when
 * they are admitted, and only those whose message went out (or may have) are added for good:
 * an item refused by the gateway, never started, or only previewed by a dry run gives its
 * reservation back.
 */
export class RecipientBudget {
	private readonly reserved = new Map<number, number>();
	private reservedTotal = 0;

	constructor(private readonly store: IContextObject | undefined) {}

	private get counted(): number {
		const value = this.store?.[COUNT_KEY];
		return typeof value === 'number' && Number.isFinite(value) ? value : 0;
	}

	/** Reserves the item's recipients, or returns why the guardrails refuse them. */
	admit(itemIndex: number, recipientsE164: string[], guardrails: Guardrails): string | undefined {
		const { allowedPrefixes, maxRecipients } = guardrails;
		if (allowedPrefixes.length > 0) {
			const outside = recipientsE164.find(
				(number) => !allowedPrefixes.some((prefix) => number.startsWith(prefix)),
			);
			if (outside !== undefined) {
				return `${outside} does not start with an allowed prefix (${allowedPrefixes.join(', ')}) ('Allowed Number Prefixes' guardrail)`;
			}
		}
		const wanted = recipientsE164.length;
		if (maxRecipients > 0 && this.counted + this.reservedTotal + wanted > maxRecipients) {
			return `this execution already reached its limit of ${maxRecipients} recipient${maxRecipients === 1 ? '' : 's'} ('Max Recipients per Execution' guardrail)`;
		}
		this.reserved.set(itemIndex, wanted);
		this.reservedTotal += wanted;
		return undefined;
	}

	/** Ends the run: the items whose message went out, or may have, count for the rest of the execution. */
	settle(wentOut: (itemIndex: number) => boolean): void {
		let added = 0;
		for (const [itemIndex, count] of this.reserved) if (wentOut(itemIndex)) added += count;
		this.reserved.clear();
		this.reservedTotal = 0;
		if (added > 0 && this.store) this.store[COUNT_KEY] = this.counted + added;
	}
}

/** The budget of this node in this execution. */
export function recipientBudget(context: IExecuteFunctions): RecipientBudget {
	// A legacy agent's tool call gives the node a context without its own execution context.
	const store = typeof context.getContext === 'function' ? context.getContext('node') : undefined;
	return new RecipientBudget(store);
}
