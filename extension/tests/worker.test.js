"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { createHelperLink: createLink, LinkError } = require("../src/worker/helper-link.js");
const { createSubmissions } = require("../src/worker/submissions.js");
const { createRouter } = require("../src/worker/router.js");

const ID = "igekjiaegmikgckdbhadfnjpmajbfoak";

function memoryStorage(initial = {}) {
  const data = Object.assign({}, initial);
  return {
    data,
    async get(keys) {
      if (keys === null) return Object.assign({}, data);
      const out = {};
      for (const k of [].concat(keys)) if (k in data) out[k] = data[k];
      return out;
    },
    async set(items) { Object.assign(data, JSON.parse(JSON.stringify(items))); },
    async remove(keys) { for (const k of [].concat(keys)) delete data[k]; },
  };
}

// The token store's interface (token-store.js, IndexedDB in Chrome), kept in memory.
function memorySecrets(initial = null) {
  const box = { token: initial };
  return { box, get: async () => box.token, set: async (t) => { box.token = t; }, clear: async () => { box.token = null; } };
}

// A link whose token is "tok" when the storage names a paired helper (as after pairing).
function createHelperLink({ storage, fetchImpl, secrets }) {
  return createLink({ storage, fetchImpl, secrets: secrets || memorySecrets(storage.data.helperId ? "tok" : null) });
}

// A fake helper on 127.0.0.1: records every request, answers like the real routes.
// The helper's formula, written with node:crypto: HMAC over label, nonce, id and the port it
// listens on, keyed with HKDF-SHA256 of the token.
function proofFor(token, nonce, helperId, port) {
  const nodeCrypto = require("node:crypto");
  const key = Buffer.from(nodeCrypto.hkdfSync("sha256", token, "sendocki-helper", "ping-proof v2", 32));
  return nodeCrypto.createHmac("sha256", key).update(["sendocki-ping-v2", nonce, helperId, String(port)].join("\n")).digest("hex");
}

// listensOn: the port the answering helper really listens on (a relay forwards from another one).
function fakeHelper({ helperId = "h_1", product = "sendocki-helper", down = false, impostor = false, forgedProof = null, listensOn = null } = {}) {
  const seen = [];
  const orders = new Map();
  const fetchImpl = async (url, init = {}) => {
    seen.push({ url, init });
    if (fakeHelperState.down || down) throw new TypeError("Failed to fetch");
    const parsed = new URL(url);
    const path = parsed.pathname;
    const json = (status, body, headers = {}) => ({ ok: status < 400, status, json: async () => body, headers: { get: (h) => headers[h] || null } });
    if (path === "/v1/ping") {
      const nonce = parsed.searchParams.get("nonce");
      const known = parsed.searchParams.get("pairing") === "pr_1" && !fakeHelperState.revoked;
      // Like the helper: HMAC keyed with SHA-256 of the token it paired ("tok"), unless it cannot know it.
      const port = listensOn || Number(parsed.port);
      const proof = forgedProof || (nonce && known && !impostor ? proofFor("tok", nonce, helperId, port) : null);
      return json(200, { product, helper_id: helperId, api_version: "1", version: "0.1.0", proof });
    }
    if (path === "/v1/pairings") {
      const body = JSON.parse(init.body);
      return body.code === "12345678" ? json(201, { token: "tok", pairing_id: "pr_1", helper_id: helperId, api_version: "1" }) : json(403, { title: "Invalid code" });
    }
    if ((init.headers || {}).Authorization !== "Bearer tok" || fakeHelperState.revoked) return json(401, { title: "Unauthorized" });
    if (path === "/v1/pairings/current" && init.method === "DELETE") {
      fakeHelperState.revoked = true;
      return json(204, null);
    }
    if (path === "/v1/orders" && init.method === "POST") {
      const key = init.headers["Idempotency-Key"];
      if (orders.has(key)) return json(201, orders.get(key), { "Idempotent-Replayed": "true" });
      const order = { id: "o_" + orders.size, number: "WA-00000" + (orders.size + 1) };
      orders.set(key, order);
      return json(201, order);
    }
    return json(200, { path: path + parsed.search });
  };
  const fakeHelperState = { down };
  return { fetchImpl, seen, orders, state: fakeHelperState };
}

test("no helper on the port: offline; a program that is not our helper: offline too", async () => {
  const down = fakeHelper({ down: true });
  assert.equal((await createHelperLink({ storage: memoryStorage(), fetchImpl: down.fetchImpl }).state()).state, "offline");
  const other = fakeHelper({ product: "something-else" });
  assert.equal((await createHelperLink({ storage: memoryStorage(), fetchImpl: other.fetchImpl }).state()).state, "offline");
});

