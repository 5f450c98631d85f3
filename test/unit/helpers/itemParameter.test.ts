import type { IExecuteFunctions } from 'n8n-workflow';

import fc from 'fast-check';

import { itemParameter, plainFieldPath, stringAtPath } from '../../../nodes/helpers/itemParameter';

function context(parameters: Record<string, unknown>, items: Array<Record<string, unknown>> = []) {
	const calls: Array<[string, number]> = [];
	const ctx = {
		getNode: () => ({ parameters }),
		getInputData: () => items.map((json) => ({ json })),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.push([name, itemIndex]);
			return `${String(parameters[name])}#${itemIndex}`;
		},
	} as unknown as IExecuteFunctions;
	return { ctx, calls };
}

describe('itemParameter', () => {
	it('resolves a parameter without expressions once, for every item', () => {
		const { ctx, calls } = context({ sender: 'MyShop', options: { timeout: 1000 } });
		const sender = itemParameter(ctx, 'sender', '');
		expect([0, 1, 2].map(sender)).toEqual(['MyShop#0', 'MyShop#0', 'MyShop#0']);
		itemParameter(ctx, 'options', {});
		expect(calls).toEqual([
			['sender', 0],
			['options', 0],
		]);
	});

	it('resolves an expression, even one nested in a collection, per item', () => {
		const { ctx, calls } = context({
			recipient: '={{ $json.phone.trim() }}',
			options: { duplicateKey: '={{ $json.id }}' },
		});
		const recipient = itemParameter(ctx, 'recipient', '');
		const options = itemParameter(ctx, 'options', {});
		recipient(0);
		recipient(1);
		options(1);
		expect(calls).toEqual([
			['recipient', 0],
			['recipient', 1],
			['options', 1],
		]);
	});
});

describe('plainFieldPath', () => {
	it.each([
		['={{ $json.phone }}', ['phone']],
		['={{$json.phone}}', ['phone']],
		['={{ $json.contact.mobile }}', ['contact', 'mobile']],
		['={{ $json["Mobile number"] }}', ['Mobile number']],
		["={{ $json['cell'].home }}", ['cell', 'home']],
		['={{ $json.$id }}', ['$id']],
	])('reads %s as a field path', (expression, path) => {
		expect(plainFieldPath(expression)).toEqual(path);
	});

	it.each([
		'={{ $json.phone.trim() }}',
		'={{ $json.phone + "" }}',
		'={{ $json }}',
		'={{ $json.phone }} ',
		'=+{{ $json.phone }}',
		'={{ $json.a }}{{ $json.b }}',
		'={{ $json.constructor }}',
		'={{ $json["__proto__"] }}',
		'={{ $json.toString }}',
		'={{ $json[""] }}',
		'={{ $json["a\\"b"] }}',
		'={{ $json[0] }}',
		'={{ $item(0).$node["A"].json.phone }}',
		'={{ $("Recipients").item.json.phone }}',
		'$json.phone',
	])('leaves %s to n8n', (expression) => {
		expect(plainFieldPath(expression)).toBeUndefined();
	});

	it('finds every identifier path written with dots (property)', () => {
		const identifier = fc
			.stringMatching(/^[A-Za-z_$][\w$]{0,12}$/)
			.filter((key) => !(key in Object.prototype));
		fc.assert(
			fc.property(fc.array(identifier, { minLength: 1, maxLength: 4 }), (path) => {
				expect(plainFieldPath(`={{ $json.${path.join('.')} }}`)).toEqual(path);
			}),
		);
	});
});

describe('stringAtPath', () => {
	it("returns only a string held in the item's own fields", () => {
		expect(stringAtPath({ a: { b: 'x' } }, ['a', 'b'])).toBe('x');
		expect(stringAtPath({ a: 5 }, ['a'])).toBeUndefined();
		expect(stringAtPath({ a: null }, ['a'])).toBeUndefined();
		expect(stringAtPath({ a: { b: ['x'] } }, ['a', 'b'])).toBeUndefined();
		expect(stringAtPath({}, ['a'])).toBeUndefined();
		expect(stringAtPath(Object.create({ a: 'inherited' }), ['a'])).toBeUndefined();
		expect(stringAtPath(undefined, ['a'])).toBeUndefined();
	});
});

describe('itemParameter with a plain field reference', () => {
	it('reads string fields from the items and asks n8n only for the others', () => {
		const items = [{ phone: '+393201111111' }, { phone: 3932022 }, {}, { phone: '+393203333333' }];
		const { ctx, calls } = context({ recipient: '={{ $json.phone }}' }, items);
		const recipient = itemParameter(ctx, 'recipient', '');
		expect([0, 1, 2, 3].map(recipient)).toEqual([
			'+393201111111',
			'={{ $json.phone }}#1',
			'={{ $json.phone }}#2',
			'+393203333333',
		]);
		expect(calls).toEqual([
			['recipient', 1],
			['recipient', 2],
		]);
	});
});
