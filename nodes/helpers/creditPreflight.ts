import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { GatewayError } from '../transport/errors';
import { withReadRetries } from './readRetry';

/** What one message draws from the account: `parts` SMS parts from the credit `pool` (e.g. a quality). */
export interface CreditCost {
	pool: string;
	parts: number;
}

/** What the messages of one try need, in total and per pool. */
export interface CreditNeed {
	messages: number;
	parts: number;
	/** SMS parts per pool, in the order the pools first appear. */
	partsByPool: Map<string, number>;
}

/** The gateway's credit set against a need, in the gateway's own unit. */
export interface CreditAssessment {
	enough: boolean;
	needed: number;
	left: number;
	/** What `needed` and `left` count, e.g. "SMS parts at High quality (h)" or "euro". */
	unit: string;
	/** e.g. "this run needs 12,400 SMS parts at High quality (h); the account has 9,870 left". */
	statement: string;
}

/**
 * A send operation's credit pre-flight: how to read the credit and set it against a need. The
 * bulk runner calls it once per try, after every item is prepared and before any message leaves.
 */
export interface CreditPreflight<Client> {
	assess: (client: Client, need: CreditNeed) => Promise<CreditAssessment>;
}

export function tallyNeed(costs: CreditCost[]): CreditNeed {
	const partsByPool = new Map<string, number>();
	let parts = 0;
	for (const cost of costs) {
		parts += cost.parts;
		partsByPool.set(cost.pool, (partsByPool.get(cost.pool) ?? 0) + cost.parts);
	}
	return { messages: costs.length, parts, partsByPool };
}

/** A count as the messages show it: 12400 → "12,400". */
export function formatCount(value: number): string {
	return value.toLocaleString('en-US', { maximumFractionDigits: 4 });
}

/** The error that stops the run, or (given an item) the error item of each message under Continue On Fail. */
export type RunRefusal = (itemIndex?: number) => NodeOperationError;

const TURN_OFF = "or turn off Options → 'Credit Pre-Flight'";

function refusal(node: INode, message: string, description: string): RunRefusal {
	return (itemIndex) =>
		new NodeOperationError(
			node,
			itemIndex === undefined ? message : `${message} [item ${itemIndex}]`,
			{ ...(itemIndex !== undefined ? { itemIndex } : {}), description },
		);
}

export type PreflightResult =
	| { ok: true; assessment: CreditAssessment }
	| { ok: false; refuse: RunRefusal; assessment?: CreditAssessment; reason: string };

/**
 * Reads the credit (a read: transient failures are retried) and sets it against `need`. A run it
 * cannot cover, or a credit it cannot read, is refused as a whole: nothing may leave.
 */
export async function checkCredit<Client>(
	node: INode,
	preflight: CreditPreflight<Client>,
	client: Client,
	need: CreditNeed,
): Promise<PreflightResult> {
	let assessment: CreditAssessment;
	try {
		assessment = await withReadRetries(async () => await preflight.assess(client, need));
	} catch (error) {
		const reason =
			error instanceof GatewayError ? error.details.message : (error as Error)?.message;
		const detail =
			error instanceof GatewayError
				? [
						error.details.description,
						error.details.raw ? `Gateway reply: ${error.details.raw}` : '',
					]
						.filter((part) => part !== '')
						.join(' ')
				: '';
		return {
			ok: false,
			reason: `could not read the credit: ${reason}`,
			refuse: refusal(
				node,
				`Credit pre-flight could not read the account's credit: ${reason}`,
				`Nothing was sent. ${detail}${detail ? ' ' : ''}Run the node again once the gateway answers, ${TURN_OFF} to send without checking the credit first.`,
			),
		};
	}
	if (assessment.enough) return { ok: true, assessment };
	return {
		ok: false,
		assessment,
		reason: assessment.statement,
		refuse: refusal(
			node,
			`Not enough credit to send: ${assessment.statement}`,
			`Nothing was sent. Top up the account, send fewer or shorter messages (Smart Encoding saves parts), ${TURN_OFF} to send until the credit runs out.`,
		),
	};
}

/**
 * The item a dry run ends with: the totals of what would be sent, and the credit needed and
 * left, paired with every input item (it sums them all).
 */
export function dryRunTotalsItem(
	need: CreditNeed,
	credit: PreflightResult | { ok: false; reason: string },
	inputCount: number,
): INodeExecutionData {
	const assessment = 'assessment' in credit ? credit.assessment : undefined;
	const json: IDataObject = {
		runTotals: true,
		dryRun: true,
		messages: need.messages,
		parts: need.parts,
		...(assessment
			? {
					creditNeeded: assessment.needed,
					creditLeft: assessment.left,
					creditUnit: assessment.unit,
					enoughCredit: assessment.enough,
				}
			: { creditLeft: null, enoughCredit: null }),
		...(credit.ok ? {} : { wouldBeRefused: credit.reason }),
	};
	return { json, pairedItem: Array.from({ length: inputCount }, (_, item) => ({ item })) };
}
