// A product's thumbnail in the dialog (search results, order lines): a neutral placeholder at
// once, replaced by the photo when the worker brings it (a data: URL from the local helper; the
// page never loads a third-party address). Asked once per product per page; off the search path.
(function (root) {
  "use strict";

  const KEEP = 300;
  const CSS = `
.thumb{flex:none;display:inline-flex;align-items:center;justify-content:center;width:40px;height:40px;border-radius:6px;overflow:hidden;
 background:var(--soft);border:1px solid var(--line);color:var(--muted)}
.thumb img{width:100%;height:100%;object-fit:cover;display:block}
.thumb svg{width:20px;height:20px;opacity:.55}
.results button .thumb{margin-inline-end:2px}
.results button{align-items:center}
.results button>.label{flex:1;min-width:0}
.line-head .thumb{width:32px;height:32px}
`;
  // A plain picture glyph, drawn here (no image file, no network).
  const PLACEHOLDER = '<svg viewBox="0 0 24 24" aria-hidden="true"><path fill="currentColor" d="M5 4h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v9.6l3.3-3.3a1 1 0 0 1 1.4 0l2.8 2.8 4.3-4.3a1 1 0 0 1 1.4 0L19 11.6V6H5zm3.5 1.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3z"/></svg>';

  // Results shown for less than this (the agent is still typing) never ask for their photos, so
  // thumbnail requests do not compete with the next keystroke's search.
  const ASK_AFTER_MS = 120;

  function createThumbnails(send) {
    const asked = new Map(); // productId -> Promise<src | null>
    const ready = new Map(); // productId -> src, shown at once on the next render

    function source(productId) {
      if (!asked.has(productId)) {
        const pending = send({ type: "thumbnail", productId }).then(
          (answer) => (answer && answer.ok && answer.data && /^data:image\/webp;base64,/.test(answer.data.src) ? answer.data.src : null),
          () => null,
        );
        // A failure (helper offline) is not remembered: the next render asks again.
        pending.then((src) => {
          if (src === null) asked.delete(productId);
          else ready.set(productId, src);
        });
        asked.set(productId, pending);
        if (asked.size > KEEP) asked.delete(asked.keys().next().value);
        if (ready.size > KEEP) ready.delete(ready.keys().next().value);
      }
      return asked.get(productId);
    }

    // product: a search result ({product_id, thumbnail}); the element is returned at once.
    function element(doc, product) {
      const box = doc.createElement("span");
      box.className = "thumb";
      box.dataset.state = "placeholder";
      box.innerHTML = PLACEHOLDER; // a constant: no data from the page or the helper
      const id = product && product.thumbnail && product.product_id;
      if (!id) return box;
      const show = (/** @type {string | null} */ src) => {
        if (!src) return;
        const img = doc.createElement("img");
        img.alt = "";
        img.decoding = "async";
        img.src = src;
        box.textContent = "";
        box.appendChild(img);
        box.dataset.state = "photo";
      };
      if (ready.has(id)) show(ready.get(id) || null);
      else if (asked.has(id)) source(id).then(show);
      else {
        const view = doc.defaultView;
        if (view) view.setTimeout(() => { if (box.isConnected) source(id).then(show); }, ASK_AFTER_MS);
      }
      return box;
    }

    return { element, source };
  }

  const api = { createThumbnails, CSS, ASK_AFTER_MS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { thumbnail: api });
})(globalThis);
