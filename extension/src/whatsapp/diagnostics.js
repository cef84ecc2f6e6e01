// Knowing when WhatsApp changes, without personal data. The content script records, per chat
// reading, which tier of each hook matched and which source gave the number, plus a
// structure-only skeleton of #main's header and footer: tag names, roles, data-testid and
// data-icon values, attribute *names*, child counts. Never text, titles, labels' values, ids that
// hold numbers, or message content. The options page (and later the toolbar popup) turns the last
// record into a compatibility line and a report the seller can paste in an email.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  // Selectors only where the page is read (content script); the options page needs none.
  const loadSelectors = () => (isNode ? require("./selectors.js") : root.Sendocki.selectors);

  const STORAGE_KEY = "diagnostics:last";
  const MAX_DEPTH = 9;
  const MAX_NODES = 160;
  // Only these attributes' values are kept, and only when they look like static names.
  const KEPT_VALUES = ["role", "data-testid", "data-icon"];
  const NAME_VALUE = /^[A-Za-z][A-Za-z0-9_-]{0,60}$/;
  const NUMBERISH = /\d{4,}/;
  const ATTRIBUTE_NAME = /^[a-z][a-z0-9_:-]{0,40}$/;

  function safeValue(value) {
    return typeof value === "string" && NAME_VALUE.test(value) && !NUMBERISH.test(value) ? value : "?";
  }

  // One line per element, indented by depth: `div[role=button][data-testid=x] {title,tabindex} (3)`.
  function skeleton(el, limits) {
    const maxNodes = (limits && limits.maxNodes) || MAX_NODES;
    const lines = [];
    let count = 0;
    const walk = (node, depth) => {
      if (count >= maxNodes) return;
      count += 1;
      const tag = String(node.tagName || "").toLowerCase();
      if (!/^[a-z][a-z0-9-]{0,40}$/.test(tag)) return;
      let line = "  ".repeat(depth) + tag;
      const names = [];
      for (const attr of Array.from(node.attributes || [])) {
        const name = attr.name.toLowerCase();
        if (KEPT_VALUES.includes(name)) line += "[" + name + "=" + safeValue(attr.value) + "]";
        else if (ATTRIBUTE_NAME.test(name)) names.push(name);
      }
      if (names.length) line += " {" + names.join(",") + "}";
      const children = Array.from(node.children || []);
      if (children.length) line += " (" + children.length + ")";
      lines.push(line);
      // Our own hosts and SVG drawings say nothing about WhatsApp's structure.
      if (tag.startsWith("sendocki-") || tag === "svg" || depth >= MAX_DEPTH) return;
      for (const child of children) walk(child, depth + 1);
    };
    if (el) walk(el, 0);
    if (count >= maxNodes) lines.push("…");
    return lines.join("\n");
  }

  function pageSkeleton(doc) {
    const selectors = loadSelectors();
    const header = selectors.findHeader(doc);
    const footer = selectors.first(doc, selectors.SELECTORS.footer);
    return { header: header ? skeleton(header.el) : "", footer: footer ? skeleton(footer) : "" };
  }

  // What the content script stores after each reading (tiers and sources only).
  function buildRecord(reading, doc) {
    const clean = (value) => (typeof value === "string" && value.length <= 60 && !NUMBERISH.test(value.replace(/^\d+\.\d+\.\d+$/, "")) ? value : null);
    const tiers = {};
    for (const [name, value] of Object.entries((reading && reading.tiers) || {})) tiers[name] = clean(value);
    const modules = {};
    for (const [name, value] of Object.entries((reading && reading.modules) || {})) modules[name] = value === true;
    return {
      kind: clean(reading && reading.kind),
      tiers,
      anchorTier: clean(reading && reading.anchorTier),
      waVersion: reading && typeof reading.waVersion === "string" && /^[0-9.]{1,40}$/.test(reading.waVersion) ? reading.waVersion : null,
      loader: clean(reading && reading.loader),
      modules,
      skeleton: doc ? pageSkeleton(doc) : { header: "", footer: "" },
      at: new Date().toISOString().slice(0, 10),
    };
  }

  function storeReading(storageArea) {
    return (reading, doc) => {
      if (!storageArea) return;
      const record = buildRecord(reading, doc);
      try {
        const done = storageArea.set({ [STORAGE_KEY]: record });
        if (done && typeof done.catch === "function") done.catch(() => {});
      } catch (_) { /* context gone */ }
    };
  }

  // "found": today's first tier matched; "fallback": a later tier did; "missing": nothing did.
  function state(tier, firstTiers) {
    if (!tier) return "missing";
    return firstTiers.some((first) => tier === first || tier.startsWith(first + "/")) ? "found" : "fallback";
  }

  function compatibility(record) {
    const tiers = (record && record.tiers) || {};
    return {
      header: state(tiers.header, ["testid"]),
      name: state(tiers.title, ["testid", "header/testid"]),
      number: tiers.phone || "none",
      chatKey: tiers.key || "none",
      composer: state(tiers.composer, ["testid"]),
    };
  }

  // Plain text, small enough for an email: versions, tiers, the two skeletons.
  function formatReport(record, meta) {
    if (!record) return "Sendocki diagnostic report\nNo WhatsApp chat has been read yet.";
    const c = compatibility(record);
    const modules = Object.entries(record.modules || {}).map(([name, ok]) => name + "=" + (ok ? "yes" : "no")).join(" ");
    const lines = [
      "Sendocki diagnostic report",
      "extension: " + ((meta && meta.extensionVersion) || "?") + "  browser: " + ((meta && meta.browser) || "?"),
      "whatsapp: " + (record.waVersion || "unknown") + "  loader: " + (record.loader || "unknown") + "  read at: " + (record.at || "?"),
      "chat kind: " + (record.kind || "?"),
      "header: " + c.header + " (" + (record.tiers.header || "-") + ")",
      "name: " + c.name + " (" + (record.tiers.title || "-") + ")",
      "chat key: " + c.chatKey + "  number source: " + c.number + "  probe: " + (record.tiers.probe || "-"),
      "composer: " + c.composer + " (" + (record.tiers.composer || "-") + ")",
      "cart anchor: " + (record.anchorTier || "-"),
      "modules: " + (modules || "-"),
      "",
      "header skeleton:",
      record.skeleton && record.skeleton.header ? record.skeleton.header : "(none)",
      "",
      "footer skeleton:",
      record.skeleton && record.skeleton.footer ? record.skeleton.footer : "(none)",
    ];
    return lines.join("\n");
  }

  const api = { STORAGE_KEY, skeleton, pageSkeleton, buildRecord, storeReading, compatibility, formatReport };
  if (isNode) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.diagnostics = api;
  }
})(globalThis);
