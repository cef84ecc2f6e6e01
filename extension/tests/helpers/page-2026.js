// Saved pages modelled on WhatsApp Web as it is in late 2026 (docs/extension.md, "Fixtures"):
// data-testid hooks, the avatar carrying the `title`, a title block without one, the chat title in
// span[dir=auto][data-testid=conversation-info-header-chat-title], "(You)" as a separate span, a
// business's verified name in a subtitle *with* a `title`, a text-status bubble after the action
// area, wds-ic-* icons, message rows with bare message ids, a Lexical composer in
// footer > [data-testid=compose-box]. Sanitized: placeholder names, numbers and texts.
// `node tests/helpers/page-2026.js` writes tests/fixtures/<case>.html from CASES below; a unit
// test checks the saved files are what this file builds.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

const VERSION = "2.3000.1040123456";
const CAPTURED = "2026-11-20";
const ICON = '<svg viewBox="0 0 24 24" height="24" width="24" preserveAspectRatio="xMidYMid meet" fill="none"><path d="M4 12h16" fill="currentColor"></path></svg>';
const EMOJI_IMG = (alt) => `<img crossorigin="anonymous" alt="${alt}" draggable="false" class="b87 emoji wa x1vjfegm _ao3e" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">`;

const CSS = `html,body{margin:0;height:100%;font-family:Segoe UI,Helvetica,Arial,sans-serif}
#app{height:100%}.x-two{display:flex;height:100%}.x-side{flex:0 0 30%;min-width:260px;border-inline-end:1px solid #d1d7db;overflow:hidden}
.x-pane{flex:1 1 auto;display:flex;min-width:0}#main{position:relative;display:flex;flex-direction:column;flex:1 1 auto;min-width:0;height:100%}
header[data-testid=conversation-header]{display:flex;align-items:center;height:64px;padding:0 16px;box-sizing:border-box;background:#f0f2f5;flex:none;gap:8px}
.x-who{display:flex;align-items:center;flex:1 1 auto;min-width:0;gap:12px}.x-block{display:flex;flex-direction:column;min-width:0;flex:1 1 auto}
.x-row{display:flex;gap:4px;align-items:center}.x-sub{font-size:13px;color:#667781}.x-actions{display:flex;align-items:center;gap:4px}
.x-avatar{width:40px;height:40px;border-radius:50%;overflow:hidden;background:#dfe5e7;flex:none}.x-status{font-size:12px;padding:2px 8px;border-radius:10px;background:#fff}
header button{width:40px;height:40px;border:0;border-radius:50%;background:transparent;display:inline-flex;align-items:center;justify-content:center;padding:0}
header [data-icon]{color:#54656f;display:inline-flex}
.x-messages{flex:1 1 auto;overflow-y:auto;background:#efeae2}footer{flex:none;min-height:62px;background:#f0f2f5}
[data-lexical-editor]{min-height:24px;padding:9px 12px;background:#fff;border-radius:8px;margin:10px}
[data-lexical-editor] p{margin:0}
.dark header[data-testid=conversation-header]{background:#202c33}.dark header [data-icon]{color:#aebac1}.dark .x-messages{background:#0b141a}.dark{color:#e9edef;background:#111b21}`;

const LABELS = {
  en: { profile: "Profile details", video: "Video call", search: "Search", menu: "Menu", type: "Type a message", to: "Type to ", chats: "Chats", list: "Chat list", e2e: "Messages and calls are end-to-end encrypted.", mute: "Mute" },
  fr: { profile: "Détails du profil", video: "Appel vidéo", search: "Rechercher", menu: "Menu", type: "Tapez un message", to: "Écrire à ", chats: "Discussions", list: "Liste des discussions", e2e: "Les messages et les appels sont chiffrés de bout en bout.", mute: "Silencieux" },
  ar: { profile: "تفاصيل الملف الشخصي", video: "مكالمة فيديو", search: "بحث", menu: "القائمة", type: "اكتب رسالة", to: "اكتب إلى ", chats: "الدردشات", list: "قائمة الدردشات", e2e: "الرسائل والمكالمات مشفرة تمامًا.", mute: "كتم" },
};

