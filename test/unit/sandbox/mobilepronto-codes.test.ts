import { startSandbox, MOBILEPRONTO_DEMO_CREDENCIAL as DEMO, Sandbox } from '../../../sandbox';
import { send } from './soapClient';

const MOBILE = '+55(11)987654321';
const cred = (c: string) => c.repeat(40).slice(0, 40);

let sb: Sandbox;
let clock = Date.UTC(2025, 0, 15, 12, 0, 0);
beforeAll(async () => {
	sb = await startSandbox({ port: 0, now: () => clock });
});
afterAll(() => sb.close());
beforeEach(() => {
	sb.reset();
	clock = Date.UTC(2025, 0, 15, 12, 0, 0);
});

describe('MobilePronto return codes', () => {
	it.each([
		['001', 'empty credencial', { credencial: '' }],
		['001', 'credencial shorter than 40', { credencial: DEMO.slice(0, 39) }],
		['001', 'credencial longer than 40', { credencial: DEMO + 'X' }],
		['001', 'unknown 40-character credencial', { credencial: cred('Z') }],
		['005', 'mobile without country code', { mobile: '11987654321' }],
		['005', 'mobile without parentheses', { mobile: '+5511987654321' }],
		['005', 'mobile with spaces', { mobile: '+55 (11) 98765-4321' }],
		['005', 'empty mobile', { mobile: '' }],
		['005', 'area code of 5 digits', { mobile: '+55(12345)987654321' }],
		['015', 'country not served', { mobile: '+1(212)5550123' }],
		['016', 'Brazilian area code of 3 digits', { mobile: '+55(011)987654321' }],
		['016', 'Brazilian area code of 1 digit', { mobile: '+55(1)987654321' }],
		['012', 'Brazilian legacy 8-digit number', { mobile: '+55(11)87654321' }],
		['012', 'Brazilian 9 digits not starting with 9', { mobile: '+55(11)887654321' }],
		['012', 'Brazilian 10 digits', { mobile: '+55(11)9876543210' }],
		['012', 'Brazilian area code with a zero', { mobile: '+55(10)987654321' }],
		['013', 'empty message', { message: '' }],
		['013', 'whitespace-only message', { message: ' \n\t ' }],
		['008', '161-character message', { message: 'x'.repeat(161) }],
		['008', '81 emoji (162 UTF-16 code units)', { message: '😀'.repeat(81) }],
	])(
		'returns %s for %s',
		async (code, _label, change: { credencial?: string; mobile?: string; message?: string }) => {
			const result = await send(
				sb.url,
				change.credencial ?? DEMO,
				change.mobile ?? MOBILE,
				change.message ?? 'hello',
			);
			expect(result).toBe(code);
			expect(sb.mobilePronto.sent).toHaveLength(0);
			expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(1000);
			expect(sb.requests[0].resultCode).toBe(code);
		},
	);

	it('accepts exactly 160 characters', async () => {
		expect(await send(sb.url, DEMO, MOBILE, 'x'.repeat(160))).toBe('000');
		expect(await send(sb.url, DEMO, MOBILE, '😀'.repeat(80))).toBe('000');
	});

	it('returns 010 for a blocked account', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('B'), blocked: true });
		expect(await send(sb.url, cred('B'), MOBILE, 'hi')).toBe('010');
		sb.mobilePronto.updateAccount(cred('B'), { blocked: false });
		expect(await send(sb.url, cred('B'), MOBILE, 'hi')).toBe('000');
	});

	it('serves other countries configured on the account, without Brazilian rules', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('C'), countries: ['55', '351'] });
		expect(await send(sb.url, cred('C'), '+351(91)2345678', 'olá')).toBe('000');
		expect(await send(sb.url, cred('C'), '+1(212)5550123', 'hi')).toBe('015');
	});

	it('returns 017 for a denied operator prefix', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('O'), deniedOperatorPrefixes: ['+55(11)97'] });
		expect(await send(sb.url, cred('O'), '+55(11)976543210', 'hi')).toBe('017');
		expect(await send(sb.url, cred('O'), '+55(11)986543210', 'hi')).toBe('000');
		expect(await send(sb.url, DEMO, '+55(11)976543210', 'hi')).toBe('000');
	});

	it('returns 018 for a blacklisted mobile', async () => {
		sb.mobilePronto.blacklist(MOBILE);
		expect(await send(sb.url, DEMO, MOBILE, 'hi')).toBe('018');
		expect(await send(sb.url, DEMO, '+55(11)987654322', 'hi')).toBe('000');
	});

	it('returns 009 when credits run out, spending one credit per accepted SMS', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('K'), credits: 2 });
		expect(await send(sb.url, cred('K'), MOBILE, 'a')).toBe('000');
		expect(sb.mobilePronto.getAccount(cred('K'))?.credits).toBe(1);
		expect(await send(sb.url, cred('K'), MOBILE, 'b')).toBe('000');
		expect(await send(sb.url, cred('K'), MOBILE, 'c')).toBe('009');
		expect(sb.mobilePronto.getAccount(cred('K'))?.credits).toBe(0);
		expect(sb.mobilePronto.sent.map((s) => s.message)).toEqual(['a', 'b']);
	});

	it('does not spend credits on rejected sends', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('R'), credits: 1 });
		expect(await send(sb.url, cred('R'), MOBILE, '')).toBe('013');
		expect(await send(sb.url, cred('R'), MOBILE, 'ok')).toBe('000');
	});

	it('returns 022 when the daily limit is reached, and resets the next UTC day', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('D'), dailyLimit: 2 });
		expect(await send(sb.url, cred('D'), MOBILE, '1')).toBe('000');
		expect(await send(sb.url, cred('D'), MOBILE, '2')).toBe('000');
		expect(await send(sb.url, cred('D'), MOBILE, '3')).toBe('022');
		expect(sb.mobilePronto.getAccount(cred('D'))?.sentToday).toBe(2);
		clock = Date.UTC(2025, 0, 16, 0, 0, 1);
		expect(await send(sb.url, cred('D'), MOBILE, '4')).toBe('000');
		expect(sb.mobilePronto.getAccount(cred('D'))?.sentToday).toBe(1);
	});

	it('returns 900 above ratePerMinute within a rolling 60 s', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('T'), ratePerMinute: 2 });
		expect(await send(sb.url, cred('T'), MOBILE, '1')).toBe('000');
		clock += 30_000;
		expect(await send(sb.url, cred('T'), MOBILE, '2')).toBe('000');
		expect(await send(sb.url, cred('T'), MOBILE, '3')).toBe('900');
		clock += 30_001; // the first send is now older than 60 s
		expect(await send(sb.url, cred('T'), MOBILE, '4')).toBe('000');
		expect(await send(sb.url, cred('T'), MOBILE, '5')).toBe('900');
	});

	it.each(['801', '899', '900', '950', '999', '019', '123'])(
		'returns forced code %s as-is without spending credit',
		async (code) => {
			sb.mobilePronto.forceCode('+55(11)900000801', code);
			expect(await send(sb.url, DEMO, '+55(11)900000801', 'hi')).toBe(code);
			expect(await send(sb.url, DEMO, '+55(11)900000801', 'again')).toBe(code);
			expect(await send(sb.url, DEMO, MOBILE, 'other number')).toBe('000');
			expect(sb.mobilePronto.getAccount(DEMO)?.credits).toBe(999);
		},
	);

	it('limits a forced code to `times` sends and can remove it', async () => {
		sb.mobilePronto.forceCode(MOBILE, '801', 1);
		expect(await send(sb.url, DEMO, MOBILE, 'a')).toBe('801');
		expect(await send(sb.url, DEMO, MOBILE, 'b')).toBe('000');
		sb.mobilePronto.forceCode(MOBILE, '950');
		sb.mobilePronto.forceCode(MOBILE, null);
		expect(await send(sb.url, DEMO, MOBILE, 'c')).toBe('000');
	});

	it('returns 000:MPG + 12 unique digits for accounts that return message ids', async () => {
		sb.mobilePronto.addAccount({ credencial: cred('I'), returnsMessageId: true });
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await send(sb.url, cred('I'), MOBILE, `m${i}`));
		for (const r of results) expect(r).toMatch(/^000:MPG\d{12}$/);
		expect(new Set(results).size).toBe(5);
		expect(sb.mobilePronto.sent.map((s) => `000:${s.id}`)).toEqual(results);
	});

	it('validates addAccount options', () => {
		expect(() => sb.mobilePronto.addAccount({ credencial: 'short' })).toThrow(TypeError);
		expect(() => sb.mobilePronto.addAccount({ credencial: cred('V'), credits: -1 })).toThrow(
			TypeError,
		);
		expect(() =>
			sb.mobilePronto.addAccount({ credencial: cred('V'), countries: '55' as unknown as string[] }),
		).toThrow(TypeError);
	});
});
