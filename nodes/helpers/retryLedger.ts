import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/**
 * What an earlier try of the same node run decided for one item: it went out (with the output
 * it produced), or it may have gone out (the failure that left its outcome unknown).
 */
export type Decision =
	| { kind: 'sent'; json: IDataObject }
	| { kind: 'mayHaveGone'; error: unknown; recipient?: string };

/**
 * Remembers, across n8n's Retry On Fail tries of one run of a node, which items went out or
 * may have. n8n re-runs the whole node on a retry — every item again, including those the
 * previous try sent — so a send operation asks the ledger first and only sends what no earlier
 * try sent or may have sent; items proven unsent are not recorded and go out again.
 *
 * n8n calls the node once per try with the same execute data (the node's entry on the
 * execution stack, `getExecuteData()`), and with a new one for every other run of the node
 * (a loop, another tool call of an agent). Keyed by it, the ledger lives exactly as long as that
 * run: it is dropped with the execution, never written to the database.
 */
const ledgers = new WeakMap<object, Map<number, Decision>>();

export interface RunLedger {
	/** The earlier try's decision for the item, if any. */
	decided(itemIndex: number): Decision | undefined;
	record(itemIndex: number, decision: Decision): void;
}

/** A ledger that remembers nothing, for contexts without a run of their own. */
const NO_LEDGER: RunLedger = { decided: () => undefined, record: () => {} };

export function runLedger(context: IExecuteFunctions): RunLedger {
	const executeData =
		typeof context.getExecuteData === 'function' ? context.getExecuteData() : undefined;
	// Under a legacy agent's tool call the execute data is the agent's own, shared by all its
	// tool calls: there the node keeps no ledger (nothing may be replayed into another call).
	if (!executeData || executeData.node?.name !== context.getNode().name) return NO_LEDGER;
	let decisions = ledgers.get(executeData);
	if (!decisions) {
		decisions = new Map();
		ledgers.set(executeData, decisions);
	}
	const entries = decisions;
	return {
		decided: (itemIndex) => entries.get(itemIndex),
		record: (itemIndex, decision) => {
			entries.set(itemIndex, decision);
		},
	};
}
