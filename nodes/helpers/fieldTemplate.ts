import { isSafeObjectProperty } from 'n8n-workflow';

/**
 * Templates made of literal text and references to fields of the current item, such as
 * `=Ciao {{ $json.name }}, il tuo ordine {{ $json["order"] }} è partito.`, resolved without
 * n8n's expression engine but to exactly the text n8n gives them.
 *
 * n8n (its template compiler, Tournament, with n8n's sandbox rules) turns such a template into
 * `[text, ref, text, …].join('')` where each reference is `v || v === 0 || v === false ? v : ''`:
 * a string stays as it is, a number or boolean becomes its text, and null, undefined, '' and NaN
 * become nothing. A parameter that is one reference and nothing else is the referenced value
 * itself, not text. The same holds in every engine n8n offers (`legacy`, `vm` on isolated-vm,
 * `quickjs`) and in n8n 1.x, as the property tests in test/workflow/fieldTemplate.workflow.test.ts
 * check against each of them.
 *
 * This module accepts only what it can resolve to that same result and says `undefined` for
 * everything else, which the caller hands to n8n:
 * - a template with a backslash (n8n's escapes), with `.constructor` anywhere (n8n refuses the
 *   whole expression), or with text that is not well-formed UTF-16;
 * - any `{{ … }}` that is not exactly `$json` followed by `.name` or `["name"]` / `['name']`
 *   steps (with spaces, tabs or line breaks around it);
 * - a step name that n8n's sandbox refuses (`caller`, `arguments`, `prototype`, …), that an
 *   object inherits (`toString`, `__proto__`, …), that the VM bridges use for themselves
 *   (`__…`), or that is empty;
 * - and, per item: a step through anything but a plain object, a value that is an object, an
 *   array, a bigint, a symbol or a function, text that is not well-formed UTF-16, and for a
 *   parameter that is a single reference, any value but a string.
 */

/** Literal text, or the field path of a `{{ $json… }}` reference. */
export type TemplatePart = string | readonly string[];

export interface FieldTemplate {
	parts: readonly TemplatePart[];
	/** The parameter is one reference and nothing else: n8n gives the value, not text. */
	single: boolean;
}

/** Property names n8n's expression sandbox refuses (n8n-workflow `isSafeObjectProperty`, 2.40 and 1.x). */
const REFUSED_BY_N8N = new Set([
	'__proto__',
	'prototype',
	'constructor',
	'getPrototypeOf',
	'setPrototypeOf',
	'getOwnPropertyDescriptor',
	'getOwnPropertyDescriptors',
	'defineProperty',
	'defineProperties',
	'mainModule',
	'binding',
	'_linkedBinding',
	'_load',
	'prepareStackTrace',
	'__lookupGetter__',
	'__lookupSetter__',
	'__defineGetter__',
	'__defineSetter__',
	'caller',
	'callee',
	'arguments',
	'getBuiltinModule',
	'dlopen',
	'execve',
	'loadEnvFile',
]);

/** The running n8n's own rule, where it has one, for names added after this list was made. */
const n8nAllows: ((name: string) => boolean) | undefined =
	typeof isSafeObjectProperty === 'function' ? isSafeObjectProperty : undefined;

/** Whether a step name is one this module resolves itself (see the module comment). */
export function isPlainFieldName(name: string): boolean {
	return (
		name !== '' &&
		// n8n allows `$` as a name only at the end of an expression (DollarSignValidator).
		name !== '$' &&
		!REFUSED_BY_N8N.has(name) &&
		(n8nAllows?.(name) ?? true) &&
		!(name in Object.prototype) &&
		!name.startsWith('__') &&
		isWellFormed(name)
	);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(text: string): boolean {
	return !LONE_SURROGATE.test(text);
}

// Inside {{ }}: `$json` then steps, with only spaces, tabs and line breaks around them.
const REFERENCE =
	/^[ \t\n\r]*\$json((?:\.[A-Za-z_$][\w$]*|\[(?:"[^"\n\r\u2028\u2029]*"|'[^'\n\r\u2028\u2029]*')\])+)[ \t\n\r]*$/;
const STEP = /\.([A-Za-z_$][\w$]*)|\[(?:"([^"]*)"|'([^']*)')\]/g;
// n8n refuses an expression in which this appears anywhere, literal text included.
const CONSTRUCTOR_CALL = /\.\s*constructor/;

function referencePath(code: string): string[] | undefined {
	const match = REFERENCE.exec(code);
	if (!match) return undefined;
	const path: string[] = [];
	for (const step of match[1].matchAll(STEP)) path.push(step[1] ?? step[2] ?? step[3]);
	return path.every(isPlainFieldName) ? path : undefined;
}

/**
 * The template in a parameter value (`=` followed by text and `{{ }}` references), split the
 * way n8n splits it; undefined when any part of it is outside what this module resolves.
 */
export function parseFieldTemplate(value: string): FieldTemplate | undefined {
	if (!value.startsWith('=')) return undefined;
	const body = value.slice(1);
	if (body.includes('\\') || CONSTRUCTOR_CALL.test(body) || !isWellFormed(body)) return undefined;
	const parts: TemplatePart[] = [];
	let position = 0;
	while (position < body.length) {
		const open = body.indexOf('{{', position);
		if (open === -1) {
			parts.push(body.slice(position));
			break;
		}
		if (open > position) parts.push(body.slice(position, open));
		const close = body.indexOf('}}', open + 2);
		if (close === -1) return undefined;
		const path = referencePath(body.slice(open + 2, close));
		if (!path) return undefined;
		parts.push(path);
		position = close + 2;
	}
	if (!parts.some((part) => typeof part !== 'string')) return undefined;
	return { parts, single: parts.length === 1 };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (value === null || typeof value !== 'object') return false;
	return Object.getPrototypeOf(value) === Object.prototype;
}

const DECLINE = Symbol('decline');

function valueAt(json: unknown, path: readonly string[]): unknown {
	let value: unknown = json;
	for (const key of path) {
		// A step through null, undefined or a non-object is an error or engine-specific in n8n.
		if (!isPlainObject(value)) return DECLINE;
		value = Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
	}
	return value;
}

/** How n8n writes one referenced value into a template; undefined when it is left to n8n. */
function asTemplateText(value: unknown): string | undefined {
	switch (typeof value) {
		case 'string':
			return isWellFormed(value) ? value : undefined;
		case 'number':
			return Number.isNaN(value) ? '' : String(value);
		case 'boolean':
			return String(value);
		case 'undefined':
			return '';
		case 'object':
			return value === null ? '' : undefined;
		default:
			return undefined;
	}
}

/**
 * The text n8n gives `template` for an item whose fields are `json`, or undefined when this
 * item's values are outside what this module resolves (then ask n8n).
 */
export function renderFieldTemplate(template: FieldTemplate, json: unknown): string | undefined {
	if (template.single) {
		const value = valueAt(json, template.parts[0] as readonly string[]);
		return typeof value === 'string' && isWellFormed(value) ? value : undefined;
	}
	let text = '';
	for (const part of template.parts) {
		if (typeof part === 'string') {
			text += part;
			continue;
		}
		const value = valueAt(json, part);
		if (value === DECLINE) return undefined;
		const piece = asTemplateText(value);
		if (piece === undefined) return undefined;
		text += piece;
	}
	return text;
}
