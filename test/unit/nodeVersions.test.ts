import type { INode, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { MobilePronto } from '../../nodes/MobilePronto/MobilePronto.node';
import { SmSend } from '../../nodes/SmSend/SmSend.node';
import { SmSendTrigger } from '../../nodes/SmSend/SmSendTrigger.node';
import { COUNTRY_OPTIONS, TIME_ZONE_OPTIONS } from '../../nodes/helpers/optionLists';
import type { ParameterShape } from '../helpers/parameterShape';
import { parameterShapes } from '../helpers/parameterShape';
// The forms of version 1 as released in 0.1.0 (names, types, defaults and option values of every
// parameter, per resource and operation), extracted from that build with test/helpers/parameterShape.
import releasedV1 from './parameters-v1.json';

const NODES: Record<string, INodeTypeDescription> = {
	mobilePronto: new MobilePronto().description,
	smSend: new SmSend().description,
	smSendTrigger: new SmSendTrigger().description,
};

/** Where the forms of two versions differ: `operation parameter[.field]: what`. */
function differences(
	before: Record<string, ParameterShape[]>,
	after: Record<string, ParameterShape[]>,
): string[] {
	const out: string[] = [];
	const compare = (where: string, a: ParameterShape[], b: ParameterShape[]) => {
		const names = [...new Set([...a.map((p) => p.name), ...b.map((p) => p.name)])];
		for (const name of names) {
			const x = a.filter((p) => p.name === name);
			const y = b.filter((p) => p.name === name);
			if (x.length === 0) out.push(`${where}${name}: added (${y[0].type})`);
			else if (y.length === 0) out.push(`${where}${name}: removed`);
			else if (x.length === 1 && y.length === 1) {
				const { fields: fx = [], values: vx, ...restX } = x[0];
				const { fields: fy = [], values: vy, ...restY } = y[0];
				if (JSON.stringify(restX) !== JSON.stringify(restY))
					out.push(`${where}${name}: ${x[0].type} → ${y[0].type}`);
				else if (JSON.stringify(vx) !== JSON.stringify(vy)) out.push(`${where}${name}: values`);
				compare(`${where}${name}.`, fx, fy);
			} else if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`${where}${name}: changed`);
		}
	};
	for (const key of Object.keys({ ...before, ...after }))
		compare(`${key} `, before[key] ?? [], after[key] ?? []);
	return out;
}

/**
 * Parameters added to every version since 0.1.0: each one's default does what the node did
 * before it existed (all messages emitted, one row per status, the old parallelism only faster),
 * so saved workflows keep their behaviour; the features they add are opt-in or only add fields.
 */
// Smart Encoding and Credit Pre-Flight: off when absent in version 1 (its default there is false),
// on when absent in 1.1 (default true); the test below pins both defaults.
const SEND_SMS_OPTIONS = [
	'sms:send options.smartEncoding: added (boolean)',
	'sms:send options.creditPreflight: added (boolean)',
];
const ADDED_TO_EVERY_VERSION: Record<string, string[]> = {
	mobilePronto: [...SEND_SMS_OPTIONS],
	smSend: [
		'inbox:getMessages options.optOutKeywords: added (string)',
		'sms:getStatus output: added (options)',
		'sms:getStatus options: added (collection)',
		...SEND_SMS_OPTIONS,
	],
	smSendTrigger: [': options.optOutKeywords: added (string)', ': emit: added (options)'],
};

