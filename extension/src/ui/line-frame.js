// The frame every line of the order shares, product or delivery: its box (data-kind says which)
// and its head with the name and the "×" that removes it. Extras sit before the name (the
// delivery truck) or between the name and the "×" (the delivery amount).
(function (root) {
  "use strict";

  const elementMaker = (typeof module !== "undefined" && module.exports)
    ? require("./dom.js").elementMaker
    : root.Sendocki.ui.dom.elementMaker;

  function createLineFrame(doc, { kind, removeLabel, onRemove, before = [], after = [] }) {
    const element = elementMaker(doc);
    const box = element("div", "line");
    box.dataset.kind = kind;
    const head = element("div", "line-head");
    const title = element("span", "name");
    const remove = element("button", "remove", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", removeLabel);
    remove.addEventListener("click", onRemove);
    head.append(...before, title, ...after, remove);
    box.appendChild(head);
    return { box, head, title };
  }

  const api = { createLineFrame };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { lineFrame: api }) });
})(globalThis);
