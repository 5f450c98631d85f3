import fc from 'fast-check';

/**
 * Generated templates of literal text and `{{ $json… }}` references, and items holding values of
 * every kind at the referenced paths, for the property tests of nodes/helpers/fieldTemplate.ts.
 */

/** Names n8n's sandbox refuses, names every object inherits, names the VM bridges use. */
export const SPECIAL_NAMES = [
	'constructor',
	'caller',
	'arguments',
	'prototype',
	'callee',
	'binding',
	'mainModule',
	'__proto__',
	'_load',
	'dlopen',
	'toString',
	'valueOf',
	'hasOwnProperty',
	'__defineGetter__',
	'__isError',
	'__isObject',
	'__keys',
	'isProxy',
	'length',
	'$item',
	'$',
	'if',
	'class',
	'in',
	'',
];

const LONE_SURROGATE = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');

const PLAIN_CHARACTER = fc.oneof(
	{
		weight: 6,
		arbitrary: fc.constantFrom('a', 'Z', ' ', 'è', 'ñ', '✓', '😀', '中', ',', '!', '.'),
	},
	{ weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);

/** Everyday text: letters of any script, emoji, spaces, punctuation. */
export const plainText = (maxLength = 12, minLength = 0) =>
	fc.string({ unit: PLAIN_CHARACTER, minLength, maxLength });

/** Text of any kind: unicode, line breaks, braces, backslashes, quotes, bits of JavaScript. */
export const anyText = (maxLength = 12) =>
	fc.string({
		unit: fc.oneof(
			{ weight: 30, arbitrary: PLAIN_CHARACTER },
			{ weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
			{
				weight: 4,
				arbitrary: fc.constantFrom(
					'{',
					'}',
					'{{',
					'}}',
					'\\',
					'"',
					"'",
					'`',
					'$',
					'$json',
					'.constructor',
					'. constructor',
					'\n',
					'\r\n',
					'\t',
					'\u2028',
					'\u00a0',
				),
			},
			{ weight: 1, arbitrary: LONE_SURROGATE },
		),
		maxLength,
	});

const IDENTIFIER = fc.stringMatching(/^[A-Za-z_$][\w$]{0,7}$/);

/** A field name: an identifier, any text (for `["…"]`), or one of the special names. */
export const fieldName = fc.oneof(
	{ weight: 14, arbitrary: IDENTIFIER },
	{ weight: 4, arbitrary: plainText(8, 1) },
	{ weight: 1, arbitrary: anyText(8) },
	{ weight: 1, arbitrary: fc.constantFrom(...SPECIAL_NAMES) },
);

const SPACE = fc.oneof(
	{ weight: 12, arbitrary: fc.constantFrom('', '', ' ', '  ', '\t', '\n', ' \r\n ') },
	{ weight: 1, arbitrary: fc.constantFrom('\u00a0', '\v', '\u2028') },
);

/** How one step is written: `.name` when it can be, otherwise (or by choice) `["name"]`/`['name']`. */
const stepText = (name: string) =>
	fc.constantFrom('dot', 'double', 'single').map((style) => {
		if (style === 'dot' && /^[A-Za-z_$][\w$]*$/.test(name)) return `.${name}`;
		return style === 'single' || name.includes('"') ? `['${name}']` : `["${name}"]`;
	});

export interface Reference {
	path: string[];
	code: string;
	/** The same reference in parentheses: the same expression to n8n, but not one the fast path takes. */
	wrapped: string;
}

export const reference: fc.Arbitrary<Reference> = fc
	.oneof(
		{ weight: 4, arbitrary: fc.tuple(fieldName) },
		{ weight: 2, arbitrary: fc.tuple(fieldName, fieldName) },
		{ weight: 1, arbitrary: fc.tuple(fieldName, fieldName, fieldName) },
	)
	.chain((path: string[]) =>
		fc.tuple(SPACE, fc.tuple(...path.map(stepText)), SPACE).map(([before, steps, after]) => ({
			path,
			code: `{{${before}$json${steps.join('')}${after}}}`,
			wrapped: `{{${before}($json${steps.join('')})${after}}}`,
		})),
	);

export interface GeneratedTemplate {
	expression: string;
	/** The same template with every reference in parentheses: n8n evaluates it all. */
	evaluated: string;
	paths: string[][];
}

/** A parameter value: `=` then literal text and references, or a single reference. */
export const template: fc.Arbitrary<GeneratedTemplate> = fc.oneof(
	{
		weight: 1,
		arbitrary: reference.map(({ path, code, wrapped }) => ({
			expression: `=${code}`,
			evaluated: `=${wrapped}`,
			paths: [path],
		})),
	},
	{
		weight: 4,
		arbitrary: fc
			.array(
				fc.oneof(
					{ weight: 4, arbitrary: plainText(10) },
					{ weight: 1, arbitrary: anyText(10) },
					{ weight: 4, arbitrary: reference },
				),
				{ minLength: 1, maxLength: 6 },
			)
			.map((parts) => ({
				expression: `=${parts.map((part) => (typeof part === 'string' ? part : part.code)).join('')}`,
				evaluated: `=${parts.map((part) => (typeof part === 'string' ? part : part.wrapped)).join('')}`,
				paths: parts.filter((part) => typeof part !== 'string').map((part) => part.path),
			})),
	},
);

/** A field value of any kind, as items carry them (from JSON, a Code node, another node). */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
	{ weight: 3, arbitrary: plainText(16) },
	{ weight: 1, arbitrary: anyText(16) },
	{ weight: 1, arbitrary: fc.constantFrom('Ana', '', ' ', '0', 'false', '+393201234567') },
	{ weight: 2, arbitrary: fc.integer() },
	{ weight: 2, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 5e-7) },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.constant(undefined) },
	{
		weight: 1,
		arbitrary: fc.oneof(
			fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
			fc.object({ maxDepth: 1, maxKeys: 3 }),
		),
	},
);

/** Sets `value` at `path` as own properties (also for names such as `__proto__`). */
function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
	let object = target;
	for (const key of path.slice(0, -1)) {
		const next = Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
		if (next === null || typeof next !== 'object' || Array.isArray(next)) {
			const created: Record<string, unknown> = {};
			Object.defineProperty(object, key, {
				value: created,
				enumerable: true,
				writable: true,
				configurable: true,
			});
			object = created;
		} else object = next as Record<string, unknown>;
	}
	Object.defineProperty(object, path[path.length - 1], {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

const VALUE_CHOICES = ['value', 'value', 'value', 'value', 'value', 'value', 'missing', 'broken'];

/**
 * Items for a template: mostly holding a value at each referenced path, sometimes missing it
 * or holding something else (text, null, a list) where the path expects an object.
 */
export const itemsFor = (paths: string[][]) =>
	fc.array(
		fc
			.tuple(
				...paths.map((path) =>
					fc.tuple(
						fc.constantFrom(...VALUE_CHOICES),
						fieldValue,
						fc.nat({ max: Math.max(0, path.length - 1) }),
					),
				),
			)
			.map((choices) => {
				const item: Record<string, unknown> = {};
				choices.forEach(([choice, value, depth], index) => {
					const path = paths[index];
					if (choice === 'value') setPath(item, path, value);
					if (choice === 'broken') setPath(item, path.slice(0, depth + 1), value);
				});
				return item;
			}),
		{ minLength: 1, maxLength: 4 },
	);

/** A template with items to resolve it for. */
export const templateCase = template.chain(({ expression, evaluated, paths }) =>
	itemsFor(paths).map((items) => ({ expression, evaluated, items })),
);
