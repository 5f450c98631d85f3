import fc from 'fast-check';

import { GatewayError } from '../../nodes/transport/errors';
import { FUZZ_RUNS, FUZZ_SEED, record } from './summary';

/** Longest any single input may take: anything slower is treated as a hang (catastrophic backtracking, loops). */
const SLOW_INPUT_MS = 2000;

const KINDS = new Set(['gateway', 'transport', 'reply']);

export class FuzzFailure extends Error {}

export function check(condition: unknown, what: string): asserts condition {
	if (!condition) throw new FuzzFailure(what);
}

/** A GatewayError whose details have the documented shape. */
export function checkGatewayError(error: unknown): GatewayError {
	if (!(error instanceof GatewayError)) {
		throw new FuzzFailure(
			`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)} instead of a GatewayError`,
		);
	}
	const d = error.details;
	check(KINDS.has(d.kind), `kind ${d.kind}`);
	check(d.gateway === 'MobilePronto' || d.gateway === 'smSend', 'gateway');
	check(typeof d.code === 'string' && d.code !== '', 'code');
	check(
		typeof d.message === 'string' && d.message !== '' && d.message === error.message,
		'message',
	);
	check(d.message.length <= 600, `message of ${d.message.length} characters`);
	check(typeof d.description === 'string' && d.description !== '', 'description');
	check(typeof d.retryable === 'boolean', 'retryable');
	check(d.raw === undefined || (typeof d.raw === 'string' && d.raw.length <= 501), 'raw');
	check(d.outcomeUnknown === undefined || typeof d.outcomeUnknown === 'boolean', 'outcomeUnknown');
	return error;
}

/** Runs `fn`; a result goes to `validate`, an exception must be a well-formed GatewayError. */
export function resultOrGatewayError<T>(
	fn: () => T,
	validate: (result: T) => void,
): 'result' | 'error' {
	let result: T;
	try {
		result = fn();
	} catch (error) {
		checkGatewayError(error);
		return 'error';
	}
	validate(result);
	return 'result';
}

function noPrototypePollution(): void {
	check(Object.keys(Object.prototype).length === 0, 'Object.prototype was polluted');
}

/**
 * One fuzzed parser: FUZZ_RUNS generated inputs (fixed seed), each within SLOW_INPUT_MS, and the
 * count reported to the summary.
 */
export function fuzz<T>(
	name: string,
	arbitrary: fc.Arbitrary<T>,
	property: (input: T) => void,
): void {
	it(`${name}: ${FUZZ_RUNS} generated inputs, each a result of the right shape or a GatewayError`, () => {
		let count = 0;
		fc.assert(
			fc.property(arbitrary, (input) => {
				count++;
				const started = performance.now();
				property(input);
				noPrototypePollution();
				const elapsed = performance.now() - started;
				check(elapsed < SLOW_INPUT_MS, `took ${Math.round(elapsed)} ms`);
			}),
			{
				numRuns: FUZZ_RUNS,
				seed: FUZZ_SEED,
				endOnFailure: process.env.HARDENING_NO_SHRINK === '1',
			},
		);
		record('parser', name, Math.min(count, FUZZ_RUNS));
	});
}

/* ------------------------------------------------------------------ */
/* Generators                                                          */
/* ------------------------------------------------------------------ */

