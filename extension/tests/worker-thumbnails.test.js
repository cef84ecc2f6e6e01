"use strict";
// The worker's thumbnails: from the helper by product id, only small WebP, kept in memory.
const test = require("node:test");
const assert = require("node:assert/strict");
const { createThumbnails, MAX_BYTES } = require("../src/worker/thumbnails.js");

// A link like helper-link.js's: `read` is applied to a successful answer (a real Response here).
function fakeLink(respond) {
  const calls = [];
  return {
    calls,
    async call(method, path, { read } = {}) {
      calls.push(path);
      const response = respond(path);
      if (response.ok && read) return { status: response.status, data: await read(response) };
      return { status: response.status, data: await response.json().catch(() => null) };
    },
  };
}

const webp = (size) => new Response(new Uint8Array(size).fill(7), { status: 200, headers: { "Content-Type": "image/webp" } });

test("a thumbnail comes back as a data: URL, once per product", async () => {
  const link = fakeLink(() => webp(12));
  const thumbnails = createThumbnails({ link });
  const first = await thumbnails.get("p_1");
  assert.equal(first.status, 200);
  assert.equal(first.data.src, "data:image/webp;base64," + Buffer.alloc(12, 7).toString("base64"));
  assert.deepEqual(await thumbnails.get("p_1"), first);
  assert.deepEqual(link.calls, ["/v1/catalog/products/p_1/thumbnail"]);
});

test("no photo, another type, too big or a strange id: no data URL", async () => {
  const answers = {
    "/v1/catalog/products/p_none/thumbnail": () => new Response(JSON.stringify({ code: "no_thumbnail" }), { status: 404 }),
    "/v1/catalog/products/p_html/thumbnail": () => new Response("<svg onload=x>", { status: 200, headers: { "Content-Type": "image/svg+xml" } }),
    "/v1/catalog/products/p_big/thumbnail": () => webp(MAX_BYTES + 1),
  };
  const link = fakeLink((path) => answers[path]());
  const thumbnails = createThumbnails({ link });
  assert.equal((await thumbnails.get("p_none")).status, 404);
  assert.equal((await thumbnails.get("p_html")).status, 415);
  assert.equal((await thumbnails.get("p_big")).status, 415);
  for (const id of ["../v1/orders", "p 1", "", null, "x".repeat(65)]) {
    assert.equal((await thumbnails.get(id)).status, 422);
  }
  assert.equal(link.calls.length, 3, "a strange id never reaches the helper");
});
