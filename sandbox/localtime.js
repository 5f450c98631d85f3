'use strict';

const formatters = new Map();

function formatterFor(timeZone) {
	if (!formatters.has(timeZone)) {
		formatters.set(
			timeZone,
			new Intl.DateTimeFormat('en-GB', {
				timeZone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				second: '2-digit',
				hourCycle: 'h23',
			}),
		);
	}
	return formatters.get(timeZone);
}

/** 'YYYY-MM-DD HH:MM:SS' wall-clock time of epoch ms in timeZone, as PHP's date('Y-m-d H:i:s') prints it. */
function formatLocal(ms, timeZone) {
	const p = Object.fromEntries(
		formatterFor(timeZone)
			.formatToParts(new Date(ms))
			.map((part) => [part.type, part.value]),
	);
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

module.exports = { formatLocal };
