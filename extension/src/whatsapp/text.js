// Text helpers for what the page shows: bidi marks out, emoji (rendered as <img alt>) kept.
(function (root) {
  "use strict";

  // LRM, RLM, LRE..RLO, LRI..PDI, ALM, NBSP, narrow NBSP, zero-width space/joiners.
  const INVISIBLES = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\u200b\ufeff]/g;
  const SPACES = /[\u00a0\u202f\s]+/g;

  function cleanText(value) {
    return String(value || "").replace(INVISIBLES, "").replace(SPACES, " ").trim();
  }

  // Visible text of an element, with each emoji <img> replaced by its alt text.
  function visibleText(el) {
    if (!el) return "";
    let out = "";
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) out += child.nodeValue;
        else if (child.nodeType === 1) {
          if (child.tagName === "IMG") out += child.getAttribute("alt") || "";
          else walk(child);
        }
      }
    };
    walk(el);
    return cleanText(out);
  }

  // Weak, stable key for chats nothing better identifies (FNV-1a, 32 bits).
  function weakHash(value) {
    let hash = 0x811c9dc5;
    const text = String(value);
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16).padStart(8, "0");
  }

  // 64 bits as two FNV-1a halves (different offsets), 16 hex digits: the title key of a chat.
  function weakHash64(value) {
    let low = 0x811c9dc5;
    let high = 0xcbf29ce4;
    const text = String(value);
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      low = Math.imul(low ^ code, 0x01000193) >>> 0;
      high = Math.imul(high ^ code, 0x01000193) >>> 0;
      high = (high ^ (low >>> 7)) >>> 0;
    }
    return high.toString(16).padStart(8, "0") + low.toString(16).padStart(8, "0");
  }

  const api = { cleanText, visibleText, weakHash, weakHash64 };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { text: api });
})(globalThis);
