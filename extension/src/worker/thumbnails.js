// Product thumbnails for the dialog: fetched from the local helper (which fetched the photo and
// keeps it cached), handed to the content script as a data: URL. The WhatsApp page never fetches
// a third-party URL; only small WebP images are accepted; the last few are kept in memory.
(function (root) {
  "use strict";

  const MAX_BYTES = 64 * 1024;
  const KEEP = 300;
  const PRODUCT_ID = /^[A-Za-z0-9_-]{1,64}$/;

  function base64(bytes) {
    let text = "";
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    return btoa(text);
  }

  async function readWebp(response) {
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    if (type !== "image/webp") return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (!bytes.length || bytes.length > MAX_BYTES) return null;
    return "data:image/webp;base64," + base64(bytes);
  }

  function createThumbnails({ link }) {
    const kept = new Map(); // productId -> data: URL, oldest first

    async function get(productId) {
      if (typeof productId !== "string" || !PRODUCT_ID.test(productId)) return { status: 422, data: null };
      if (kept.has(productId)) {
        const src = kept.get(productId);
        kept.delete(productId);
        kept.set(productId, src);
        return { status: 200, data: { src } };
      }
      const answer = await link.call("GET", `/v1/catalog/products/${productId}/thumbnail`, { read: readWebp });
      if (answer.status !== 200) return answer; // 404 no_thumbnail: the placeholder stays
      if (!answer.data) return { status: 415, data: null };
      kept.set(productId, answer.data);
      if (kept.size > KEEP) kept.delete(kept.keys().next().value);
      return { status: 200, data: { src: answer.data } };
    }

    return { get };
  }

  const api = { createThumbnails, MAX_BYTES };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SendockiWorker = Object.assign(root.SendockiWorker || {}, { thumbnails: api });
})(globalThis);
