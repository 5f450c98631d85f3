// Programmatic entry point (tests, embedding). n8n itself loads the files listed
// in package.json's "n8n" block.
const { MobilePronto } = require('./dist/nodes/MobilePronto/MobilePronto.node.js');
const { SmSend } = require('./dist/nodes/SmSend/SmSend.node.js');
const { SmSendTrigger } = require('./dist/nodes/SmSend/SmSendTrigger.node.js');
const { MobileProntoApi } = require('./dist/credentials/MobileProntoApi.credentials.js');
const { SmSendApi } = require('./dist/credentials/SmSendApi.credentials.js');

module.exports = {
	nodes: { MobilePronto, SmSend, SmSendTrigger },
	credentials: { MobileProntoApi, SmSendApi },
	MobilePronto,
	SmSend,
	SmSendTrigger,
	MobileProntoApi,
	SmSendApi,
};
