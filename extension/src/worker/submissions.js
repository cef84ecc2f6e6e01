// One Idempotency-Key per order draft, minted before the first attempt and kept in
// chrome.storage.local, so a double click, a helper restart or a worker restart all retry with
// the same key and the helper creates the order once. A draft whose attempt the helper refused
// (4xx) may be corrected and re-sent: only then does a changed body get a fresh key.
(function (root) {
  "use strict";

  const PREFIX = "draft:";
  const KEEP_MS = 7 * 24 * 3600 * 1000;

  function bodyDigest(body) {
    // Not cryptographic: only tells "same body as the last attempt" apart from "edited since".
    const text = JSON.stringify(body);
    let hash = 0x811c9dc5;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash.toString(16) + ":" + text.length;
  }

  function createSubmissions({ storage, link, newKey, now }) {
    const clock = now || Date.now;
    const inFlight = new Map();

    async function keyFor(draftId, digest) {
      const slot = PREFIX + draftId;
      const saved = (await storage.get(slot))[slot];
      if (saved && (saved.digest === digest || saved.outcome !== "refused")) return saved;
      const fresh = { key: newKey(), digest, outcome: "pending", at: clock() };
      await storage.set({ [slot]: fresh });
      return fresh;
    }

    async function settle(draftId, entry, outcome) {
      await storage.set({ [PREFIX + draftId]: Object.assign({}, entry, { outcome, at: clock() }) });
    }

    async function attempt(draftId, body) {
      const entry = await keyFor(draftId, bodyDigest(body));
      const answer = await link.call("POST", "/v1/orders", { body, headers: { "Idempotency-Key": entry.key } });
      if (answer.status >= 200 && answer.status < 300) await settle(draftId, entry, "created");
      else if (answer.status >= 400 && answer.status < 500 && answer.status !== 409) await settle(draftId, entry, "refused");
      return Object.assign({ key: entry.key }, answer);
    }

    // Concurrent submissions of one draft (a double click that got through) share one request.
    function submit(draftId, body) {
      if (!draftId || typeof draftId !== "string") return Promise.reject(new Error("draftId required"));
      if (inFlight.has(draftId)) return inFlight.get(draftId);
      const running = attempt(draftId, body).finally(() => inFlight.delete(draftId));
      inFlight.set(draftId, running);
      return running;
    }

    async function prune() {
      const all = await storage.get(null);
      const stale = Object.keys(all).filter((k) => k.startsWith(PREFIX) && clock() - (all[k].at || 0) > KEEP_MS);
      if (stale.length) await storage.remove(stale);
    }

    return { submit, prune };
  }

  const api = { createSubmissions, bodyDigest, PREFIX };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SendockiWorker = Object.assign(root.SendockiWorker || {}, { submissions: api });
})(globalThis);
