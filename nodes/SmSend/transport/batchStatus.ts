import type { TabularReport } from './reports';

export type ReportType = 'queue' | 'notify' | 'mnc';

export type StatusWord =
	| 'queued'
	| 'waiting'
	| 'sent'
	| 'delivered'
	| 'found'
	| 'failed'
	| 'unknownSubscriber'
	| 'temporaryFailure'
	| 'unknown';

interface StatusMeaning {
	word: StatusWord;
	final: boolean;
}

// batch-status.php codes by report type: 1xx pending, 2xx done, 3xx failed.
// Codes the document shows get their own word; any other code falls back to its class.
const KNOWN_STATUSES: Record<ReportType, Record<string, StatusMeaning>> = {
	queue: {
		'100': { word: 'queued', final: false },
		'200': { word: 'sent', final: true },
		'302': { word: 'temporaryFailure', final: true },
	},
	notify: {
		'100': { word: 'waiting', final: false },
		'200': { word: 'delivered', final: true },
		'300': { word: 'unknownSubscriber', final: true },
	},
	mnc: {
		'100': { word: 'waiting', final: false },
		'200': { word: 'found', final: true },
		'300': { word: 'unknownSubscriber', final: true },
	},
};

const CLASS_STATUSES: Record<ReportType, Record<string, StatusMeaning>> = {
	queue: {
		'1': { word: 'queued', final: false },
		'2': { word: 'sent', final: true },
		'3': { word: 'failed', final: true },
	},
	notify: {
		'1': { word: 'waiting', final: false },
		'2': { word: 'delivered', final: true },
		'3': { word: 'failed', final: true },
	},
	mnc: {
		'1': { word: 'waiting', final: false },
		'2': { word: 'found', final: true },
		'3': { word: 'failed', final: true },
	},
};

/** Every word a report of this type can give, pending ones first, `unknown` last. */
export function statusWords(type: ReportType): StatusWord[] {
	const meanings = [...Object.values(KNOWN_STATUSES[type]), ...Object.values(CLASS_STATUSES[type])];
	const ordered = [
		...meanings.filter((meaning) => !meaning.final),
		...meanings.filter((meaning) => meaning.final),
	];
	return [...new Set([...ordered.map((meaning) => meaning.word), 'unknown' as const])];
}

export function statusMeaning(type: ReportType, code: string): StatusMeaning {
	const trimmed = code.trim();
	return (
		KNOWN_STATUSES[type][trimmed] ??
		(/^\d{3}$/.test(trimmed) ? CLASS_STATUSES[type][trimmed[0]] : undefined) ?? {
			word: 'unknown',
			final: false,
		}
	);
}

export interface StatusRow {
	[column: string]: string | number | boolean;
	statusWord: StatusWord;
	final: boolean;
}

/** Each CSV row keeps its own columns (deployments differ) plus the status as a word. */
export function describeReport(type: ReportType, report: TabularReport): StatusRow[] {
	return report.rows.map((row) => {
		const meaning = statusMeaning(type, row.status ?? '');
		return { ...row, statusWord: meaning.word, final: meaning.final };
	});
}