test("default port 47615, the stored port otherwise; unpaired until a code is accepted", async () => {
  const helper = fakeHelper();
  const storage = memoryStorage();
  const secrets = memorySecrets();
  const link = createHelperLink({ storage, secrets, fetchImpl: helper.fetchImpl });
  assert.deepEqual(await link.state(), { state: "unpaired", port: 47615, helperId: "h_1" });
  assert.equal(await link.setPort("abc"), false);
  assert.equal(await link.setPort("48000"), true);
  await link.state();
  assert.match(helper.seen[helper.seen.length - 1].url, /^http:\/\/127\.0\.0\.1:48000\/v1\/ping$/);
  await assert.rejects(link.call("GET", "/v1/workspace"), (e) => e instanceof LinkError && e.state === "unpaired");
  assert.deepEqual(await link.pair("000", "Chrome"), { ok: false, status: 403, problem: { title: "Invalid code" } });
  assert.deepEqual(await link.pair(" 12345678 ", "Chrome"), { ok: true, helperId: "h_1" });
  assert.equal(secrets.box.token, "tok");
  assert.equal(storage.data.helperToken, undefined, "not in storage.local, which content scripts can read");
  assert.equal(storage.data.helperId, "h_1");
  assert.equal((await link.state()).state, "paired");
  const answer = await link.call("GET", "/v1/workspace");
  assert.equal(helper.seen[helper.seen.length - 1].init.headers.Authorization, "Bearer tok");
  assert.deepEqual(answer.data, { path: "/v1/workspace" });
  await link.unpair();
  assert.equal(secrets.box.token, null);
  assert.equal((await link.state()).state, "unpaired");
});

test("another helper on the paired port is refused before any token is sent", async () => {
  const impostor = fakeHelper({ helperId: "h_other" });
  const storage = memoryStorage({ helperId: "h_1" });
  const link = createHelperLink({ storage, fetchImpl: impostor.fetchImpl });
  assert.equal((await link.state()).state, "wrong-helper");
  await assert.rejects(link.call("GET", "/v1/workspace"), (e) => e.state === "wrong-helper");
  assert.ok(impostor.seen.every((r) => !(r.init.headers && r.init.headers.Authorization)), "the token never went out");
});

test("one Idempotency-Key per draft: retries after a failure, double submissions and a worker restart reuse it", async () => {
  const helper = fakeHelper();
  const storage = memoryStorage({ helperId: "h_1" });
  let minted = 0;
  const make = () => {
    const link = createHelperLink({ storage, fetchImpl: helper.fetchImpl });
    return createSubmissions({ storage, link, newKey: () => "key-" + (++minted) });
  };
  const body = { customer: { phone: "0600000001" }, lines: [{ kind: "free", name: "x", unit_price: "1.00", quantity: 1 }] };
  helper.state.down = true;
  await assert.rejects(make().submit("d1", body), (e) => e.state === "offline");
  helper.state.down = false;
  const restarted = make(); // a new worker: only chrome.storage survived
  const [a, b] = await Promise.all([restarted.submit("d1", body), restarted.submit("d1", body)]);
  assert.equal(a, b, "a double submission shares one request");
  assert.equal(a.key, "key-1");
  assert.equal(helper.orders.size, 1);
  const again = await make().submit("d1", body);
  assert.equal(again.replayed, true);
  assert.equal(helper.orders.size, 1);
  const posts = helper.seen.filter((r) => r.init.method === "POST");
  assert.deepEqual([...new Set(posts.map((r) => r.init.headers["Idempotency-Key"]))], ["key-1"]);
  await make().submit("d2", body);
  assert.equal(helper.orders.size, 2, "another draft is another order");
});

test("a refused attempt may be corrected: the edited body gets a new key, an unknown outcome keeps the old one", async () => {
  const storage = memoryStorage();
  const answers = [];
  const link = { call: async (_m, _p, { headers }) => { answers.push(headers["Idempotency-Key"]); return answers.length === 1 ? { status: 422, data: {} } : { status: 201, data: {} }; } };
  let minted = 0;
  const subs = createSubmissions({ storage, link, newKey: () => "k" + (++minted) });
  await subs.submit("d", { a: 1 });
  await subs.submit("d", { a: 2 });
  assert.deepEqual(answers, ["k1", "k2"]);
  const failing = { call: async () => { throw new LinkError("offline"); } };
  const subs2 = createSubmissions({ storage, link: failing, newKey: () => "k" + (++minted) });
  await assert.rejects(subs2.submit("e", { a: 1 }));
  await assert.rejects(subs2.submit("e", { a: 2 }));
  assert.equal(storage.data["draft:e"].key, "k3", "outcome unknown: the edited body keeps the key (the helper refuses a mismatch)");
});