describe('node versions: saved workflows keep the form and behaviour of their version', () => {
	it.each(Object.keys(NODES))('%s accepts versions 1 and 1.1, new nodes get 1.1', (node) => {
		expect(NODES[node].version).toEqual([1, 1.1]);
		expect(NODES[node].defaultVersion).toBe(1.1);
	});

	it.each(Object.keys(NODES))(
		'%s version 1 shows exactly the parameters, types, defaults and values it had in 0.1.0, plus the additions every version has',
		(node) => {
			const released = (releasedV1 as Record<string, Record<string, ParameterShape[]>>)[node];
			expect(differences(released, parameterShapes(NODES[node], 1))).toEqual(
				ADDED_TO_EVERY_VERSION[node],
			);
		},
	);

	it('version 1.1 changes only lists for country and time zone and the MMS attachments', () => {
		const changes = Object.fromEntries(
			Object.keys(NODES).map((node) => [
				node,
				differences(
					(releasedV1 as Record<string, Record<string, ParameterShape[]>>)[node],
					parameterShapes(NODES[node], 1.1),
				),
			]),
		);
		const withAdditions = (node: string, own: string[]) =>
			[...own, ...ADDED_TO_EVERY_VERSION[node]].sort();
		expect(
			Object.fromEntries(Object.entries(changes).map(([node, list]) => [node, [...list].sort()])),
		).toEqual({
			mobilePronto: withAdditions('mobilePronto', [
				'sms:send options.defaultCountry: string → options',
			]),
			smSend: withAdditions('smSend', [
				'inbox:getMessages options.timeZone: string → options',
				'mms:send imageProperty: removed',
				'mms:send soundProperty: removed',
				'mms:send videoProperty: removed',
				'mms:send options.defaultCountry: string → options',
				'mms:send attachments: added (collection)',
				'numberLookup:check options.defaultCountry: string → options',
				'reception:create options.defaultCountry: string → options',
				'reception:revoke options.defaultCountry: string → options',
				'sms:send options.defaultCountry: string → options',
			]),
			smSendTrigger: withAdditions('smSendTrigger', [
				': options.timeZone: string → options',
				': event: added (options)',
			]),
		});
	});

	it.each(['mobilePronto', 'smSend'])(
		'%s SMS → Send: Smart Encoding and Credit Pre-Flight are off in version 1 and on in 1.1',
		(node) => {
			const defaults = (version: number) => {
				const options = parameterShapes(NODES[node], version)['sms:send'].find(
					(parameter) => parameter.name === 'options',
				);
				return options?.fields
					?.filter((field) => ['smartEncoding', 'creditPreflight'].includes(field.name))
					.map((field) => [field.name, field.default]);
			};
			expect(defaults(1)).toEqual([
				['smartEncoding', false],
				['creditPreflight', false],
			]);
			expect(defaults(1.1)).toEqual([
				['smartEncoding', true],
				['creditPreflight', true],
			]);
		},
	);

	it('version 1.1 MMS attachments default to the binary field "data", as n8n nodes do', () => {
		const attachments = parameterShapes(NODES.smSend, 1.1)['mms:send'].find(
			(parameter) => parameter.name === 'attachments',
		);
		expect(attachments?.fields).toEqual(
			['image', 'sound', 'video'].map((name) => ({ name, type: 'string', default: 'data' })),
		);
	});

	it('keeps the defaults of the lists, which are in them', () => {
		const values = (options: typeof COUNTRY_OPTIONS) => options.map((option) => option.value);
		expect(values(COUNTRY_OPTIONS)).toEqual(expect.arrayContaining(['IT', 'BR', 'US', 'GB']));
		expect(COUNTRY_OPTIONS.find((option) => option.value === 'IT')?.name).toBe('Italy (+39)');
		expect(values(TIME_ZONE_OPTIONS)).toEqual(expect.arrayContaining(['Europe/Rome', 'UTC']));
	});
});

describe('subtitles name the operation and resource as the form does', () => {
	const subtitle = (description: INodeTypeDescription, parameters: Record<string, string>) => {
		const node: INode = {
			id: '1',
			name: 'Node',
			type: description.name,
			typeVersion: 1.1,
			position: [0, 0],
			parameters,
		};
		const workflow = new Workflow({
			nodes: [node],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => ({ description }),
				getByNameAndVersion: () => ({ description }),
				getKnownTypes: () => ({}),
			} as never,
		});
		// As n8n's editor computes a node's subtitle.
		return workflow.expression.getSimpleParameterValue(
			node,
			description.subtitle ?? '',
			'internal',
			{},
		);
	};

	it.each([
		['smSend', { resource: 'sms', operation: 'send' }, 'Send: SMS'],
		['smSend', { resource: 'inbox', operation: 'getMessages' }, 'Get Many Messages: Inbox'],
		['smSend', { resource: 'client', operation: 'setStatus' }, 'Activate or Deactivate: Client'],
		['smSend', { resource: 'mms', operation: 'send' }, 'Send: MMS Message'],
		['mobilePronto', { resource: 'account', operation: 'getBalance' }, 'Get Balance: Account'],
	])('%s %j → %s', (node, parameters, expected) => {
		expect(subtitle(NODES[node], parameters)).toBe(expected);
	});
});

describe('docs links survive n8n appending its tracking query', () => {
	it.each(Object.keys(NODES))(
		'%s gives its README section as documentationUrl, which n8n opens as it is',
		(node) => {
			expect(NODES[node].documentationUrl).toMatch(
				/^https:\/\/www\.npmjs\.com\/package\/n8n-nodes-mobilepronto-smsend#[a-z-]+$/,
			);
		},
	);

	it('n8n merges the smSend node and its trigger into one node-creator entry with the trigger’s description', () => {
		// n8n's node creator names the merged entry after the node and describes it with the
		// trigger's description, so that description must cover the whole app.
		expect(NODES.smSendTrigger.description).toBe(NODES.smSend.description);
		expect(NODES.smSend.description).toMatch(/Send SMS and MMS, receive SMS/);
	});

	it('uses no display condition unknown to NodeHelpers', () => {
		// Every `_cnd` the nodes use must be one n8n-workflow evaluates (gte, lt, exists, startsWith).
		expect(NodeHelpers.checkConditions([{ _cnd: { gte: 1.1 } }], [1.1])).toBe(true);
		expect(NodeHelpers.checkConditions([{ _cnd: { lt: 1.1 } }], [1])).toBe(true);
		expect(NodeHelpers.checkConditions([{ _cnd: { exists: true } }], ['x'])).toBe(true);
		expect(NodeHelpers.checkConditions([{ _cnd: { exists: true } }], [''])).toBe(false);
	});
});
