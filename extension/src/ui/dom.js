// One call for an element with its class and text: the order lines, the sections, the panel and
// the pipeline page each built their nodes in three statements (createElement, className,
// textContent), over and over.
(function (root) {
  "use strict";

  // Bound to one document: the page's, or a test's jsdom.
  function elementMaker(doc) {
    return function element(tag, className, text) {
      const node = doc.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    };
  }

  const api = { elementMaker };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { dom: api }) });
})(globalThis);
