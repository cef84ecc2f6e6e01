// The slice of chrome.* the content script uses: i18n from the real _locales files, a
// storage.local kept in memory, and runtime.id (cleared to simulate an extension reload).
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function loadMessages(locale) {
  const file = path.join(__dirname, "..", "..", "_locales", locale, "messages.json");
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

function fakeChrome({ locale = "en", stored = {} } = {}) {
  const messages = loadMessages(locale);
  const data = Object.assign({}, stored);
  const pending = [];
  const chrome = {
    runtime: { id: "igekjiaegmikgckdbhadfnjpmajbfoak" },
    i18n: {
      getMessage(key, subs) {
        if (key === "@@bidi_dir") return locale === "ar" ? "rtl" : "ltr";
        if (key === "@@ui_locale") return locale;
        const entry = messages[key];
        if (!entry) return "";
        // Chrome's placeholder rule: $NAME$ -> its content, "$1" -> the first substitution.
        const values = [].concat(subs === undefined ? [] : subs);
        return entry.message.replace(/\$(\w+)\$/g, (_, name) => {
          const content = entry.placeholders && entry.placeholders[name.toLowerCase()];
          return content ? content.content.replace(/\$(\d)/g, (__, n) => values[n - 1] || "") : "";
        });
      },
    },
    storage: {
      local: {
        // Answers wait until release() so tests can interleave chat switches.
        hold: false,
        get(key) {
          const answer = () => ({ [key]: data[key] });
          if (!chrome.storage.local.hold) return Promise.resolve(answer());
          return new Promise((resolve) => pending.push(() => resolve(answer())));
        },
        set(items) { Object.assign(data, items); return Promise.resolve(); },
        release() { while (pending.length) pending.shift()(); },
      },
    },
    data,
  };
  return chrome;
}

module.exports = { fakeChrome, loadMessages };
