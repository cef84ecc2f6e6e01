// What belongs to the open chat: the order draft and its dialog (kept through Esc, never carried
// to another chat), the number the seller confirmed for a chat WhatsApp hides it in, text taken
// from a message into the form, and what follows "Create the order": the message put in the
// chat's message box (never sent), the notice, the panel reloaded. The customer panel itself is
// app/panel-feed.js; which chat is open is app/mount-keeper.js's to say.
(function (root) {
  "use strict";

  // Required under node --test; in the page, loaded before this file (manifest.json).
  const isNode = typeof module !== "undefined" && module.exports;
  const { selectors, adapter, composeBox, orderForm, orderDialog, shortcut, panelFeed } = isNode ? {
    selectors: require("../whatsapp/selectors.js"),
    adapter: require("../whatsapp/adapter.js"),
    composeBox: require("../whatsapp/compose-box.js"),
    orderForm: require("../ui/order-form.js"),
    orderDialog: require("../ui/order-dialog.js"),
    shortcut: require("./shortcut.js"),
    panelFeed: require("./panel-feed.js"),
  } : root.Sendocki;
  const { takeFromChat } = isNode ? { takeFromChat: require("../ui/take-from-chat.js") } : root.Sendocki.ui;

  const offline = async () => ({ ok: false, state: "offline" });

  // The workspace (currency, stages, fields) is fetched once per page, by the form or the panel.
  function createWorkspaceCache(ask) {
    const cache = {
      current: null,
      async ensure() {
        if (cache.current) return cache.current;
        const answer = await ask({ type: "workspace" });
        if (answer.ok) cache.current = answer.data;
        return cache.current;
      },
    };
    return cache;
  }

  // openChat(): the chat as last read; readChat(): read it now; currentTitle(): the header's
  // title now; onContextLost(): the extension was reloaded under the page.
  // guard: src/ui/page-guard.js, for every host and action of the session (dialog, panel, bar, shortcut).
  function createChatSession({ win, doc, i18n, send, phoneMemory, stats, contextAlive, guard, openChat, readChat,
    currentTitle, onContextLost }) {
    const ask = send || offline;
    const workspace = createWorkspaceCache(ask);
    const feed = panelFeed.createPanelFeed({ win, doc, i18n, send, workspace, openChat, guard });
    const panel = feed.panel;
    let form = null; // the order draft of the open chat, kept through Esc
    let removeShortcut = null;
    let stopped = false;
    const theme = () => selectors.pageTheme(doc);
    const canOrder = () => { const chat = openChat(); return !!(chat && chat.cart); };
    // Text selected in a message goes into the form with one click (opening it if needed).
    const take = takeFromChat.createTakeFromChat({
      doc, win, t: i18n.t, dir: i18n.dir(), theme,
      enabled: () => !stopped && canOrder(),
      onTake: (kind, value) => takeIntoForm(kind, value), guard,
    });

    // The chat's number as WhatsApp shows it, else the one the seller confirmed for this chat
    // before (also under its title key, from when the chat was known only by its title). Null:
    // the seller switched chats while storage answered, the result is stale.
    async function withConfirmedPhone(snapshot) {
      if (snapshot.phone || !phoneMemory) return snapshot;
      let remembered = null;
      try {
        remembered = await phoneMemory.recall(snapshot.chatKey);
        if (!remembered && snapshot.titleKey && snapshot.titleKey !== snapshot.chatKey) remembered = await phoneMemory.recall(snapshot.titleKey);
      } catch (_) { /* storage unavailable */ }
      if (stopped || currentTitle() !== snapshot.title || readChat().chatKey !== snapshot.chatKey) return null;
      return adapter.withRemembered(snapshot, remembered);
    }

    async function openDialog() {
      if (!contextAlive()) return onContextLost();
      const snapshot = readChat();
      if (!snapshot.cart) return;
      const resolved = await withConfirmedPhone(snapshot);
      if (!resolved) return;
      // Esc kept the draft: the same chat gets it back as the seller left it.
      if (form && form.chatKey === resolved.chatKey && !form.created) {
        form.dialog.show();
        if (!form.details.filled) form.load();
        return form.dialog;
      }
      if (form) discardDraft();
      form = orderForm.createOrderForm({
        doc, win, i18n, chat: resolved, theme: theme(), send: ask, workspace: workspace.current, guard,
        onCreated: (order, done, clickedAt) => onOrderCreated(order, done, clickedAt),
      });
      form.load().then(() => { if (form && form.workspace) workspace.current = form.workspace; });
      return form.dialog;
    }

    async function takeIntoForm(kind, value) {
      if (!form || form.dialog.closed) await openDialog();
      if (form) await form.take(kind, value);
    }

    function discardDraft() {
      const old = form;
      form = null;
      if (old) old.dialog.close();
    }

    async function onOrderCreated(order, done, clickedAt) {
      const confirmedPhone = done.dialog.fields.phone.value.trim();
      if (form === done) form = null;
      done.dialog.close();
      panel.setTheme(theme());
      // The form closes (the chat gets its full width back to check the message); the notice says
      // what is left to do; the caret waits in WhatsApp's message box, which is never sent.
      // The message's lines kept (Lexical paste, checked; fallbacks); "none": no box found.
      const inserted = order.automation_message ? composeBox.insertIntoComposeBox(doc, order.automation_message) : null;
      stats.lastInsert = inserted;
      const placed = !!inserted && inserted.method !== "none";
      if (!placed) composeBox.focusComposeBox(doc);
      panel.announce(i18n.t("orderCreated", order.number) + (placed ? "\n" + i18n.t("messageReady") : ""), win);
      // Click on "Create the order" to the notice painted (the frame after it was set).
      win.requestAnimationFrame(() => stats.createToShown.push(win.performance.now() - clickedAt));
      // A number the seller typed or corrected is remembered for this chat; WhatsApp's own is not.
      if (phoneMemory && !adapter.WHATSAPP_SOURCES.has(done.phoneSource) && confirmedPhone) {
        try { await phoneMemory.remember(done.chatKey, confirmedPhone); } catch (_) { /* storage unavailable */ }
      }
      const chat = openChat();
      if (chat && chat.chatKey === done.chatKey) feed.load(chat);
    }

    // Another chat is open: the draft belongs to one chat and never carries over; the panel follows.
    function followChat(next) {
      if (form && form.chatKey !== next.chatKey) discardDraft();
      if (next.kind !== "pending") feed.load(next);
    }

    function start() {
      removeShortcut = shortcut.installShortcut(win, () => { if (canOrder()) openDialog(); }, guard);
      feed.start();
      take.start();
    }

    function stop() {
      stopped = true;
      if (removeShortcut) removeShortcut();
      take.stop();
      discardDraft();
      feed.stop();
    }

    return {
      start, stop, openDialog, followChat, panel, take,
      placePanel: feed.place,
      hostTags: [orderDialog.TAG, takeFromChat.TAG, ...feed.hostTags],
      get form() { return form; },
      get dialog() { return form && !form.dialog.closed ? form.dialog : null; },
    };
  }

  const api = { createChatSession };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { chatSession: api });
})(globalThis);
