import fc from 'fast-check';

import {
	isPlainFieldName,
	parseFieldTemplate,
	renderFieldTemplate,
} from '../../../nodes/helpers/fieldTemplate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { evaluateCases } = require('../../helpers/n8nExpressions') as {
	evaluateCases: (
		target: { workflowDir: string; engine: 'legacy' },
		cases: Array<{ expression: string; items: unknown[] }>,
	) => Promise<Array<Array<{ type: string; value?: string; message?: string }>>>;
};

const render = (expression: string, json: unknown) => {
	const template = parseFieldTemplate(expression);
	return template && renderFieldTemplate(template, json);
};

describe('parseFieldTemplate', () => {
	it.each([
		['={{ $json.phone }}', [['phone']], true],
		['={{$json.phone}}', [['phone']], true],
		['={{\n\t$json.contact.mobile \r\n}}', [['contact', 'mobile']], true],
		['={{ $json["Mobile number"] }}', [['Mobile number']], true],
		["={{ $json['cell'].home }}", [['cell', 'home']], true],
		['={{ $json.$id }}', [['$id']], true],
		['={{ $json["ñome 😀"] }}', [['ñome 😀']], true],
		['=Ciao {{ $json.name }}!', ['Ciao ', ['name'], '!'], false],
		['= {{ $json.a }}{{ $json.b }}', [' ', ['a'], ['b']], false],
		['={{ $json.a }}}', [['a'], '}'], false],
		['=a}}b{{ $json["x{{y"] }}', ['a}}b', ['x{{y']], false],
	])('reads %s', (expression, parts, single) => {
		expect(parseFieldTemplate(expression)).toEqual({ parts, single });
	});

	it.each([
		// not an expression, or no reference
		'$json.phone',
		'=Ciao',
		'=',
		// anything but a field reference inside {{ }}
		'={{ $json.phone.trim() }}',
		'={{ $json.phone + "" }}',
		'={{ ($json.phone) }}',
		'={{ $json }}',
		'={{ $json[0] }}',
		'={{ $json?.phone }}',
		'={{ $json .phone }}',
		'={{ $json[ "a" ] }}',
		'={{ /* c */ $json.a }}',
		'={{\u00a0$json.a }}',
		'={{ $item(0).$node["A"].json.phone }}',
		'={{ $("Recipients").item.json.phone }}',
		'={{ $json.a }',
		'=Hi {{ $json.a',
		'={{{ $json.a }}',
		'={{}}',
		// names n8n refuses, inherited names, names the VM bridges use, empty names, `$`
		'={{ $json.caller }}',
		'={{ $json.arguments }}',
		'={{ $json.prototype }}',
		'={{ $json.callee }}',
		'={{ $json.binding }}',
		'={{ $json.mainModule }}',
		'={{ $json["caller"] }}',
		'={{ $json.a.constructor }}',
		'={{ $json["__proto__"] }}',
		'={{ $json.toString }}',
		'={{ $json.__isError }}',
		'={{ $json[""] }}',
		'={{ $json.$.a }}',
		// escapes, `.constructor` anywhere, text that is not well-formed
		'=a\\{{ $json.a }}',
		'={{ $json["a\\"b"] }}',
		'=Mr.constructor {{ $json.a }}',
		'=Mr. constructor {{ $json.a }}',
		'=\ud800 {{ $json.a }}',
		'={{ $json["a\nb"] }}',
	])('leaves %j to n8n', (expression) => {
		expect(parseFieldTemplate(expression)).toBeUndefined();
	});

	it('finds every identifier path written with dots (property)', () => {
		const identifier = fc.stringMatching(/^[A-Za-z_$][\w$]{0,12}$/).filter(isPlainFieldName);
		fc.assert(
			fc.property(fc.array(identifier, { minLength: 1, maxLength: 4 }), (path) => {
				expect(parseFieldTemplate(`={{ $json.${path.join('.')} }}`)).toEqual({
					parts: [path],
					single: true,
				});
			}),
		);
	});
});

describe('renderFieldTemplate', () => {
	const message = '=Ciao {{ $json.name }}, il tuo ordine {{ $json.order }} è partito.';

	it('writes strings, numbers and booleans as n8n does, and null, missing and NaN as nothing', () => {
		expect(render(message, { name: 'Ana', order: 1042 })).toBe(
			'Ciao Ana, il tuo ordine 1042 è partito.',
		);
		expect(render(message, { name: true, order: -0 })).toBe(
			'Ciao true, il tuo ordine 0 è partito.',
		);
		expect(render(message, { name: null, order: NaN })).toBe('Ciao , il tuo ordine  è partito.');
		expect(render(message, {})).toBe('Ciao , il tuo ordine  è partito.');
		expect(render(message, { name: 'Bo', order: 1e21 })).toBe(
			'Ciao Bo, il tuo ordine 1e+21 è partito.',
		);
		expect(render('={{ $json.a.b }}!', { a: { b: 2.5 } })).toBe('2.5!');
	});

	it('leaves objects, lists, broken paths, odd values and non-text single references to n8n', () => {
		expect(render(message, { name: { first: 'Ana' } })).toBeUndefined();
		expect(render(message, { name: ['Ana'] })).toBeUndefined();
		expect(render(message, { name: new Date(0) })).toBeUndefined();
		expect(render(message, { name: 10n })).toBeUndefined();
		expect(render(message, { name: '\udc00' })).toBeUndefined();
		expect(render('=x{{ $json.a.b }}', {})).toBeUndefined();
		expect(render('=x{{ $json.a.b }}', { a: 'text' })).toBeUndefined();
		expect(render('=x{{ $json.a.b }}', { a: null })).toBeUndefined();
		expect(render('=x{{ $json.a.b }}', { a: Object.create({ b: 'inherited' }) })).toBeUndefined();
		expect(render('={{ $json.a }}', { a: 5 })).toBeUndefined();
		expect(render('={{ $json.a }}', { a: null })).toBeUndefined();
		expect(render('={{ $json.a }}', {})).toBeUndefined();
		expect(render('={{ $json.a }}', { a: 'text' })).toBe('text');
	});

	it('reads only fields of the item itself, not inherited ones', () => {
		const json = Object.assign(Object.create({ name: 'inherited' }) as object, { order: 1 });
		expect(render(message, json)).toBeUndefined();
		expect(render(message, { order: 1 })).toBe('Ciao , il tuo ordine 1 è partito.');
	});
});

describe('names n8n refuses', () => {
	const names = ['caller', 'arguments', 'prototype', 'callee', 'binding', 'mainModule'];

	it.each(names)(
		'n8n refuses $json.%s, in a template or alone, and so the fast path leaves it to n8n',
		async (name) => {
			const expressions = [`={{ $json.${name} }}`, `=Hi {{ $json["${name}"] }}`];
			const n8n = await evaluateCases(
				{ workflowDir: require.resolve('n8n-workflow'), engine: 'legacy' },
				expressions.map((expression) => ({ expression, items: [{ [name]: 'x' }] })),
			);
			for (const [outcome] of n8n) {
				expect(outcome).toEqual({
					type: 'error',
					message: `Cannot access "${name}" due to security concerns`,
				});
			}
			for (const expression of expressions) expect(parseFieldTemplate(expression)).toBeUndefined();
		},
	);
});
