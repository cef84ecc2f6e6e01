// What the customer panel beside the open chat shows, and what it does: the customer the helper
// resolves for the chat (an answer for a chat the seller already left is dropped), their orders
// page by page, a move to another stage from an order's badge (the stage's message goes into the
// chat's message box for the seller to send; nothing is sent), and a reload when the helper's
// pull from Sendocki (every minute) may have moved a stage.
(function (root) {
  "use strict";

  // Required under node --test; in the page, loaded before this file (manifest.json).
  const isNode = typeof module !== "undefined" && module.exports;
  const customerPanel = isNode ? require("../ui/customer-panel.js") : root.Sendocki.customerPanel;
  const { fieldErrors, connectionState } = isNode ? {
    fieldErrors: require("../ui/field-errors.js"),
    connectionState: require("../ui/connection-state.js"),
  } : root.Sendocki.ui;
  // WhatsApp's page: where the panel goes, the chat's title key, the message box.
  const { selectors, adapter, composeBox } = isNode ? {
    selectors: require("../whatsapp/selectors.js"),
    adapter: require("../whatsapp/adapter.js"),
    composeBox: require("../whatsapp/compose-box.js"),
  } : root.Sendocki;
  const PULL_WATCH_MS = 20000;

  const offline = async () => ({ ok: false, state: "offline" });

  // workspace: the page's workspace, fetched once (currency, stages); openChat(): the chat now.
  function createPanelFeed({ win, doc, i18n, send, workspace, openChat, guard }) {
    const ask = send || offline;
    let loadSeq = 0;
    let lastPullAt = null;
    let pullWatch = null;
    // The panel's "Show more": the customer's next (older) page of orders.
    const loadMoreOrders = async (card, cursor) => {
      const page = await ask({ type: "orders", customer: card.id, cursor });
      return page.ok ? page.data : null;
    };
    const panel = customerPanel.createCustomerPanel(doc, { t: i18n.t, dir: i18n.dir(), lang: i18n.lang, loadMore: loadMoreOrders,
      onMove: (order, stage) => moveOrder(order, stage), guard });

    function sameChat(a, b) {
      return !!a && !!b && a.chatKey === b.chatKey;
    }

    // The panel follows the open chat; an answer for a chat the seller already left is dropped.
    async function load(target) {
      const seq = ++loadSeq;
      if (!target || !target.cart || !send) { panel.clear(); return; }
      await workspace.ensure();
      if (seq !== loadSeq) return;
      const resolved = await ask({ type: "resolve", phone: target.phone || "", conversation: target.chatKey, titleKey: adapter.otherTitleKey(target) });
      if (seq !== loadSeq) return;
      const card = resolved.ok && resolved.data.customers && resolved.data.customers[0];
      if (!card) { panel.clear(); return; }
      const history = await ask({ type: "orders", customer: card.id });
      if (seq !== loadSeq) return;
      const known = workspace.current;
      panel.setTheme(selectors.pageTheme(doc));
      panel.show({ card, orders: history.ok ? history.data.orders : card.recent_orders || [],
        next: history.ok ? history.data.next : null, currency: (known && known.currency) || "MAD",
        stages: (known && known.stages) || [] });
      const header = selectors.findHeader(doc);
      panel.place(selectors.findMain(doc), win, header && header.el);
    }

    // Why a move failed, in the seller's language (never the helper's English wording): the
    // helper's field error by its code, else the connection's state.
    function moveFailure(answer) {
      const problem = answer.problem;
      const first = problem && problem.errors && problem.errors[0];
      if (first) return fieldErrors.describe(first, i18n.t, i18n.has);
      if (problem) return i18n.t("panelMoveRefused");
      return i18n.t(connectionState.stateTextKey(answer.state));
    }

    // The move's id is its Idempotency-Key: a retried move never moves twice.
    async function moveOrder(order, stage) {
      const target = openChat();
      const moveId = "mv-" + Math.random().toString(36).slice(2) + Date.now().toString(36);
      const answer = await ask({ type: "move-order", orderId: order.id, stageId: stage.id, moveId });
      if (!answer.ok) {
        panel.announce(i18n.t("panelMoveFailed", [order.number, moveFailure(answer)]), win);
        return;
      }
      const moved = answer.data;
      if (moved.stage_message && sameChat(openChat(), target)) {
        composeBox.insertIntoComposeBox(doc, moved.stage_message);
        panel.announce(i18n.t("panelMovedMessage", [moved.number, moved.stage.name]), win);
      } else {
        panel.announce(i18n.t("panelMoved", [moved.number, moved.stage.name]), win);
      }
      if (sameChat(openChat(), target)) load(openChat());
    }

    async function watchPulls() {
      const status = await ask({ type: "status" });
      const at = status.ok && status.data.sync ? status.data.sync.last_pull_at : null;
      if (at && lastPullAt && at !== lastPullAt && openChat() && panel.data) load(openChat());
      if (at) lastPullAt = at;
    }

    // Beside the cart's header, once the panel is open.
    function place(main, header) {
      if (panel.host.isConnected) panel.place(main, win, header);
    }

    function start() {
      if (send) pullWatch = win.setInterval(watchPulls, PULL_WATCH_MS);
    }

    function stop() {
      if (pullWatch) win.clearInterval(pullWatch);
      panel.clear();
      if (panel.host.isConnected) panel.host.remove();
    }

    return { panel, load, place, start, stop, moveOrder, hostTags: [customerPanel.TAG] };
  }

  const api = { createPanelFeed, PULL_WATCH_MS };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { panelFeed: api });
})(globalThis);
