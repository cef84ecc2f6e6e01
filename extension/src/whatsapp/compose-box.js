// Puts text into WhatsApp's message box for the seller to read and send. It never sends: no Enter
// key, no click on the send button. The 2026 box is a Lexical editor, where
// execCommand("insertText") can flatten line breaks; a synthetic paste (a ClipboardEvent carrying
// text/plain, which Lexical turns into paragraphs) keeps them. Each way is checked afterwards by
// the lines the box shows; the next is tried only when the box did not change.
(function (root) {
  "use strict";

  const isNode = typeof module !== "undefined" && module.exports;
  const selectors = isNode ? require("./selectors.js") : root.Sendocki.selectors;

  function findComposeBox(doc) {
    const found = selectors.findComposeBox(doc);
    return found ? found.el : null;
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

  // The box's lines: one per paragraph (Lexical), <br> inside a paragraph splits too.
  function boxLines(box) {
    const blocks = box.querySelectorAll("p");
    const lines = [];
    const collect = (node, into) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === 3) into[into.length - 1] += child.nodeValue;
        else if (child.nodeType === 1 && child.tagName === "BR") into.push("");
        else if (child.nodeType === 1 && child.tagName === "IMG") into[into.length - 1] += child.getAttribute("alt") || "";
        else if (child.nodeType === 1) collect(child, into);
      }
    };
    if (!blocks.length) {
      const own = [""];
      collect(box, own);
      return own.join("\n").split("\n").map((l) => l.trim());
    }
    for (const block of blocks) {
      const own = [""];
      collect(block, own);
      // A paragraph ending in the editor's placeholder <br> is one line.
      if (own.length > 1 && own[own.length - 1] === "") own.pop();
      lines.push(...own);
    }
    return lines.map((l) => l.trim());
  }

  function expectedLines(text) {
    return String(text).split(/\r?\n/).map((l) => l.trim());
  }

  // The text's lines are the box's last lines (a draft the seller had typed stays before them).
  function arrived(box, text) {
    const want = expectedLines(text).filter((l, i, all) => l || i < all.length - 1);
    const have = boxLines(box);
    while (have.length && !have[have.length - 1]) have.pop();
    if (have.length < want.length) return false;
    const tail = have.slice(have.length - want.length);
    tail[0] = tail[0].slice(Math.max(0, tail[0].length - want[0].length));
    return want.every((line, i) => tail[i] === line);
  }

  function snapshot(box) {
    return box.innerHTML;
  }

  function paste(win, box, text) {
    const data = new win.DataTransfer();
    data.setData("text/plain", text);
    box.dispatchEvent(new win.ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }

  // Line by line through the editing commands: a paragraph between lines, never Enter.
  function typeLines(doc, text) {
    const lines = expectedLines(text);
    lines.forEach((line, i) => {
      if (i > 0) doc.execCommand("insertParagraph", false);
      if (line) doc.execCommand("insertText", false, line);
    });
  }

  // Returns {ok, method, lines}: method "paste" | "lines" | "flat" | "none"; ok when every line
  // arrived as a line. "flat": the text is there but its line breaks were lost.
  function insertIntoComposeBox(doc, text) {
    const win = doc.defaultView;
    const box = findComposeBox(doc);
    const lines = expectedLines(text).length;
    if (!box || !text) return { ok: false, method: "none", lines };
    /** @type {Array<[string, () => void]>} */
    const ways = [
      ["paste", () => paste(win, box, text)],
      ["lines", () => typeLines(doc, text)],
      ["flat", () => doc.execCommand("insertText", false, text)],
    ];
    for (const [method, insert] of ways) {
      const before = snapshot(box);
      box.focus();
      placeCaretAtEnd(doc, box);
      try { insert(); } catch (_) { /* not available here: next way */ }
      if (arrived(box, text)) return { ok: true, method, lines };
      // Something went in but not as lines: stop before the text is there twice.
      if (snapshot(box) !== before) {
        const flat = (box.textContent || "").includes(expectedLines(text).join(" ").slice(0, 20));
        return { ok: false, method: flat ? "flat" : method, lines };
      }
    }
    return { ok: false, method: "none", lines };
  }

  function focusComposeBox(doc) {
    const box = findComposeBox(doc);
    if (box) box.focus();
    return !!box;
  }

  const api = { findComposeBox, insertIntoComposeBox, focusComposeBox, boxLines, arrived };
  if (isNode) module.exports = api;
  else {
    root.Sendocki = root.Sendocki || {};
    root.Sendocki.composeBox = api;
  }
})(globalThis);
