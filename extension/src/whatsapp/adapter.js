// Reads the open chat from the page: kind, display name, chat key, phone with its provenance, and
// which tier of each hook matched (no names or numbers in those). Read-only: never touches message
// bodies, never changes a WhatsApp node. Algorithm: docs/extension.md ("Chat key and phone").
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const selectors = isNode ? require("./selectors.js") : root.Sendocki.selectors;
  const pageText = isNode ? require("./text.js") : root.Sendocki.text;
  const phones = isNode ? require("./phone.js") : root.Sendocki.phone;

  const NO_PHONE = Object.freeze({ phone: "", source: "none", confidence: "none" });
  // Sources that read the number from WhatsApp itself (nothing for the seller to confirm).
  const WHATSAPP_SOURCES = new Set(["store-pn", "contact", "lid-cache", "idb", "dom-data-id", "dom-title"]);
  // Row ids looked at on older pages; the first rows are enough and keep this cheap.
  const MAX_ROWS = 30;

  function isLoginScreen(doc) {
    return !selectors.first(doc, selectors.SELECTORS.side) && !!selectors.first(doc, selectors.SELECTORS.login);
  }

  function readTitle(doc, header) {
    const found = header ? selectors.findTitle(header) : null;
    let text = found ? pageText.visibleText(found.el) : "";
    let tier = found ? found.tier : null;
    if (!text) {
      const row = selectors.first(doc, selectors.SELECTORS.selectedRowTitle);
      text = row ? pageText.cleanText(row.getAttribute("title")) : "";
      tier = text ? "selected-row" : null;
    }
    return { text, tier, found };
  }

  // Titles compared across the DOM and WhatsApp's model: bidi marks, the "~" push-name marker and
  // a "(You)" suffix out; a number title compared by its digits.
  function normalizeTitle(value) {
    const text = pageText.cleanText(value).replace(/^~\s*/, "").replace(selectors.SELF_TITLE_SUFFIX, "").trim();
    const phone = phones.phoneFromTitle(text);
    return phone ? phone.replace(/\D/g, "") : text.toLowerCase().replace(/\s+/g, " ");
  }

  // The weak key of a chat nothing better identifies: its normalized title (the avatar's URL
  // changes between sessions). Stable across reloads; shared by two chats with one title.
  function titleKey(title) {
    const text = normalizeTitle(title);
    return text ? "title:" + pageText.weakHash64(text) : null;
  }

  // Chat JIDs of older pages' message rows (2026 rows carry bare message ids: none found).
  function rowChatJids(doc) {
    const seen = new Map();
    const rows = selectors.all(doc, selectors.SELECTORS.messageRowId);
    for (let i = 0; i < rows.length && i < MAX_ROWS; i += 1) {
      const jid = phones.chatJidFromRowId(rows[i].getAttribute("data-id"));
      if (jid && !seen.has(jid.serialized)) seen.set(jid.serialized, jid);
    }
    return Array.from(seen.values());
  }

  // Is this probe reading about the chat on screen? Without row ids: recency (it answers the
  // request made after the last chat switch, or arrived after it) and identity (React's chat id
  // read from the #main on screen, else the chat's title, normalized, must agree).
  // A push (WhatsApp's change:active) may have been read just before the switch reached the DOM
  // and arrive just after it: only an answer to this switch's request is trusted on its React id
  // alone; anything else must also carry the same title.
  function probeMatches(probe, { rowJids, title, epoch }) {
    if (!probe || !probe.chatId) return false;
    const checked = typeof epoch === "number";
    const answered = !checked || probe.epoch === epoch;
    if (!answered && probe.receivedInEpoch !== epoch) return false;
    if (rowJids.length) {
      const aliases = [probe.chatId, probe.modelChatId, probe.reactChatId].filter(Boolean);
      return rowJids.some((jid) => aliases.includes(jid.serialized));
    }
    if (answered && probe.chatIdFrom === "react") return true;
    if (probe.title && title) return normalizeTitle(probe.title) === normalizeTitle(title);
    return answered;
  }

  // Self chat, strongest evidence first: the key is the seller's own number or own LID; then the
  // separate "(You)" span (2026) or title suffix (before), unless the key proves someone else.
  function isSelf({ keyJid, keyPhone, titlePhone, title, selfMarker, own }) {
    if (own.phone && (keyPhone === own.phone || (!keyPhone && titlePhone === own.phone))) return true;
    if (own.lid && keyJid && keyJid.serialized === own.lid) return true;
    const provenOther = (own.phone && keyPhone) || (own.lid && keyJid && keyJid.server === "lid");
    return !provenOther && (selfMarker || selectors.SELF_TITLE_SUFFIX.test(title || ""));
  }

  function classify(facts) {
    const { probeJid, rowJids, iconName, hasFooter, hasComposeBox } = facts;
    if (probeJid && probeJid.kind !== "user") return probeJid.kind;
    const foreign = rowJids.find((jid) => jid.kind !== "user");
    if (!probeJid && foreign) return foreign.kind;
    if (!probeJid && iconName && selectors.GROUP_ICONS.includes(iconName)) return "group";
    if (!probeJid && iconName && selectors.CHANNEL_ICONS.includes(iconName)) return "channel";
    // A conversation whose footer has no message box is a channel (followers cannot write).
    if (!probeJid && hasFooter && !hasComposeBox) return "channel";
    return isSelf(facts) ? "self" : "user";
  }

  // Sources in order: WhatsApp's state through the probe (store-pn, contact, lid-cache), the
  // IndexedDB record of a LID key (idb), older pages' row ids, a number title. Never the seller's own.
  function resolvePhone({ keyJid, keySource, probe, idbPhones, rowJids, titlePhone, own }) {
    const ok = (phone) => phone && phone.startsWith("+") && phone !== own.phone;
    const fromKey = keyJid && phones.phoneFromJid(keyJid);
    if (ok(fromKey)) {
      return keySource === "dom-data-id"
        ? { phone: fromKey, source: "dom-data-id", confidence: "medium" }
        : { phone: fromKey, source: "store-pn", confidence: "high" };
    }
    if (keyJid && keyJid.server === "lid" && probe) {
      const mapped = phones.normalizePhone(probe.phone);
      if (ok(mapped)) return { phone: mapped, source: probe.phoneSource || "lid-cache", confidence: "high" };
    }
    const stored = keyJid && keyJid.server === "lid" && idbPhones ? phones.normalizePhone(idbPhones.get(keyJid.serialized)) : null;
    if (ok(stored)) return { phone: stored, source: "idb", confidence: "high" };
    const rowPhone = rowJids.map((jid) => phones.phoneFromJid(jid)).find(ok);
    if (rowPhone) return { phone: rowPhone, source: "dom-data-id", confidence: "medium" };
    if (ok(titlePhone)) return { phone: titlePhone, source: "dom-title", confidence: "medium" };
    return NO_PHONE;
  }

  // The name as shown in the title block ("~" push-name marker dropped); an unsaved number's
  // title is not a name: then WhatsApp's contact name, verified name, push name.
  function displayName(title, titlePhone, probe) {
    if (title && !titlePhone) return title.replace(/^~\s*/, "");
    if (probe) return pageText.cleanText(probe.name || probe.verifiedName || probe.pushname || "");
    return "";
  }

  // The seller's own ids: WhatsApp's localStorage (own-account.js) and the probe's readings.
  function ownIds(env, probeState) {
    const stored = (env && env.own) || {};
    return {
      phone: stored.phone || (probeState && phones.phoneFromJid(probeState.me || "")) || null,
      lid: stored.lid || (probeState && probeState.meLid) || null,
    };
  }

  // Everything the cart and the dialog need about the open chat, from one pass over the page.
  // env: { probe: latest probe reading or null, epoch: the controller's chat-switch counter,
  //        waitForProbe: true while a reading for this switch may still come (no cart yet),
  //        own: {phone, lid} from own-account.js, idbPhones: Map LID key -> "+<digits>" }
  function describeChat(doc, env) {
    const probeState = (env && env.probe) || null;
    const own = ownIds(env, probeState);
    const base = { waVersion: probeState ? probeState.waVersion || null : null };
    if (isLoginScreen(doc)) return Object.assign({ kind: "login", cart: false }, base);
    const main = selectors.firstTiered(doc, selectors.SELECTORS.main);
    if (!main) return Object.assign({ kind: "none", cart: false }, base);

    const header = selectors.findHeader(doc);
    const title = readTitle(doc, header && header.el);
    const rowJids = rowChatJids(doc);
    const epoch = env ? env.epoch : undefined;
    const probe = probeMatches(probeState, { rowJids, title: title.text, epoch }) ? probeState : null;
    const probeJid = probe ? phones.parseJid(probe.chatId) : null;
    const rowJid = rowJids[0] || null;
    const keyJid = probeJid || rowJid;
    const keySource = probeJid ? (probe.chatIdFrom === "react" ? "react" : "model") : rowJid ? "dom-data-id" : "title";
    const iconName = header ? selectors.avatarIconName(header.el, title.found) : null;
    const weakKey = titleKey(title.text);
    const chatKey = keyJid ? keyJid.serialized : weakKey;
    const titlePhone = phones.phoneFromTitle(title.text);
    const keyPhone = keyJid ? phones.phoneFromJid(keyJid) : null;
    const selfMarker = selectors.hasSelfMarker(title.found);
    const composeBox = selectors.findComposeBox(doc);
    const hasComposeBox = !!composeBox;
    const tiers = {
      main: main.tier,
      header: header ? header.tier : null,
      title: title.tier,
      composer: composeBox ? composeBox.tier : null,
      key: keySource,
      probe: probe ? "matched" : probeState && probeState.chatId ? "unmatched" : probeState ? "no-chat" : "none",
    };

    // WhatsApp's own state may still tell a group or the self chat: no cart until it answered.
    if (!probe && env && env.waitForProbe) {
      return Object.assign(base, { kind: "pending", cart: false, chatKey, titleKey: weakKey, title: title.text, tiers });
    }
    const kind = classify({
      probeJid, rowJids, iconName, keyJid, keyPhone, titlePhone, title: title.text, selfMarker, own,
      hasFooter: !!selectors.first(doc, selectors.SELECTORS.footer), hasComposeBox,
    });
    const phone = kind === "user"
      ? resolvePhone({ keyJid, keySource, probe, idbPhones: env && env.idbPhones, rowJids, titlePhone, own })
      : NO_PHONE;
    tiers.phone = phone.source;
    return Object.assign(base, {
      kind,
      cart: kind === "user",
      chatKey,
      titleKey: weakKey,
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
      tiers,
    });
  }

  // A number the seller confirmed earlier for this chat fills only an otherwise empty phone.
  function withRemembered(chat, remembered) {
    const phone = phones.normalizePhone(remembered);
    if (!chat || !chat.cart || chat.phone || !phone) return chat;
    const tiers = Object.assign({}, chat.tiers, { phone: "confirmed" });
    return Object.assign({}, chat, { phone, phoneSource: "confirmed", confidence: "high", tiers });
  }

  // The title key sent beside a real chat id, so the helper re-links what the title key holds.
  function otherTitleKey(chat) {
    return chat && chat.titleKey && chat.titleKey !== chat.chatKey ? chat.titleKey : undefined;
  }

  const api = {
    describeChat, withRemembered, isLoginScreen, readTitle, rowChatJids, probeMatches, normalizeTitle,
    titleKey, otherTitleKey, WHATSAPP_SOURCES,
  };
  if (isNode) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.adapter = api;
  }
})(globalThis);