function esc(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

// Title text with ":emoji:" written as WhatsApp's <img alt>.
function titleHtml(title) {
  return title.split(/(🌸|🎉|⭐)/).map((part) => (/(🌸|🎉|⭐)/.test(part) ? EMOJI_IMG(part) : esc(part))).join("");
}

function avatar(spec, l) {
  const inner = spec.avatar === "photo"
    ? '<img alt="" draggable="false" class="x-img" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" style="width:40px;height:40px">'
    : spec.avatar && spec.avatar.startsWith("icon:")
      ? `<span aria-hidden="true" data-icon="${spec.avatar.slice(5)}">${ICON}</span>`
      : `<svg viewBox="0 0 40 40" width="40" height="40"><foreignObject width="40" height="40"><div class="x-initials">${esc((spec.title || "?").replace(/[^\p{L}]/gu, "").slice(0, 2))}</div></foreignObject></svg>`;
  return `<div class="x-avatar" role="button" tabindex="0" title="${esc(l.profile)}" aria-label="${esc(l.profile)}" data-testid="conversation-info-header-avatar">${inner}</div>`;
}

function header(spec, l, extraClass) {
  const testids = spec.testids !== false;
  const tid = (name) => (testids ? ` data-testid="${name}"` : "");
  const you = spec.youSpan ? `<span class="x-you" aria-hidden="false">${esc(spec.youSpan)}</span>` : "";
  const subtitle = spec.subtitle
    ? `<div class="x-row x-sub"><span dir="auto"${spec.subtitle.title ? ` title="${esc(spec.subtitle.title)}"` : ""} class="x-subtitle">${esc(spec.subtitle.text)}</span></div>`
    : "";
  const status = spec.textStatus ? `<div class="x-status"><span dir="auto">${esc(spec.textStatus)}</span></div>` : "";
  const buttons = [["video", "wds-ic-video-call"], ["search", "wds-ic-search"], ["menu", "ic-more-vert"]]
    .map(([key, icon]) => `<div class="x-slot"><button type="button" class="x-btn" aria-label="${esc(l[key])}" title="${esc(l[key])}" tabindex="0"${key === "menu" ? ' aria-haspopup="menu" aria-expanded="false"' : ""}><span aria-hidden="true" data-icon="${icon}">${ICON}</span></button></div>`)
    .join("");
  return `<header${tid("conversation-header")} class="x-header${extraClass ? " " + extraClass : ""}">` +
    `<div class="x-who">${avatar(spec, l)}` +
    `<div role="button" tabindex="0" class="x-block"${tid("conversation-info-header")}>` +
    `<div class="x-row"><span dir="auto"${tid("conversation-info-header-chat-title")} class="x-title">${titleHtml(spec.title)}</span>${you}</div>` +
    subtitle + `</div></div>` +
    `<div class="x-actions">${buttons}</div>${status}</header>`;
}

function rows(spec) {
  const out = [`<div role="row"><div class="x-sys"><span>${esc(LABELS[spec.locale || "en"].e2e)}</span></div></div>`];
  for (let i = 0; i < (spec.rows === undefined ? 2 : spec.rows); i += 1) {
    const id = "3EB0" + (0xe65e341b6479 + i * 7 + (spec.seed || 0)).toString(16).toUpperCase() + "F5";
    out.push(`<div role="row"><div tabindex="-1" class="x-msg" data-id="${id}"><div class="message-${i % 2 ? "out" : "in"}">` +
      `<div class="copyable-text" data-pre-plain-text="[10:0${i}, 20/11/2026] ${esc(i % 2 ? "Demo Seller" : spec.title)}: "><span dir="ltr" class="selectable-text copyable-text"><span>${esc(spec.message || "Message text")}</span></span></div></div></div></div>`);
  }
  return out.join("");
}

function footer(spec, l) {
  if (spec.footer === "none") return "";
  if (spec.footer === "channel") return `<footer><div class="x-row"><button type="button"><span>${esc(l.mute)}</span></button></div></footer>`;
  return `<footer><div data-testid="compose-box" class="x-compose"><div class="lexical-rich-text-input">` +
    `<div contenteditable="true" role="textbox" spellcheck="true" aria-label="${esc(l.to + spec.title)}" aria-placeholder="${esc(l.type)}" data-lexical-editor="true" tabindex="10" data-tab="10" data-testid="conversation-compose-box-input" class="x-input"><p class="selectable-text copyable-text"><br></p></div>` +
    `</div></div></footer>`;
}

function buildMain(spec, extraClass) {
  const l = LABELS[spec.locale || "en"];
  return `<div id="main" data-testid="conversation-panel-wrapper" class="x-mainpanel">${header(spec, l, extraClass)}` +
    `<div class="x-messages"><div data-scrolltracepolicy="wa.web.conversation.messages" tabindex="0" role="application"><div class="x-list">${rows(spec)}</div></div></div>` +
    `${footer(spec, l)}</div>`;
}

function chatList(spec, l) {
  const names = [spec.title || "", "Demo Contact A", "Demo Contact B"];
  const items = names.map((name, i) => `<div role="listitem" style="transform: translateY(${i * 72}px);"><div tabindex="-1" aria-selected="${i === 0 && spec.main !== false}" role="gridcell"><div class="x-cell"><span dir="auto" title="${esc(name)}" class="x-name">${esc(name)}</span><span class="x-time">10:02</span></div></div></div>`);
  return `<div id="side"><header class="x-sidehead"><h1>${esc(l.chats)}</h1></header><div id="pane-side" tabindex="-1"><div aria-label="${esc(l.list)}" role="grid" aria-rowcount="3">${items.join("")}</div></div></div>`;
}

function buildPage(name, spec) {
  const locale = spec.locale || "en";
  const l = LABELS[locale];
  const meta = { waVersion: VERSION, capturedAt: CAPTURED, locale, theme: spec.theme || "light", guiFlavour: "2026", scenario: name,
    scrubbed: true, expect: spec.expect };
  if (spec.expectWithProbe) meta.expectWithProbe = spec.expectWithProbe;
  if (spec.waState) meta.waState = Object.assign({ version: VERSION }, spec.waState);
  if (spec.localStorage) meta.localStorage = spec.localStorage;
  if (spec.next) meta.next = spec.next;
  let app;
  if (spec.login) {
    app = `<div id="app"><div class="x-landing"><div data-ref="2@placeholder"><canvas aria-label="Scan this QR code to link a device!" width="264" height="264"></canvas></div></div></div>`;
  } else {
    const main = spec.main === false ? `<div class="x-intro"><h1>WhatsApp Web</h1></div>` : buildMain(spec);
    app = `<div id="app"><div class="x-two" tabindex="-1"><div class="x-side">${chatList(spec, l)}</div><div class="x-pane">${main}</div></div></div>`;
  }
  const templates = [];
  if (spec.rerender) templates.push(`<template id="next-header">${header(spec, l, "x1rerender")}</template>`);
  if (spec.next) templates.push(`<template id="next-main">${buildMain(CASES[spec.next.case].spec || CASES[spec.next.case])}</template>`);
  const dir = locale === "ar" ? "rtl" : "ltr";
  return `<!doctype html>\n<!-- sendocki-fixture: ${JSON.stringify(meta)} -->\n` +
    `<html lang="${locale}" dir="${dir}" class="js">\n<head><meta charset="utf-8"><title>WhatsApp</title><style>${CSS}</style></head>\n` +
    `<body class="web${spec.theme === "dark" ? " dark" : ""}">\n${app}\n${templates.join("\n")}\n</body>\n</html>\n`;
}

const SELF = { pn: "212600000009@c.us", lid: "111122223333444@lid" };

// Cases of issue "WhatsApp Web as it is in late 2026" (point 4). `expect`: what the adapter reads
// from the page alone; `expectWithProbe`: with WhatsApp's state (waState) read by the probe.
const CASES = {
  "no-chat": { main: false, expect: { kind: "none" } },
  "login-qr": { login: true, expect: { kind: "login" } },
  "saved-contact": {
    title: "Amina Test🌸", subtitle: { text: "online" }, textStatus: "At the gym",
    waState: { active: "212600000001@c.us", me: SELF,
      chats: [{ id: "212600000001@c.us", formattedTitle: "Amina Test🌸", contact: { name: "Amina Test🌸", pushname: "Amina" } }] },
    expect: { kind: "user", displayName: "Amina Test🌸", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "Amina Test🌸", chatKey: "212600000001@c.us", phone: "+212600000001", phoneSource: "store-pn" },
  },
  "saved-lid": {
    title: "Karim Demo",
    waState: { active: "123456789012345@lid", me: SELF,
      chats: [{ id: "123456789012345@lid", formattedTitle: "Karim Demo", contact: { name: "Karim Demo", pushname: "Karim", phoneNumber: "212600000004@c.us" } }] },
    expect: { kind: "user", displayName: "Karim Demo", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", chatKey: "123456789012345@lid", phone: "+212600000004", phoneSource: "store-pn" },
  },
  "unsaved-lid-idb": {
    title: "~ Yasmine", avatar: "photo",
    waState: { active: "987654321098765@lid", me: SELF,
      chats: [{ id: "987654321098765@lid", formattedTitle: "~ Yasmine", contact: { pushname: "Yasmine" } }],
      idbContacts: [{ id: "987654321098765@lid", phoneNumber: "212600000012@c.us", phoneNumberCreatedAt: 1763600000 }] },
    expect: { kind: "user", displayName: "Yasmine", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "Yasmine", chatKey: "987654321098765@lid", phone: "+212600000012", phoneSource: "idb" },
  },
  "lid-no-phone": {
    title: "~ Salma",
    waState: { active: "555444333222111@lid", me: SELF,
      chats: [{ id: "555444333222111@lid", formattedTitle: "~ Salma", contact: { pushname: "Salma" } }] },
    expect: { kind: "user", displayName: "Salma", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "Salma", chatKey: "555444333222111@lid", phone: "", phoneSource: "none" },
  },
  "unsaved-number": {
    title: "\u202a+212 6 00-000002\u202c", subtitle: { text: "online" },
    waState: { active: "212600000002@c.us", me: SELF,
      chats: [{ id: "212600000002@c.us", formattedTitle: "+212 6 00-000002", contact: { pushname: "Hind" } }] },
    expect: { kind: "user", displayName: "", keySource: "title", phone: "+212600000002", phoneSource: "dom-title" },
    expectWithProbe: { kind: "user", displayName: "Hind", chatKey: "212600000002@c.us", phone: "+212600000002", phoneSource: "store-pn" },
  },
  business: {
    title: "Atlas Demo Shop", subtitle: { text: "Atlas Shop Verified", title: "Atlas Shop Verified" },
    waState: { active: "246813579024680@lid", me: SELF,
      chats: [{ id: "246813579024680@lid", formattedTitle: "Atlas Demo Shop", contact: { name: "Atlas Demo Shop", verifiedName: "Atlas Shop Verified" } }],
      contacts: [{ id: "246813579024680@lid", name: "Atlas Demo Shop", verifiedName: "Atlas Shop Verified", phoneNumber: "212600000003@c.us" }] },
    expect: { kind: "user", displayName: "Atlas Demo Shop", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "Atlas Demo Shop", chatKey: "246813579024680@lid", phone: "+212600000003", phoneSource: "contact" },
  },
  group: {
    title: "Family Demo 🎉", avatar: "photo", subtitle: { text: "Amina Test, Karim Demo, You" },
    waState: { active: "120363000000000001@g.us", me: SELF,
      chats: [{ id: "120363000000000001@g.us", formattedTitle: "Family Demo 🎉" }] },
    expect: { kind: "user" },
    expectWithProbe: { kind: "group", chatKey: "120363000000000001@g.us", phone: "" },
  },
  channel: {
    title: "Demo News Channel", footer: "channel", avatar: "photo",
    waState: { active: "120363000000000002@newsletter", me: SELF,
      chats: [{ id: "120363000000000002@newsletter", formattedTitle: "Demo News Channel" }] },
    expect: { kind: "channel" },
    expectWithProbe: { kind: "channel", chatKey: "120363000000000002@newsletter", phone: "" },
  },
  "self-chat": {
    title: "Demo Seller", youSpan: "(You)", subtitle: { text: "Message yourself" },
    waState: { active: SELF.lid, me: SELF, chats: [{ id: SELF.lid, formattedTitle: "Demo Seller (You)", contact: { name: "Demo Seller", phoneNumber: SELF.pn } }] },
    expect: { kind: "self" },
    expectWithProbe: { kind: "self", chatKey: SELF.lid, phone: "" },
  },
  french: {
    locale: "fr", title: "Élodie Test", subtitle: { text: "en ligne" },
    waState: { active: "333444555666777@lid", me: SELF,
      chats: [{ id: "333444555666777@lid", formattedTitle: "Élodie Test", contact: { name: "Élodie Test" } }],
      lidMap: { "333444555666777@lid": "33600000006@c.us" } },
    expect: { kind: "user", displayName: "Élodie Test", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "Élodie Test", chatKey: "333444555666777@lid", phone: "+33600000006", phoneSource: "lid-cache" },
  },
  arabic: {
    locale: "ar", title: "سارة تجربة", subtitle: { text: "متصل الآن" }, textStatus: "في العمل",
    waState: { active: "212600000007@c.us", me: SELF,
      chats: [{ id: "212600000007@c.us", formattedTitle: "سارة تجربة", contact: { name: "سارة تجربة" } }] },
    expect: { kind: "user", displayName: "سارة تجربة", keySource: "title", phone: "", phoneSource: "none" },
    expectWithProbe: { kind: "user", displayName: "سارة تجربة", chatKey: "212600000007@c.us", phone: "+212600000007", phoneSource: "store-pn" },
  },
  "dark-theme": {
    theme: "dark", title: "Nadia Demo",
    waState: { active: "212600000008@c.us", me: SELF, chats: [{ id: "212600000008@c.us", formattedTitle: "Nadia Demo", contact: { name: "Nadia Demo" } }] },
    expect: { kind: "user", displayName: "Nadia Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "212600000008@c.us", phone: "+212600000008", phoneSource: "store-pn" },
  },
  "header-rerendered": {
    title: "Hamza Demo", rerender: true,
    waState: { active: "212600000010@c.us", me: SELF, chats: [{ id: "212600000010@c.us", formattedTitle: "Hamza Demo", contact: { name: "Hamza Demo" } }] },
    expect: { kind: "user", displayName: "Hamza Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "212600000010@c.us", phone: "+212600000010", phoneSource: "store-pn" },
  },
  "chat-switch": {
    title: "Amina Test🌸", next: { case: "switch-target", chatId: "444555666777888@lid" },
    waState: { active: "212600000001@c.us", me: SELF,
      chats: [{ id: "212600000001@c.us", formattedTitle: "Amina Test🌸", contact: { name: "Amina Test🌸" } },
        { id: "444555666777888@lid", formattedTitle: "Bilal Demo", contact: { name: "Bilal Demo" } }],
      lidMap: { "444555666777888@lid": "212600000013@c.us" } },
    expect: { kind: "user", displayName: "Amina Test🌸", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "212600000001@c.us", phone: "+212600000001", phoneSource: "store-pn" },
  },
  "switch-target": {
    title: "Bilal Demo", seed: 40,
    waState: { active: "444555666777888@lid", me: SELF,
      chats: [{ id: "444555666777888@lid", formattedTitle: "Bilal Demo", contact: { name: "Bilal Demo" } }],
      lidMap: { "444555666777888@lid": "212600000013@c.us" } },
    expect: { kind: "user", displayName: "Bilal Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "444555666777888@lid", phone: "+212600000013", phoneSource: "lid-cache" },
  },
  "modules-late": {
    title: "Rania Demo",
    waState: { active: "666777888999000@lid", me: SELF,
      chats: [{ id: "666777888999000@lid", formattedTitle: "Rania Demo", contact: { name: "Rania Demo" } }],
      lidMap: { "666777888999000@lid": "212600000014@c.us" },
      modules: { late: ["WAWebChatCollection", "WAWebContactCollection", "WAWebApiContact", "WAWebWidFactory"] }, react: false },
    expect: { kind: "user", displayName: "Rania Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "666777888999000@lid", phone: "+212600000014", phoneSource: "lid-cache" },
  },
  "modules-missing": {
    title: "Youssef Demo",
    waState: { active: "777888999000111@lid", me: SELF,
      chats: [{ id: "777888999000111@lid", formattedTitle: "Youssef Demo", contact: { name: "Youssef Demo" } }],
      lidMap: { "777888999000111@lid": "212600000015@c.us" },
      modules: { missing: ["WAWebChatCollection", "WAWebContactCollection"] } },
    expect: { kind: "user", displayName: "Youssef Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "777888999000111@lid", keySource: "react", phone: "+212600000015", phoneSource: "lid-cache" },
  },
  "no-module-system": {
    title: "Imane Demo",
    waState: { active: "888999000111222@lid",
      chats: [{ id: "888999000111222@lid", formattedTitle: "Imane Demo", contact: { name: "Imane Demo" } }],
      idbContacts: [{ id: "888999000111222@lid", phoneNumber: "212600000016@c.us", phoneNumberCreatedAt: 1763600000 }],
      modules: { noLoader: true } },
    expect: { kind: "user", displayName: "Imane Demo", keySource: "title" },
    expectWithProbe: { kind: "user", chatKey: "888999000111222@lid", keySource: "react", phone: "+212600000016", phoneSource: "idb" },
  },
};

function writeAll(dir) {
  for (const [name, spec] of Object.entries(CASES)) {
    fs.writeFileSync(path.join(dir, name + ".html"), buildPage(name, spec));
  }
}

module.exports = { CASES, buildPage, buildMain, VERSION, SELF, writeAll };

if (require.main === module) writeAll(path.join(__dirname, "..", "fixtures"));
