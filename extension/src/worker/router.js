// Messages to the worker. Content scripts (the WhatsApp tab) may read the state and order data
// through here; pairing, unpairing and the port belong to the extension's own pages. Answers are
// {ok: true, data} or {ok: false, state, status?, problem?}; the token is never in an answer.
(function (root) {
  "use strict";

  const PAGE_ONLY = new Set(["pair", "unpair", "set-port"]);

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
