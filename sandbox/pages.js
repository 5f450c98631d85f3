'use strict';

const { escapeXml: escapeHtml } = require('./soap');

/** Minimal look-alikes of the HTML pages IIS / ASP.NET serve, shared by gateway modules. */

function iisNotFound() {
	return {
		status: 404,
		contentType: 'text/html',
		body:
			'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
			'<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n' +
			'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>\r\n' +
			'<title>404 - File or directory not found.</title>\r\n</head>\r\n<body>\r\n' +
			'<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n <div class="content-container"><fieldset>\r\n' +
			'  <h2>404 - File or directory not found.</h2>\r\n' +
			'  <h3>The resource you are looking for might have been removed, had its name changed, or is temporarily unavailable.</h3>\r\n' +
			' </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n',
	};
}

function iisMethodNotAllowed(allow) {
	return {
		status: 405,
		contentType: 'text/html',
		headers: { Allow: allow },
		body:
			'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\r\n' +
			'<html xmlns="http://www.w3.org/1999/xhtml">\r\n<head>\r\n<title>405 - HTTP verb used to access this page is not allowed.</title>\r\n</head>\r\n<body>\r\n' +
			'<div id="header"><h1>Server Error</h1></div>\r\n<div id="content">\r\n <div class="content-container"><fieldset>\r\n' +
			'  <h2>405 - HTTP verb used to access this page is not allowed.</h2>\r\n' +
			'  <h3>The page you are looking for cannot be displayed because an invalid method (HTTP verb) was used to attempt access.</h3>\r\n' +
			' </fieldset></div>\r\n</div>\r\n</body>\r\n</html>\r\n',
	};
}

/** ASP.NET's "yellow screen" runtime error page. */
function aspNetError(status, title, message) {
	return {
		status,
		contentType: 'text/html; charset=utf-8',
		body:
			'<!DOCTYPE html>\r\n<html>\r\n    <head>\r\n' +
			`        <title>${escapeHtml(title)}</title>\r\n    </head>\r\n    <body bgcolor="white">\r\n` +
			`            <span><H1>Server Error in '/' Application.<hr width=100% size=1 color=silver></H1>\r\n\r\n` +
			`            <h2> <i>${escapeHtml(title)}</i> </h2></span>\r\n\r\n` +
			`            <b> Description: </b>${escapeHtml(message)}\r\n            <br><br>\r\n    </body>\r\n</html>\r\n`,
	};
}

function textReply(status, text) {
	return { status, contentType: 'text/plain; charset=utf-8', body: text };
}

module.exports = { iisNotFound, iisMethodNotAllowed, aspNetError, textReply, escapeHtml };