test("the router: content scripts get data, never the token, and cannot pair", async () => {
  const helper = fakeHelper();
  const storage = memoryStorage({ helperId: "h_1" });
  const link = createHelperLink({ storage, fetchImpl: helper.fetchImpl });
  const router = createRouter({ link, submissions: createSubmissions({ storage, link, newKey: () => "k" }), extensionId: ID, LinkError });
  const tab = { id: ID, tab: { id: 3 }, url: "https://web.whatsapp.com/" };
  const page = { id: ID, url: `chrome-extension://${ID}/options.html` };
  const state = await router.handle({ type: "state" }, tab);
  assert.equal(state.data.state, "paired");
  assert.doesNotMatch(JSON.stringify(state), /tok/);
  const search = await router.handle({ type: "search", q: "sac noir", limit: 5 }, tab);
  assert.deepEqual(search, { ok: true, data: { path: "/v1/catalog/search?q=sac%20noir&limit=5" }, replayed: false });
  const resolve = await router.handle({ type: "resolve", phone: "+212 6", conversation: "1@lid" }, tab);
  assert.equal(resolve.data.path, "/v1/customers/resolve?phone=%2B212%206&conversation=1%40lid");
  const older = await router.handle({ type: "orders", customer: "c_1", cursor: "42" }, tab);
  assert.equal(older.data.path, "/v1/orders?customer=c_1&cursor=42", "the panel's next page");
  const pipeline = await router.handle({ type: "pipeline", stage: "s_1", mine: true, q: "WA 12" }, tab);
  assert.equal(pipeline.data.path, "/v1/pipeline?stage=s_1&mine=true&q=WA%2012");
  const moved = await router.handle({ type: "move-order", orderId: "o_1", stageId: "s_2", moveId: "mv-12345678" }, tab);
  assert.equal(moved.data.path, "/v1/orders/o_1/stage");
  const sent = helper.seen[helper.seen.length - 1].init;
  assert.equal(sent.headers["Idempotency-Key"], "mv-12345678", "the move's id is its key");
  assert.deepEqual(JSON.parse(sent.body), { stage_id: "s_2" });
  assert.equal((await router.handle({ type: "move-order", orderId: "o_1", stageId: "s_2" }, tab)).ok, false, "no move without its id");
  assert.deepEqual(await router.handle({ type: "set-agent", agentId: "ag_1" }, tab), { ok: false, state: "forbidden" });
  assert.deepEqual(await router.handle({ type: "unpair" }, tab), { ok: false, state: "forbidden" });
  assert.deepEqual(await router.handle({ type: "pair", code: "12345678" }, tab), { ok: false, state: "forbidden" });
  assert.deepEqual(await router.handle({ type: "state" }, { id: "another-extension" }), { ok: false, state: "bad-request" });
  assert.equal((await router.handle({ type: "unpair" }, page)).ok, true);
  assert.deepEqual(await router.handle({ type: "workspace" }, tab), { ok: false, state: "unpaired" });
});

test("a token an older version left in storage.local moves to the token store and leaves storage.local", async () => {
  const helper = fakeHelper();
  const storage = memoryStorage({ helperToken: "tok", helperId: "h_1", helperPort: 48000 });
  const secrets = memorySecrets();
  const link = createHelperLink({ storage, secrets, fetchImpl: helper.fetchImpl });
  assert.equal((await link.state()).state, "paired");
  assert.equal(secrets.box.token, "tok");
  assert.deepEqual(Object.keys(storage.data).sort(), ["helperId", "helperPort"]);
  await link.call("GET", "/v1/workspace");
  assert.equal(helper.seen[helper.seen.length - 1].init.headers.Authorization, "Bearer tok");
  // A newer token already in the store wins over a stale copy; the copy is removed all the same.
  storage.data.helperToken = "old";
  await link.settings();
  assert.equal(secrets.box.token, "tok");
  assert.equal(storage.data.helperToken, undefined);
});