/** Fragments that break naive parsers: markup, entities, quotes, BOM, controls, CSV/form syntax. */
export const NASTY_FRAGMENTS = [
	'<',
	'>',
	'&',
	'&amp;',
	'&lt;',
	'&#0;',
	'&#13;',
	'&#x110000;',
	'&#xD800;',
	'&#99999999999999999999;',
	'&bogus;',
	']]>',
	'<![CDATA[',
	']]>',
	'"',
	"'",
	'\u0000',
	'\u0001',
	'\uFEFF',
	'\uFFFE',
	'\uD800',
	'\uDC00',
	'😀',
	'é',
	'€',
	'<!DOCTYPE x [<!ENTITY a "bbbbbbbb">]>',
	'&a;',
	'<?xml version="1.0"?>',
	'<?php ?>',
	'<!-- c -->',
	'</soap:Body>',
	'<soap:Fault>',
	'<faultcode>KO 211</faultcode>',
	'<faultstring>x</faultstring>',
	'<item>',
	'</item>',
	'<item/>',
	' xsi:nil="true"',
	' xsi:type="SOAP-ENC:Array"',
	'__proto__',
	'<__proto__>',
	'</__proto__>',
	'<constructor>',
	'<prototype>',
	'KO',
	'OK',
	'KO ',
	'OK ',
	'\r\n',
	'\n',
	'\r',
	'\t',
	',',
	'""',
	'%2B',
	'%',
	'%ZZ',
	'%E0%A4%A',
	'+',
	'=',
	'<html>',
	'<!DOCTYPE html>',
	'000',
	'000:',
	':',
	'999',
	'-1',
	'1e309',
	'NaN',
];

export const nasty = fc.constantFrom(...NASTY_FRAGMENTS);

export const anyText = fc.oneof(
	{ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
	{ weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
	{
		weight: 3,
		arbitrary: fc
			.array(fc.oneof(nasty, fc.string({ maxLength: 6 })), { maxLength: 12 })
			.map((parts) => parts.join('')),
	},
);

type Mutation =
	| { op: 'truncate'; at: number }
	| { op: 'insert'; at: number; text: string }
	| { op: 'delete'; at: number; length: number }
	| { op: 'duplicate'; at: number; length: number }
	| { op: 'case'; at: number; length: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
	fc.record({
		op: fc.constant('insert' as const),
		at: fc.nat(),
		text: fc.oneof(nasty, fc.string({ unit: 'binary', maxLength: 8 })),
	}),
	fc.record({
		op: fc.constant('delete' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 30 }),
	}),
	fc.record({
		op: fc.constant('duplicate' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 60 }),
	}),
	fc.record({
		op: fc.constant('case' as const),
		at: fc.nat(),
		length: fc.integer({ min: 1, max: 30 }),
	}),
);

function mutate(text: string, mutations: Mutation[]): string {
	let out = text;
	for (const m of mutations) {
		const at = m.at % (out.length + 1);
		if (m.op === 'truncate') out = out.slice(0, at);
		else if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
		else if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
		else if (m.op === 'duplicate')
			out = out.slice(0, at + m.length) + out.slice(at, at + m.length) + out.slice(at + m.length);
		else {
			const part = out.slice(at, at + m.length);
			const flipped = part === part.toUpperCase() ? part.toLowerCase() : part.toUpperCase();
			out = out.slice(0, at) + flipped + out.slice(at + m.length);
		}
	}
	return out;
}

/** Real replies with up to four random mutations each (truncation, insertion of nasty fragments, deletion, …). */
export function mutated(corpus: string[]): fc.Arbitrary<string> {
	return fc
		.tuple(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 0, maxLength: 4 }))
		.map(([text, mutations]) => mutate(text, mutations));
}

/** A mix: mostly near-valid (mutated real replies and structured ones), some random text. */
export function replies(corpus: string[], structured?: fc.Arbitrary<string>): fc.Arbitrary<string> {
	const arbitraries = [
		{ weight: 5, arbitrary: mutated(corpus) },
		{ weight: 2, arbitrary: anyText },
	];
	if (structured) arbitraries.push({ weight: 4, arbitrary: structured });
	return fc.oneof(...arbitraries);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isWellFormed(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

/** Any Unicode text without lone surrogates (which no encoding can carry). */
export const unicodeText = fc.string({ unit: 'binary', maxLength: 80 }).filter(isWellFormed);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		!Array.isArray(value) &&
		Object.getPrototypeOf(value) === Object.prototype
	);
}
