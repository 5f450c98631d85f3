import fc from 'fast-check';
import { inspect } from 'node:util';

import type { FieldTemplate } from '../../nodes/helpers/fieldTemplate';
import { parseFieldTemplate, renderFieldTemplate } from '../../nodes/helpers/fieldTemplate';
import { engineTargets, evaluateWithN8n } from '../helpers/n8nEngines';
import type { N8nOutcome, TemplateCase } from '../helpers/n8nEngines';
import { templateCase } from '../helpers/templateArbitraries';

/**
 * Whatever the fast path resolves itself must be exactly what n8n gives, in every expression
 * engine: generated templates (literal text of any kind mixed with `{{ $json… }}` references
 * with any spacing, nested paths, bracket names, names n8n refuses) over generated items
 * (strings, numbers, booleans, null, missing fields, objects, arrays, broken paths), each
 * evaluated by n8n-workflow's `workflow.expression.getParameterValue`, which is what n8n-core's
 * getNodeParameter calls. One batch per engine: the cases are drawn once with a seed that a
 * failure reports (TEMPLATE_SEED=<seed> draws the same ones again).
 */
const SEED = Number(process.env.TEMPLATE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env.TEMPLATE_RUNS ?? 800);
const cases: TemplateCase[] = fc.sample(templateCase, { numRuns: RUNS, seed: SEED });

/** The fast path's answer for each item of each case (undefined: left to n8n). */
const fastResults = cases.map(({ expression, items }) => {
	const template = parseFieldTemplate(expression);
	return items.map((json) => (template ? renderFieldTemplate(template, json) : undefined));
});

/** What kinds of value and template the resolved cases cover. */
function kindsCovered(): Set<string> {
	const kinds = new Set<string>();
	const kindOf = (value: unknown) => {
		if (value === null) return 'null';
		if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
		if (Object.is(value, -0)) return '-0';
		if (typeof value === 'string' && /[\u0080-\u{10ffff}]/u.test(value)) return 'unicode string';
		return typeof value;
	};
	cases.forEach(({ expression, items }, caseIndex) => {
		const template = parseFieldTemplate(expression) as FieldTemplate;
		items.forEach((json, itemIndex) => {
			if (fastResults[caseIndex][itemIndex] === undefined) return;
			if (template.single) kinds.add('single reference');
			if (/\$json\s*\[/.test(expression)) kinds.add('bracket name');
			if (/\{\{\s*\n/.test(expression)) kinds.add('line break inside {{ }}');
			for (const part of template.parts) {
				if (typeof part === 'string') continue;
				if (part.length > 1) kinds.add('nested path');
				let value: unknown = json;
				for (const key of part)
					value = Object.prototype.hasOwnProperty.call(value, key)
						? (value as Record<string, unknown>)[key]
						: undefined;
				kinds.add(kindOf(value));
			}
		});
	});
	return kinds;
}

function mismatches(n8n: N8nOutcome[][]): string[] {
	const found: string[] = [];
	cases.forEach(({ expression, items }, caseIndex) =>
		items.forEach((json, itemIndex) => {
			const fast = fastResults[caseIndex][itemIndex];
			const given = n8n[caseIndex][itemIndex];
			if (fast === undefined) return;
			if (given.type === 'string' && (given as { value: string }).value === fast) return;
			found.push(
				`${inspect(expression)} with ${inspect(json, { depth: 4 })}: fast path ${inspect(fast)}, n8n ${inspect(given)}`,
			);
		}),
	);
	return found;
}

describe(`templates resolved by the fast path give what n8n gives (seed ${SEED}, ${RUNS} templates)`, () => {
	const resolved = fastResults.flat().filter((text) => text !== undefined).length;
	const evaluations = fastResults.flat().length;

	it('resolves a good share of the generated cases, of every kind, itself (else the comparison proves little)', () => {
		expect(resolved / evaluations).toBeGreaterThan(0.2);
		expect(resolved / evaluations).toBeLessThan(0.95);
		expect([...kindsCovered()].sort()).toEqual(
			expect.arrayContaining([
				'-0',
				'NaN',
				'boolean',
				'bracket name',
				'line break inside {{ }}',
				'nested path',
				'null',
				'number',
				'single reference',
				'string',
				'undefined',
				'unicode string',
			]),
		);
	});

	for (const target of engineTargets()) {
		const run = target.unavailable ? it.skip : it;
		const note = target.unavailable ? ` — ${target.unavailable}` : '';
		run(
			`${target.label}${note}`,
			async () => {
				const n8n = await evaluateWithN8n(target, cases);
				const found = mismatches(n8n);
				if (found.length > 0)
					throw new Error(
						`${found.length} of ${resolved} resolved values differ from n8n (${target.label}, TEMPLATE_SEED=${SEED}):\n${found.slice(0, 8).join('\n')}`,
					);
				// n8n really answered: for these cases it refuses some and resolves most.
				const outcomes = n8n.flat();
				expect(outcomes.some((outcome) => outcome.type === 'error')).toBe(true);
				expect(outcomes.filter((outcome) => outcome.type === 'string').length).toBeGreaterThan(
					resolved,
				);
			},
			180_000,
		);
	}
});