test("unpair revokes the pairing in the helper, and forgets it here even when the helper is down", async () => {
  const helper = fakeHelper();
  const storage = memoryStorage({ helperId: "h_1", pairingId: "pr_1" });
  const secrets = memorySecrets("tok");
  const link = createHelperLink({ storage, secrets, fetchImpl: helper.fetchImpl });
  assert.deepEqual(await link.unpair(), { revoked: true, pairingId: "pr_1" });
  const revoke = helper.seen.find((r) => r.init.method === "DELETE");
  assert.match(revoke.url, /^http:\/\/127\.0\.0\.1:47615\/v1\/pairings\/current$/);
  assert.equal(revoke.init.headers.Authorization, "Bearer tok");
  assert.equal(helper.state.revoked, true);
  assert.equal(secrets.box.token, null);
  assert.deepEqual(storage.data, {});

  const down = fakeHelper({ down: true });
  const kept = memorySecrets("tok");
  const offline = createHelperLink({ storage: memoryStorage({ helperId: "h_1", pairingId: "pr_2" }), secrets: kept, fetchImpl: down.fetchImpl });
  assert.deepEqual(await offline.state(), { state: "offline", port: 47615, hasPairing: true });
  assert.deepEqual(await offline.unpair(), { revoked: false, pairingId: "pr_2" });
  assert.equal(kept.box.token, null, "forgotten locally all the same");
  assert.deepEqual(await offline.state(), { state: "offline", port: 47615 });

  const impostor = fakeHelper({ helperId: "h_other" });
  const wrong = createHelperLink({ storage: memoryStorage({ helperId: "h_1", pairingId: "pr_3" }), secrets: memorySecrets("tok"), fetchImpl: impostor.fetchImpl });
  assert.deepEqual(await wrong.unpair(), { revoked: false, pairingId: "pr_3" });
  assert.ok(impostor.seen.every((r) => !(r.init.headers && r.init.headers.Authorization)), "the token never went to another helper");
});


test("the helper proves it knows the token before the token is sent; a program that copies its id cannot", async () => {
  const real = fakeHelper();
  const paired = memoryStorage({ helperId: "h_1", pairingId: "pr_1" });
  const link = createHelperLink({ storage: paired, fetchImpl: real.fetchImpl });
  assert.equal((await link.state()).state, "paired");
  assert.match(real.seen[0].url, /\/v1\/ping\?pairing=pr_1&nonce=[0-9a-f]{32}$/);
  await link.call("GET", "/v1/workspace");

  const copycat = fakeHelper({ impostor: true }); // same helper id, no knowledge of the token
  const link2 = createHelperLink({ storage: memoryStorage({ helperId: "h_1", pairingId: "pr_1" }), fetchImpl: copycat.fetchImpl });
  await assert.rejects(link2.call("GET", "/v1/workspace"), (e) => e instanceof LinkError && e.state !== "paired");
  assert.ok(copycat.seen.every((r) => !(r.init.headers && r.init.headers.Authorization)), "the token never went out");
});

test("a helper that answers the challenge with a wrong proof is another helper: no token goes out", async () => {
  const forger = fakeHelper({ forgedProof: "0".repeat(64) });
  const link = createHelperLink({ storage: memoryStorage({ helperId: "h_1", pairingId: "pr_1" }), fetchImpl: forger.fetchImpl });
  assert.equal((await link.state()).state, "wrong-helper");
  await assert.rejects(link.call("GET", "/v1/workspace"), (e) => e instanceof LinkError && e.state === "wrong-helper");
  assert.ok(forger.seen.every((r) => !(r.init.headers && r.init.headers.Authorization)), "the token never went out");
});

test("the proof matches the helper's formula (value computed by helper/sendocki_helper/services/ping_proof.py)", async () => {
  const { identityProof } = require("../src/worker/helper-link.js");
  const fromHelper = "ee4665ebcdd0737b422f7771e7010811ae728a11c0dc82be994c239e0d0118e3";
  assert.equal(await identityProof("tok", "00ff", "h_1", 47615), fromHelper);
  assert.equal(proofFor("tok", "00ff", "h_1", 47615), fromHelper);
  assert.notEqual(await identityProof("tok", "00ff", "h_1", 47616), fromHelper, "the port is part of the proof");
});

test("a program on the dialled port relaying to the real helper on another port gets no token", async () => {
  const relayed = fakeHelper({ listensOn: 47616 }); // the real helper, its proof bound to 47616
  const link = createHelperLink({ storage: memoryStorage({ helperId: "h_1", pairingId: "pr_1" }), fetchImpl: relayed.fetchImpl });
  assert.equal((await link.state()).state, "wrong-helper");
  await assert.rejects(link.call("GET", "/v1/workspace"), (e) => e instanceof LinkError && e.state === "wrong-helper");
  assert.ok(relayed.seen.every((r) => !(r.init.headers && r.init.headers.Authorization)), "the token never went out");
  assert.ok(relayed.seen.every((r) => r.url.startsWith("http://127.0.0.1:47615/")));
});
