"use strict";
// The small pieces the order lines, sections, panel and pages share (once each, not copied).
const test = require("node:test");
const assert = require("node:assert/strict");
const { JSDOM } = require("jsdom");
const { elementMaker } = require("../src/ui/dom.js");
const { createLineFrame } = require("../src/ui/line-frame.js");
const money = require("../src/ui/money.js");

const documentOf = () => new JSDOM("<!doctype html><body></body>").window.document;

test("an element with its class and text in one call; no class, no text when not given", () => {
  const element = elementMaker(documentOf());
  const price = element("span", "price muted", "149.00 DH");
  assert.equal(price.outerHTML, '<span class="price muted">149.00 DH</span>');
  assert.equal(element("li").outerHTML, "<li></li>");
  assert.equal(element("label", "", "").outerHTML, "<label></label>");
});

test("an amount as the seller types it: decimal comma in French and Arabic, point in English", () => {
  assert.equal(money.typed(14950, true), "149,50");
  assert.equal(money.typed(14950, false), "149.50");
  assert.equal(money.typed(-500, true), "-5,00");
  assert.equal(money.parse(money.typed(2005, true)), 2005, "what is shown reads back the same");
});

test("a line's frame: its kind, extras before and after the name, and the × that removes it", () => {
  const doc = documentOf();
  const element = elementMaker(doc);
  let removed = 0;
  const truck = element("span", "truck");
  const amount = element("span", "line-total", "20.00");
  const { box, head, title } = createLineFrame(doc, {
    kind: "delivery", removeLabel: "Remove the delivery", onRemove: () => { removed += 1; }, before: [truck], after: [amount],
  });
  assert.equal(box.className, "line");
  assert.equal(box.dataset.kind, "delivery");
  assert.equal(head.parentNode, box);
  assert.deepEqual([...head.children].map((node) => node.className), ["truck", "name", "line-total", "remove"]);
  assert.equal(title.className, "name");
  const remove = head.querySelector("button.remove");
  assert.equal(remove.type, "button", "never submits the form");
  assert.equal(remove.getAttribute("aria-label"), "Remove the delivery");
  remove.click();
  assert.equal(removed, 1);
});
