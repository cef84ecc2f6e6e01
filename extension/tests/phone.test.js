"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const P = require("../src/whatsapp/phone.js");
const T = require("../src/whatsapp/text.js");

test("parseJid reads phone, LID, group, channel and device-suffixed ids", () => {
  assert.deepEqual(P.parseJid("212600000001@c.us"), { user: "212600000001", server: "c.us", kind: "user", serialized: "212600000001@c.us" });
  assert.equal(P.parseJid("212600000009:7@c.us").serialized, "212600000009@c.us");
  assert.equal(P.parseJid("212600000001@s.whatsapp.net").serialized, "212600000001@c.us");
  assert.equal(P.parseJid("123456789012345@lid").kind, "user");
  assert.equal(P.parseJid("120363000000000001@g.us").kind, "group");
  assert.equal(P.parseJid("120363000000000002@newsletter").kind, "channel");
  assert.equal(P.parseJid("status@broadcast").kind, "broadcast");
  assert.equal(P.parseJid("13135550002@bot").kind, "bot");
  assert.equal(P.parseJid("3EB0A1B2C3D4E5F60001"), null);
  assert.equal(P.parseJid(""), null);
});

test("row data-id gives the chat, not the author, and ignores bare ids", () => {
  assert.equal(P.chatJidFromRowId("false_212600000001@c.us_3EB0A1").serialized, "212600000001@c.us");
  assert.equal(P.chatJidFromRowId("true_123456789012345@lid_3EB0A1").serialized, "123456789012345@lid");
  assert.equal(P.chatJidFromRowId("false_120363000000000001@g.us_3EB0A1_212600000001@c.us").serialized, "120363000000000001@g.us");
  assert.equal(P.chatJidFromRowId("false_120363000000000002@newsletter_3EB0A1").kind, "channel");
  assert.equal(P.chatJidFromRowId("3EB0A1B2C3D4E5F60001"), null);
  assert.equal(P.chatJidFromRowId(null), null);
});

test("a LID, a group or a channel id is never a phone", () => {
  assert.equal(P.phoneFromJid("212600000001@c.us"), "+212600000001");
  assert.equal(P.phoneFromJid("123456789012345@lid"), null);
  assert.equal(P.phoneFromJid("120363000000000001@g.us"), null);
  assert.equal(P.phoneFromJid("120363000000000002@newsletter"), null);
  assert.equal(P.phoneFromJid("status@broadcast"), null);
  assert.equal(P.normalizePhone("123456789012345@lid"), null);
  assert.equal(P.phoneFromTitle("123456789012345"), null, "bare digits as a title could be a LID");
});

test("normalizePhone strips bidi marks, spaces and dashes and keeps national forms", () => {
  assert.equal(P.normalizePhone("\u202a+212 6 00-00 00 02\u202c"), "+212600000002");
  assert.equal(P.normalizePhone("00212600000002"), "+212600000002");
  assert.equal(P.normalizePhone("06 00 00 00 02"), "0600000002");
  assert.equal(P.normalizePhone("+212\u00a0(6) 00.00.00.02"), "+212600000002");
  assert.equal(P.normalizePhone("\u200e\u200f"), null);
  assert.equal(P.normalizePhone("Amina"), null);
  assert.equal(P.normalizePhone("+12"), null);
  assert.equal(P.normalizePhone(undefined), null);
});

test("phoneFromTitle accepts only international numbers", () => {
  assert.equal(P.phoneFromTitle("\u202a+212 6 00-00 00 02\u202c"), "+212600000002");
  assert.equal(P.phoneFromTitle("Amina Test"), null);
  assert.equal(P.phoneFromTitle("+212 6 Shop"), null);
  assert.equal(P.phoneFromTitle("~\u00a0Yasmine"), null);
});

test("visible text keeps emoji alt text and drops bidi marks", () => {
  const { JSDOM } = require("jsdom");
  const doc = new JSDOM('<span id="t">\u200eAmina <b>Test</b><img alt="🌸" src="x">\u202c</span>').window.document;
  assert.equal(T.visibleText(doc.getElementById("t")), "Amina Test🌸");
  assert.equal(T.cleanText("  a\u00a0\u00a0b \u2067c\u2069 "), "a b c");
  assert.equal(T.weakHash("x"), T.weakHash("x"));
  assert.notEqual(T.weakHash("x"), T.weakHash("y"));
});
