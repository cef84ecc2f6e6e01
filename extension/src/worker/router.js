// Messages to the worker. Content scripts (the WhatsApp tab) may read the state and order data
// through here; pairing, unpairing and the port belong to the extension's own pages. Answers are
// {ok: true, data} or {ok: false, state, status?, problem?}; the token is never in an answer.
(function (root) {
  "use strict";

  const PAGE_ONLY = new Set(["pair", "unpair", "set-port", "set-agent"]);
  const MOVE_ID = /^[A-Za-z0-9_-]{8,80}$/;

  function query(params) {
    const parts = [];
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== "") parts.push(name + "=" + encodeURIComponent(value));
    }
    return parts.length ? "?" + parts.join("&") : "";
  }

  const LANGUAGES = new Set(["en", "fr", "ar"]);

  function createRouter({ link, submissions, thumbnails, extensionId, LinkError, readMessages }) {
    function fromExtensionPage(sender) {
      // Content scripts report the web page as their url; an extension page (even in a tab) its own.
      return typeof sender.url === "string" && sender.url.startsWith(`chrome-extension://${extensionId}/`);
    }

    async function get(path) {
      const answer = await link.call("GET", path);
      return answer;
    }

    const handlers = {
      "state": () => link.state().then((data) => ({ status: 200, data })),
      "pair": (m) => link.pair(m.code, m.clientName || "Chrome"),
      "unpair": () => link.unpair().then((done) => ({ status: 200, data: Object.assign({ state: "unpaired" }, done) })),
      "set-port": (m) => link.setPort(m.port).then((ok) => (ok ? { status: 200, data: {} } : { status: 422, data: null })),
      "workspace": () => get("/v1/workspace"),
      "resolve": (m) => get("/v1/customers/resolve" + query({ phone: m.phone, conversation: m.conversation, title_key: m.titleKey })),
      "search": (m) => get("/v1/catalog/search" + query({ q: m.q, limit: m.limit || 8 })),
      "orders": (m) => get("/v1/orders" + query({ conversation: m.conversation, title_key: m.titleKey, customer: m.customer, cursor: m.cursor })),
      "create-order": (m) => submissions.submit(m.draftId, m.body),
      "status": () => get("/v1/status"),
      "pull": () => link.call("POST", "/v1/sync/pull"),
      "pipeline": (m) => get("/v1/pipeline" + query({ stage: m.stage, mine: m.mine ? "true" : "", since: m.since, q: m.q, limit: m.limit, cursor: m.cursor })),
      "stage-history": (m) => get("/v1/orders/" + encodeURIComponent(m.orderId) + "/stage-history"),
      // The move's id is its Idempotency-Key: the page mints one per move and reuses it on a
      // retry, so a move the helper got but whose answer was lost is not made twice.
      "move-order": (m) => {
        if (!MOVE_ID.test(String(m.moveId || ""))) return Promise.resolve({ status: 400, data: { title: "moveId required" } });
        return link.call("POST", "/v1/orders/" + encodeURIComponent(m.orderId) + "/stage", {
          body: { stage_id: m.stageId }, headers: { "Idempotency-Key": m.moveId },
        });
      },
      "current-pairing": () => get("/v1/pairings/current"),
      "set-agent": (m) => link.call("PATCH", "/v1/pairings/current", { body: { agent_id: m.agentId || null } }),
      "thumbnail": (m) => thumbnails.get(m.productId),
      "delivery-quote": (m) => get("/v1/delivery/quote" + query({ city: m.city, products_total: m.productsTotal })),
      "city-match": (m) => get("/v1/cities/match" + query({ text: String(m.text || "").slice(0, 500) })),
      // The words of one of the extension's own languages (the content script's choice may differ
      // from Chrome's, which is all chrome.i18n offers there).
      "messages": async (m) => (LANGUAGES.has(m.lang) && readMessages
        ? { status: 200, data: await readMessages(m.lang) } : { status: 422, data: null }),
    };

    async function handle(message, sender) {
      if (!message || typeof message.type !== "string" || !handlers[message.type]) return { ok: false, state: "bad-request" };
      if (sender.id !== extensionId) return { ok: false, state: "bad-request" };
      if (PAGE_ONLY.has(message.type) && !fromExtensionPage(sender)) return { ok: false, state: "forbidden" };
      try {
        const answer = await handlers[message.type](message);
        if (message.type === "pair") {
          return answer.ok ? { ok: true, data: { helperId: answer.helperId } } : { ok: false, state: "refused", status: answer.status, problem: answer.problem };
        }
        if (answer.status >= 200 && answer.status < 300) return { ok: true, data: answer.data, replayed: !!answer.replayed };
        return { ok: false, state: "refused", status: answer.status, problem: answer.data };
      } catch (error) {
        if (error instanceof LinkError) return { ok: false, state: error.state };
        return { ok: false, state: "error", problem: { title: String(error && error.message) } };
      }
    }

    return { handle };
  }

  const api = { createRouter, query };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SendockiWorker = Object.assign(root.SendockiWorker || {}, { router: api });
})(globalThis);
