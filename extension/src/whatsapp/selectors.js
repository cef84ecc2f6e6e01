// Every WhatsApp Web page detail the extension looks at lives here, as ordered fallbacks (best
// tier first): the 2026 page's data-testid hooks, then structure (ids, roles, <header>, <footer>,
// data-icon, position), then older layouts, class names last. Callers get the tier that matched,
// so the page's health can be reported without personal data (diagnostics.js).
(function (root) {
  "use strict";

  const MESSAGES_CONTAINER = '[data-scrolltracepolicy="wa.web.conversation.messages"]';
  const TITLE_TESTID = '[data-testid="conversation-info-header-chat-title"]';

  const SELECTORS = {
    main: [
      { tier: "testid", css: '#main[data-testid="conversation-panel-wrapper"]' },
      { tier: "id", css: "#main" },
    ],
    app: ["#app"],
    side: ["#side", "#pane-side"],
    header: [
      { tier: "testid", css: 'header[data-testid="conversation-header"]' },
      { tier: "main-header", css: "#main header" },
      { tier: "main-banner", css: '#main [role="banner"]' },
      { tier: "above-messages", find: elementAboveMessages },
    ],
    // The clickable block holding the chat's name (and the subtitle). 2026: a test id and no
    // `title` attribute (the avatar carries it); 2025: the block carries `title`; 2024: neither.
    titleBlock: [
      { tier: "testid", css: '[data-testid="conversation-info-header"]' },
      { tier: "untitled-block", find: (header) => blockWithName(header, '[role="button"]:not([title])') },
      { tier: "titled-block", find: (header) => blockWithName(header, '[role="button"][title]') },
    ],
    // The name inside the title block: never a header-wide `span[dir=auto][title]`, which on the
    // 2026 page is a business's verified-name subtitle.
    titleInBlock: [
      { tier: "testid", css: TITLE_TESTID },
      { tier: "first-auto-span", css: 'span[dir="auto"]' },
    ],
    titleInHeader: [
      { tier: "testid", css: TITLE_TESTID },
      { tier: "class-legacy", css: "span._ao3e[dir], span._amig span" },
    ],
    selectedRowTitle: [
      '#pane-side [aria-selected="true"] span[title]',
      '#side [aria-selected="true"] span[title]',
    ],
    // Where the action area's controls are: native buttons (2025-26), role buttons (2024).
    actionControls: [
      { tier: "buttons", css: "button[aria-label], button" },
      { tier: "role-buttons", css: '[role="button"][aria-label], [role="button"][title]' },
    ],
    menuIcon: [
      '[data-icon="ic-more-vert"]',
      '[data-icon="wds-ic-more-vert"]',
      '[data-icon="more-refreshed"]',
      '[data-icon="menu"]',
      '[data-icon="more"]',
    ],
    headerButton: ["button", '[role="button"]'],
    // Older pages only: 2026 rows carry bare message ids (no chat id, no phone).
    messageRowId: [
      MESSAGES_CONTAINER + " [data-id]",
      '#main [role="row"] [data-id]',
      "#main [data-id]",
    ],
    composeBox: [
      { tier: "testid", css: '#main [data-testid="conversation-compose-box-input"]' },
      { tier: "compose-box", css: '#main footer [data-testid="compose-box"] [contenteditable="true"]' },
      { tier: "footer-textbox", css: '#main footer [contenteditable="true"][role="textbox"]' },
      { tier: "footer-editable", css: '#main footer [contenteditable="true"]' },
      { tier: "lexical", css: '#main [data-lexical-editor="true"]' },
    ],
    footer: ["#main footer"],
    avatarIcon: ["[data-icon]"],
    login: ["[data-ref] canvas", "canvas[aria-label]", "#app [data-ref]"],
    // Where the MAIN-world probe looks for React's `chat` prop; sent to it with each request,
    // so the probe holds no selector of its own.
    reactChatRoots: ["#main", "#main header"],
    // WhatsApp Web's own interface language (the order form follows it unless the seller chose
    // one in the settings). [verify] on live accounts in fr and ar.
    pageLanguage: ["html[lang]"],
    // Where a text selection counts as "taken from a message" (src/ui/take-from-chat.js).
    messageArea: [MESSAGES_CONTAINER, '#main [role="application"]'],
  };

  // WhatsApp's localStorage keys for the seller's own account ("<digits>:<device>@c.us", own LID).
  const STORAGE_KEYS = { ownPhone: "last-wid-md", ownLid: "WALid" };

  // The self-chat's "(You)" marker in en, fr, ar, es, pt: a separate span next to the name on the
  // 2026 page, a suffix of the title before. Localized text, so only after the seller's own ids.
  const SELF_MARKER = /^\(\s*(you|vous|toi|أنت|انت|tú|tu|você|voce)\s*\)$/i;
  const SELF_TITLE_SUFFIX = /\(\s*(you|vous|toi|أنت|انت|tú|tu|você|voce)\s*\)$/i;

  // data-icon names of the header avatar placeholder, per chat kind (every GUI flavour).
  const GROUP_ICONS = ["default-group-refreshed", "default-group", "default-community-refreshed", "default-community"];
  const CHANNEL_ICONS = ["default-newsletter-refreshed", "default-newsletter", "newsletter-refreshed"];

  function first(scope, list) {
    for (const css of list) {
      const el = scope.querySelector(css);
      if (el) return el;
    }
    return null;
  }

  function all(scope, list) {
    for (const css of list) {
      const found = scope.querySelectorAll(css);
      if (found.length) return Array.from(found);
    }
    return [];
  }

  function firstTiered(scope, list) {
    for (const entry of list) {
      const el = entry.find ? entry.find(scope) : scope.querySelector(entry.css);
      if (el) return { el, tier: entry.tier };
    }
    return null;
  }

  function findMain(doc) {
    const found = firstTiered(doc, SELECTORS.main);
    return found ? found.el : null;
  }

  function blockWithName(header, css) {
    for (const el of header.querySelectorAll(css)) {
      if (el.querySelector('span[dir="auto"]')) return el;
    }
    return null;
  }

  // Structural fallback: the sibling just before the block that holds the messages.
  function elementAboveMessages(doc) {
    const main = findMain(doc);
    const messages = main && main.querySelector(MESSAGES_CONTAINER);
    if (!messages) return null;
    let block = messages;
    while (block.parentElement && block.parentElement !== main) block = block.parentElement;
    const above = block.previousElementSibling;
    return above && above.querySelector('[role="button"], [data-icon]') ? above : null;
  }

  function findHeader(doc) {
    return firstTiered(doc, SELECTORS.header);
  }

  // The chat's name element: in the title block first, then header-wide hooks that cannot be
  // the subtitle. Tier is "<block tier>/<name tier>" or the header-wide tier.
  function findTitle(header) {
    const block = firstTiered(header, SELECTORS.titleBlock);
    if (block) {
      const name = firstTiered(block.el, SELECTORS.titleInBlock);
      if (name) return { el: name.el, block: block.el, tier: block.tier + "/" + name.tier };
    }
    const loose = firstTiered(header, SELECTORS.titleInHeader);
    return loose ? { el: loose.el, block: null, tier: "header/" + loose.tier } : null;
  }

  // The separate "(You)" span of the 2026 self chat: a sibling of the name in the title block.
  function hasSelfMarker(title) {
    if (!title || !title.block) return false;
    for (const span of title.block.querySelectorAll("span")) {
      if (span === title.el || title.el.contains(span) || span.contains(title.el)) continue;
      if (SELF_MARKER.test(cleanMarker(span.textContent))) return true;
    }
    return false;
  }

  function cleanMarker(text) {
    return String(text || "").replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00a0]/g, " ").trim();
  }

  function childHolding(parent, descendant) {
    let node = descendant;
    while (node && node.parentElement !== parent) node = node.parentElement;
    return node;
  }

  // Where the cart goes: in the header child that holds the action buttons, before the first.
  // Not "the header's last child": a 2026 text-status bubble may follow the action area.
  function findActionSlot(header, title) {
    const titleEl = title ? title.block || title.el : null;
    const children = Array.from(header.children).filter((child) => !(titleEl && child.contains(titleEl)));
    for (const entry of SELECTORS.actionControls) {
      for (const child of children) {
        const control = child.querySelector(entry.css);
        if (control && !control.closest("sendocki-cart-button")) {
          return { parent: child, before: childHolding(child, control), tier: "action-child/" + entry.tier };
        }
      }
    }
    const icon = first(header, SELECTORS.menuIcon);
    const control = icon && icon.closest('button, [role="button"]');
    if (control && control.parentElement && header.contains(control.parentElement) && control.parentElement !== header) {
      return { parent: control.parentElement, before: control, tier: "menu-icon-parent" };
    }
    return { parent: header, before: null, tier: "header-end" };
  }

  function neighbourButton(slot) {
    if (!slot) return null;
    return first(slot.parent, SELECTORS.headerButton);
  }

  function avatarIconName(header, title) {
    const titleEl = title ? title.block || title.el : null;
    for (const icon of header.querySelectorAll(SELECTORS.avatarIcon.join(","))) {
      if (icon.closest("button")) break; // the action area's icons come after the avatar
      if (titleEl && titleEl.contains(icon)) continue;
      return icon.getAttribute("data-icon");
    }
    return null;
  }

  function findComposeBox(doc) {
    return firstTiered(doc, SELECTORS.composeBox);
  }

  // "fr-FR" -> "fr"; "" when the page says nothing.
  function pageLanguage(doc) {
    const el = first(doc, SELECTORS.pageLanguage);
    const lang = el ? String(el.getAttribute("lang") || "") : "";
    return /^[a-z]{2,3}\b/i.test(lang) ? lang.slice(0, 2).toLowerCase() : "";
  }

  // WhatsApp's dark theme is a "dark" class on <body> (older builds put it on <html>).
  function pageTheme(doc) {
    const dark = (doc.body && doc.body.classList.contains("dark")) || doc.documentElement.classList.contains("dark");
    return dark ? "dark" : "light";
  }

  // The message area holding `node`, or null (the header, the footer's message box, the side).
  function messageAreaOf(doc, node) {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!el) return null;
    for (const css of SELECTORS.messageArea) {
      const area = el.closest(css);
      if (area && doc.contains(area)) return area;
    }
    return null;
  }

  const api = {
    SELECTORS, MESSAGES_CONTAINER, GROUP_ICONS, CHANNEL_ICONS, SELF_MARKER, SELF_TITLE_SUFFIX, STORAGE_KEYS,
    first, all, firstTiered, findMain, findHeader, findTitle, hasSelfMarker, findActionSlot, neighbourButton,
    avatarIconName, findComposeBox, pageLanguage, pageTheme, messageAreaOf,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.selectors = api;
  }
})(globalThis);
