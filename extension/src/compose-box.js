// Puts text into WhatsApp's message box for the seller to read and send. It never sends: no
// Enter, no click on the send button. The text goes in through the browser's own editing
// command, as a paste would, so WhatsApp's editor (Lexical) sees an ordinary input event.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const S = isNode ? require("./selectors.js") : root.Sendocki.selectors;

  function findComposeBox(doc) {
    return S.first(doc, S.SELECTORS.composeBox);
  }

  function placeCaretAtEnd(doc, box) {
    const selection = doc.getSelection && doc.getSelection();
    if (!selection) return;
    const range = doc.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Returns true when the text is in the box.
  function insertIntoComposeBox(doc, text) {
    const box = findComposeBox(doc);
    if (!box) return false;
    box.focus();
    placeCaretAtEnd(doc, box);
    let done;
    try { done = typeof doc.execCommand === "function" && doc.execCommand("insertText", false, text); } catch (_) { done = false; }
    if (!done || !(box.textContent || "").includes(text.slice(0, 20))) {
      // No editing command (or it refused): announce the text the way a paste does.
      try {
        const data = new root.DataTransfer();
        data.setData("text/plain", text);
        box.dispatchEvent(new root.ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
      } catch (_) { /* no clipboard events here: the seller pastes by hand */ }
    }
    return (box.textContent || "").includes(text.slice(0, 20));
  }

  function focusComposeBox(doc) {
    const box = findComposeBox(doc);
    if (box) box.focus();
    return !!box;
  }

  const api = { findComposeBox, insertIntoComposeBox, focusComposeBox };
  if (isNode) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { composeBox: api });
})(globalThis);
