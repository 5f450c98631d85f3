import { escapeXml } from './xmlText';

/** Every form a secret can travel in, and so come back in: plain, URL-, form- and XML-encoded. */
function secretForms(secret: string): string[] {
	const partialXml = secret.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
	const forms = [
		secret,
		encodeURIComponent(secret),
		new URLSearchParams([['', secret]]).toString().slice(1),
		partialXml,
		partialXml.replace(/"/g, '&quot;'),
		escapeXml(secret),
		escapeXml(secret).replace(/&apos;/g, '&#39;'),
	];
	// Longest first, so a longer form is not left half-replaced by a shorter one inside it.
	return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactSecrets(text: string, secrets: string[]): string {
	let result = text;
	for (const secret of secrets) {
		if (secret.length < 4) continue;
		for (const form of secretForms(secret)) {
			result = result.split(form).join('***');
		}
	}
	return result;
}
