// Reads the open chat from the page: kind, display name, chat key, phone with its provenance.
// Read-only: never touches message bodies, never changes a WhatsApp node.
// Ranked algorithm and sources: docs/extension.md ("Phone algorithm").
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const S = isNode ? require("./selectors.js") : root.Sendocki.selectors;
  const T = isNode ? require("./text.js") : root.Sendocki.text;
  const P = isNode ? require("./phone.js") : root.Sendocki.phone;

  const NO_PHONE = Object.freeze({ phone: "", source: "none", confidence: "none" });
  // Row ids looked at for the chat key; the first rows are enough and keep this cheap.
  const MAX_ROWS = 30;

  function isLoginScreen(doc) {
    return !S.first(doc, S.SELECTORS.side) && !!S.first(doc, S.SELECTORS.login);
  }

  // The seller's own number, from WhatsApp's localStorage value "<digits>:<device>@c.us".
  function ownPhoneFromStorage(value) {
    if (!value) return null;
    let text = String(value);
    try { text = JSON.parse(text); } catch (_) { /* stored unquoted by some versions */ }
    return P.phoneFromJid(P.parseJid(String(text)));
  }

  function readTitle(doc, header) {
    const found = header && S.findTitle(header);
    let text = found ? T.visibleText(found.el) : "";
    let tier = found ? found.tier : null;
    if (!text) {
      const row = S.first(doc, S.SELECTORS.selectedRowTitle);
      text = row ? T.cleanText(row.getAttribute("title")) : "";
      tier = text ? "selected-row" : null;
    }
    return { text, tier };
  }

  // Chat JIDs of the rendered message rows, most frequent kind first.
  function rowChatJids(doc) {
    const seen = new Map();
    const rows = S.all(doc, S.SELECTORS.messageRowId);
    for (let i = 0; i < rows.length && i < MAX_ROWS; i += 1) {
      const jid = P.chatJidFromRowId(rows[i].getAttribute("data-id"));
      if (jid && !seen.has(jid.serialized)) seen.set(jid.serialized, jid);
    }
    return Array.from(seen.values());
  }

  // Probe data is accepted only when nothing on the page contradicts it (it may describe the
  // previous chat while WhatsApp is switching).
  function probeMatches(probe, rowJids, title) {
    if (!probe || !probe.chatId) return false;
    const aliases = [probe.chatId].concat(probe.aliases || []);
    if (rowJids.length) return rowJids.some((jid) => aliases.includes(jid.serialized));
    if (probe.title && title) return T.cleanText(probe.title) === title;
    return true;
  }

  // Self-chat, strongest evidence first: the key (or a number title) is the seller's own number,
  // the key is the seller's own LID; last, the localized "(You)" title suffix, unless the key
  // proves someone else.
  function isSelf({ keyJid, keyPhone, titlePhone, title, ownPhone, ownLid }) {
    if (ownPhone && (keyPhone === ownPhone || (!keyPhone && titlePhone === ownPhone))) return true;
    if (ownLid && keyJid && keyJid.serialized === ownLid) return true;
    const provenOther = (ownPhone && keyPhone) || (ownLid && keyJid && keyJid.server === "lid");
    return !provenOther && S.SELF_TITLE_SUFFIX.test(title || "");
  }

  function classify({ probeJid, rowJids, iconName, hasFooter, hasComposeBox, keyJid, keyPhone, titlePhone, title, ownPhone, ownLid }) {
    if (probeJid && probeJid.kind !== "user") return probeJid.kind;
    const foreign = rowJids.find((jid) => jid.kind !== "user");
    if (!probeJid && foreign) return foreign.kind;
    if (!probeJid && iconName && S.GROUP_ICONS.includes(iconName)) return "group";
    if (!probeJid && iconName && S.CHANNEL_ICONS.includes(iconName)) return "channel";
    // A conversation whose footer has no message box is a channel (followers cannot write).
    if (!probeJid && hasFooter && !hasComposeBox) return "channel";
    return isSelf({ keyJid, keyPhone, titlePhone, title, ownPhone, ownLid }) ? "self" : "user";
  }

  function resolvePhone({ keyJid, keySource, probe, idbPhones, rowJids, titlePhone, ownPhone }) {
    const fromKey = keyJid && P.phoneFromJid(keyJid);
    if (fromKey) {
      // The React `chat` prop (D) is the same chat model as the collection's (A).
      return keySource === "probe" || keySource === "react"
        ? { phone: fromKey, source: "store-pn", confidence: "high" }
        : { phone: fromKey, source: "dom-data-id", confidence: "medium" };
    }
    if (keyJid && keyJid.server === "lid" && probe) {
      const mapped = P.normalizePhone(probe.phone);
      if (mapped && mapped.startsWith("+")) return { phone: mapped, source: probe.phoneSource || "lid-cache", confidence: "high" };
    }
    // Source C, read asynchronously by the controller and handed in per chat key.
    const stored = keyJid && keyJid.server === "lid" && idbPhones ? P.normalizePhone(idbPhones.get(keyJid.serialized)) : null;
    if (stored && stored.startsWith("+") && stored !== ownPhone) return { phone: stored, source: "idb", confidence: "high" };
    const rowPhone = rowJids.map((jid) => P.phoneFromJid(jid)).find(Boolean);
    if (rowPhone && rowPhone !== ownPhone) return { phone: rowPhone, source: "dom-data-id", confidence: "medium" };
    if (titlePhone && titlePhone !== ownPhone) return { phone: titlePhone, source: "dom-title", confidence: "medium" };
    return NO_PHONE;
  }

  // Name as the seller saved it; an unsaved number's title is not a name, a "~PushName" is one.
  function displayName(title, titlePhone, probe) {
    if (title && !titlePhone) return title.replace(/^~\s*/, "");
    if (probe) return T.cleanText(probe.name || probe.verifiedName || probe.pushname || "");
    return "";
  }

  // Everything the cart and the dialog need about the open chat, from one pass over the page.
  // env: { probe: state posted by the MAIN-world probe or null, ownPhone: "+<digits>" or null,
  //        idbPhones: Map chat key -> "+<digits>" read from WhatsApp's IndexedDB (source C) }
  function describeChat(doc, env) {
    const probeState = (env && env.probe) || null;
    // The seller's own ids do not depend on the open chat: taken from any probe reading.
    const ownPhone = (env && env.ownPhone) || (probeState && P.phoneFromJid(probeState.me || "")) || null;
    const ownLid = (probeState && probeState.meLid) || null;
    const base = { waVersion: probeState ? probeState.waVersion || null : null };
    if (isLoginScreen(doc)) return Object.assign({ kind: "login", cart: false }, base);
    const main = S.first(doc, S.SELECTORS.main);
    if (!main) return Object.assign({ kind: "none", cart: false }, base);

    const header = S.findHeader(doc);
    const title = readTitle(doc, header && header.el);
    const rowJids = rowChatJids(doc);
    const probe = probeMatches(probeState, rowJids, title.text) ? probeState : null;
    const probeJid = probe ? P.parseJid(probe.chatId) : null;
    const rowJid = rowJids[0] || null;
    const keyJid = probeJid || rowJid;
    const keySource = probeJid ? (probe.chatIdFrom === "react" ? "react" : "probe") : rowJid ? "dom-data-id" : "title-hash";
    const iconName = header ? S.avatarIconName(header.el) : null;
    const chatKey = keyJid
      ? keyJid.serialized
      : "title:" + T.weakHash(title.text + "|" + (header ? S.avatarSrc(header.el) : ""));
    const titlePhone = P.phoneFromTitle(title.text);
    const keyPhone = keyJid ? P.phoneFromJid(keyJid) : null;

    const kind = classify({
      probeJid, rowJids, iconName, keyJid, keyPhone, titlePhone, title: title.text, ownPhone, ownLid,
      hasFooter: !!S.first(doc, S.SELECTORS.footer),
      hasComposeBox: !!S.first(doc, S.SELECTORS.composeBox),
    });
    const phone = kind === "user"
      ? resolvePhone({ keyJid, keySource, probe, idbPhones: env && env.idbPhones, rowJids, titlePhone, ownPhone })
      : NO_PHONE;
    return Object.assign(base, {
      kind,
      cart: kind === "user",
      chatKey,
      keySource,
      isGroup: kind === "group",
      displayName: displayName(title.text, titlePhone, probe),
      title: title.text,
      phone: phone.phone,
      phoneSource: phone.source,
      confidence: phone.confidence,
      headerTier: header ? header.tier : null,
      titleTier: title.tier,
      hasRowKey: !!rowJid,
    });
  }

  // A number the seller confirmed earlier for this chat fills only an otherwise empty phone.
  function withRemembered(chat, remembered) {
    const phone = P.normalizePhone(remembered);
    if (!chat || !chat.cart || chat.phone || !phone) return chat;
    return Object.assign({}, chat, { phone, phoneSource: "confirmed", confidence: "high" });
  }

  const api = { describeChat, withRemembered, ownPhoneFromStorage, isLoginScreen, readTitle, rowChatJids, probeMatches };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { adapter: api });
})(globalThis);
