import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { describeValue } from './describeValue';
import type { Guardrails, GuardrailOptions } from './guardrails';
import { parseGuardrails } from './guardrails';
import type { PerItem } from './parameterReader';
import { parameterReader } from './parameterReader';

export interface SendingOptions {
	concurrency?: number;
	reuseConnections?: boolean;
	messagesPerSecond?: number;
	duplicateGuard?: boolean;
	duplicateKey?: string;
}

export const DEFAULT_CONCURRENCY = 20;
export const MAX_CONCURRENCY = 200;

/** What every send operation reads besides its own fields: dry run, guardrails, sending options. */
export interface SendSetup {
	/** Dry Run, per item: an expression may preview some items and send others. */
	dryRun: PerItem<boolean>;
	/** Guardrails, per item for the same reason. */
	guardrails: PerItem<Guardrails>;
	/** How the run is carried out: read once, from the first item. */
	concurrency: number;
	messagesPerSecond: number;
	reuseConnections: boolean;
}

export function readSendSetup(context: IExecuteFunctions): SendSetup {
	const node = context.getNode();
	const read = parameterReader(context);
	const dryRun = read.value('dryRun', false);
	const guardrails = read.collection<GuardrailOptions>('guardrails');
	// Most workflows set the guardrails once; parse each distinct setting once.
	const parsed = new Map<string, ReturnType<typeof parseGuardrails>>();
	const options = read.collection<SendingOptions>('options')(0);
	return {
		dryRun: (itemIndex) => {
			const value = dryRun(itemIndex);
			if (typeof value === 'boolean') return value;
			if (value === 'true' || value === 'false') return value === 'true';
			// Not knowing whether to send is the one case where nothing may go out.
			throw new NodeOperationError(node, `'Dry Run' is not true or false [item ${itemIndex}]`, {
				itemIndex,
				description: `It resolved to ${describeValue(value)}. Map a boolean, e.g. {{ $json.test === true }}. Nothing was sent for this item.`,
			});
		},
		guardrails: (itemIndex) => {
			const raw = guardrails(itemIndex);
			const key = JSON.stringify(raw);
			let result = parsed.get(key);
			if (!result) {
				result = parseGuardrails(raw);
				parsed.set(key, result);
			}
			if (result.ok) return result.guardrails;
			throw new NodeOperationError(node, `${result.message} [item ${itemIndex}]`, {
				itemIndex,
				description: 'Nothing was sent for this item. Correct the guardrail in the node.',
			});
		},
		concurrency: wholeNumber(context, options.concurrency, 'Concurrency', DEFAULT_CONCURRENCY, 1),
		messagesPerSecond: positiveNumber(context, options.messagesPerSecond, 'Messages per Second'),
		reuseConnections: options.reuseConnections ?? true,
	};
}

/** A setting's value as the user wrote it (settings are no secret), or how n8n resolved it. */
function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number') return String(value);
	return describeValue(value);
}

function numeric(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && value.trim() !== '') return Number(value);
	return undefined;
}

function wholeNumber(
	context: IExecuteFunctions,
	value: unknown,
	name: string,
	fallback: number,
	min: number,
): number {
	if (value === undefined || value === null || value === '') return fallback;
	const number = numeric(value);
	if (
		number !== undefined &&
		Number.isInteger(number) &&
		number >= min &&
		number <= MAX_CONCURRENCY
	)
		return number;
	throw new NodeOperationError(
		context.getNode(),
		`The '${name}' option must be a whole number from ${min} to ${MAX_CONCURRENCY}`,
		{
			description: `It is ${shown(value)}. Nothing was sent. Set Options → ${name} to a number such as ${fallback}.`,
		},
	);
}

function positiveNumber(context: IExecuteFunctions, value: unknown, name: string): number {
	if (value === undefined || value === null || value === '') return 0;
	const number = numeric(value);
	if (number !== undefined && Number.isFinite(number) && number >= 0) return number;
	throw new NodeOperationError(context.getNode(), `The '${name}' option must be 0 or more`, {
		description: `It is ${shown(value)}. Nothing was sent. 0 means no limit.`,
	});
}

/**
 * The Duplicate Guard's key of an item, or undefined when the guard is off. The default covers
 * one execution: its id, the run of the node (Loop Over Items and repeated tool calls run the
 * node several times in one execution, each with items numbered from 0) and the item.
 */
export function duplicateKeyOf(
	context: IExecuteFunctions,
): (options: SendingOptions, itemIndex: number) => string | undefined {
	let runKey: string | undefined;
	return (options, itemIndex) => {
		if (!options.duplicateGuard) return undefined;
		const custom = String(options.duplicateKey ?? '').trim();
		if (custom !== '') return `key:${custom}`;
		runKey ??= `execution:${context.getExecutionId()}:${runIndexOf(context)}`;
		return `${runKey}:${itemIndex}`;
	};
}

function runIndexOf(context: IExecuteFunctions): number {
	const fromStack = context.getExecuteData?.().runIndex;
	if (typeof fromStack === 'number') return fromStack;
	const index = context.getWorkflowDataProxy(0).$runIndex;
	return typeof index === 'number' ? index : 0;
}
