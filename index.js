// Programmatic entry point (tests, embedding). n8n itself loads the files listed
// in package.json's "n8n" block.
const { MobilePronto } = require('./dist/nodes/MobilePronto/MobilePronto.node.js');
const { SmSend } = require('./dist/nodes/SmSend/SmSend.node.js');
const { MobileProntoApi } = require('./dist/credentials/MobileProntoApi.credentials.js');
const { SmSendApi } = require('./dist/credentials/SmSendApi.credentials.js');

module.exports = {
	nodes: { MobilePronto, SmSend },
	credentials: { MobileProntoApi, SmSendApi },
	MobilePronto,
	SmSend,
	MobileProntoApi,
	SmSendApi,
};
