// Every WhatsApp Web selector lives here, as ordered fallbacks (best tier first).
// WhatsApp churns class names every few weeks and runs two layouts at once, so ids, roles,
// data-icon and structure come first; class names are a last resort. Callers get the tier
// that matched so the page's health can be reported without personal data.
(function (root) {
  "use strict";

  const MESSAGES_CONTAINER = '[data-scrolltracepolicy="wa.web.conversation.messages"]';

  const SELECTORS = {
    main: ["#main"],
    side: ["#side", "#pane-side"],
    header: [
      { tier: "main-header", css: "#main header" },
      { tier: "main-banner", css: '#main [role="banner"]' },
      { tier: "above-messages", find: elementAboveMessages },
    ],
    // Inside the header: the clickable title block, then the title span in it.
    title: [
      { tier: "title-block", css: '[role="button"][title] span[dir="auto"]' },
      { tier: "span-title", css: 'span[dir="auto"][title]' },
      { tier: "first-auto-span", css: 'span[dir="auto"]' },
      { tier: "class-legacy", css: "span._ao3e, span._amig" },
    ],
    selectedRowTitle: [
      '#pane-side [aria-selected="true"] span[title]',
      '#side [aria-selected="true"] span[title]',
    ],
    menuIcon: [
      'span[data-icon="more-refreshed"]',
      'span[data-icon="menu"]',
      'span[data-icon="more"]',
    ],
    headerButton: ["button", '[role="button"]'],
    messageRowId: [
      MESSAGES_CONTAINER + " [data-id]",
      '#main [role="row"] [data-id]',
      "#main [data-id]",
    ],
    composeBox: [
      '#main footer [contenteditable="true"]',
      '#main footer [role="textbox"]',
      '#main [data-lexical-editor="true"]',
    ],
    footer: ["#main footer"],
    avatarIcon: ["span[data-icon]"],
    avatarImg: ["img[src]"],
    login: ["[data-ref] canvas", "canvas[aria-label]", "#app [data-ref]"],
    // Where the MAIN-world probe looks for React's `chat` prop (source D); sent to it with each
    // request, so the probe holds no selector of its own.
    reactChatRoots: ["#main", "#main header"],
    // WhatsApp Web's own interface language (the order form follows it unless the seller chose
    // one in the settings). [verify] on live accounts in fr and ar.
    pageLanguage: ["html[lang]"],
    // Where a text selection counts as "taken from a message" (src/ui/take-from-chat.js).
    messageArea: [MESSAGES_CONTAINER, '#main [role="application"]'],
  };

  // The self-chat's title suffix in en, fr, ar, es, pt ("Name (You)"). Localized text, so only
  // the last tier of self-chat detection, after the seller's own ids.
  const SELF_TITLE_SUFFIX = /\(\s*(you|vous|toi|أنت|انت|tú|tu|você|voce)\s*\)$/i;

  // data-icon names of the header avatar placeholder, per chat kind (both GUI flavours).
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

  // Structural fallback: the sibling just before the block that holds the messages.
  function elementAboveMessages(doc) {
    const main = doc.getElementById("main");
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

  function findTitle(header) {
    return firstTiered(header, SELECTORS.title);
  }

  // Where the cart goes: before the first native control of the action area.
  function findActionSlot(header) {
    const last = header.lastElementChild;
    if (last && last.querySelector("button")) {
      return { parent: last, before: childHolding(last, last.querySelector("button")), tier: "last-child-buttons" };
    }
    const icon = first(header, SELECTORS.menuIcon);
    const control = icon && icon.closest('button, [role="button"]');
    if (control && control.parentElement && header.contains(control.parentElement) && control.parentElement !== header) {
      return { parent: control.parentElement, before: control, tier: "menu-icon-parent" };
    }
    return { parent: header, before: null, tier: "header-end" };
  }

  function childHolding(parent, descendant) {
    let node = descendant;
    while (node && node.parentElement !== parent) node = node.parentElement;
    return node;
  }

  function neighbourButton(slot) {
    if (!slot) return null;
    return first(slot.parent, SELECTORS.headerButton);
  }

  function avatarIconName(header) {
    const avatarBlock = header.firstElementChild;
    const icon = avatarBlock && first(avatarBlock, SELECTORS.avatarIcon);
    return icon ? icon.getAttribute("data-icon") : null;
  }

  function avatarSrc(header) {
    const avatarBlock = header.firstElementChild;
    const img = avatarBlock && first(avatarBlock, SELECTORS.avatarImg);
    return img ? img.getAttribute("src") || "" : "";
  }

  // "fr-FR" -> "fr"; "" when the page says nothing.
  function pageLanguage(doc) {
    const el = first(doc, SELECTORS.pageLanguage);
    const lang = el ? String(el.getAttribute("lang") || "") : "";
    return /^[a-z]{2,3}\b/i.test(lang) ? lang.slice(0, 2).toLowerCase() : "";
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
    SELECTORS, MESSAGES_CONTAINER, GROUP_ICONS, CHANNEL_ICONS, SELF_TITLE_SUFFIX,
    first, all, firstTiered, findHeader, findTitle, findActionSlot, neighbourButton,
    avatarIconName, avatarSrc, pageLanguage, messageAreaOf,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { selectors: api });
})(globalThis);
