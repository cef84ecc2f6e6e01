// The extension worker's helper link (extension/src/worker/helper-link.js) with Node's real
// fetch, as paired with a helper: makes one authenticated call and prints the outcome as JSON.
//   node worker_call.js PORT TOKEN PAIRING_ID HELPER_ID PATH
"use strict";
const { createHelperLink, LinkError } = require("../../extension/src/worker/helper-link.js");

async function main() {
  const [port, token, pairingId, helperId, path] = process.argv.slice(2);
  const data = { helperPort: Number(port), helperId, pairingId };
  const storage = {
    async get(keys) { const out = {}; for (const k of [].concat(keys)) if (k in data) out[k] = data[k]; return out; },
    async set(items) { Object.assign(data, items); },
    async remove(keys) { for (const k of [].concat(keys)) delete data[k]; },
  };
  const secrets = { get: async () => token, set: async () => {}, clear: async () => {} };
  const link = createHelperLink({ storage, secrets, fetchImpl: fetch });
  try {
    const answer = await link.call("GET", path);
    console.log(JSON.stringify({ outcome: "answered", status: answer.status }));
  } catch (error) {
    if (!(error instanceof LinkError)) throw error;
    console.log(JSON.stringify({ outcome: error.state, detail: error.detail }));
  }
}

main();
