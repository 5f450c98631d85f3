export interface Guardrails {
	/** E.164 prefixes a recipient must start with, e.g. ['+39', '+41']; empty: any. */
	allowedPrefixes: string[];
	/** Most recipients one execution may send to; 0: no limit. */
	maxRecipients: number;
}

export interface GuardrailOptions {
	allowedPrefixes?: string;
	maxRecipients?: number;
}

export type GuardrailsParse = { ok: true; guardrails: Guardrails } | { ok: false; message: string };

export function parseGuardrails(options: GuardrailOptions | undefined): GuardrailsParse {
	const prefixes = (options?.allowedPrefixes ?? '')
		.split(',')
		.map((prefix) => prefix.replace(/[\s()-]/g, ''))
		.filter((prefix) => prefix !== '');
	const bad = prefixes.find((prefix) => !/^\+\d{1,14}$/.test(prefix));
	if (bad !== undefined) {
		return {
			ok: false,
			message: `The 'Allowed Number Prefixes' guardrail has "${bad}", which is not a prefix like +39 or +5511`,
		};
	}
	const maxRecipients = options?.maxRecipients ?? 0;
	if (!Number.isInteger(maxRecipients) || maxRecipients < 0) {
		return {
			ok: false,
			message: "The 'Max Recipients per Execution' guardrail must be a whole number, 0 or more",
		};
	}
	return { ok: true, guardrails: { allowedPrefixes: prefixes, maxRecipients } };
}
