// Programmatic entry point (tests, embedding). n8n itself loads the files listed
// in package.json's "n8n" block.
const { MobilePronto } = require('./dist/nodes/MobilePronto/MobilePronto.node.js');
const { MobileProntoApi } = require('./dist/credentials/MobileProntoApi.credentials.js');

module.exports = {
	nodes: { MobilePronto },
	credentials: { MobileProntoApi },
	MobilePronto,
	MobileProntoApi,
};
