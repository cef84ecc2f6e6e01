// The worker's link to the local helper: the port and pairing from chrome.storage.local, the
// token from `secrets` (token-store.js: out of the content scripts' reach), an identity check on
// GET /v1/ping before any call, and the bearer token added here only. The token never leaves
// this file's callers in the worker (no message to a content script has it).
(function (root) {
  "use strict";

  const DEFAULT_PORT = 47615;
  const PRODUCT = "sendocki-helper";
  const API_VERSION = "1";
  const KEYS = { port: "helperPort", helperId: "helperId", pairingId: "pairingId" };
  // Where version 0.1.0 kept the token: chrome.storage.local, which content scripts can read.
  const LEGACY_TOKEN = "helperToken";
  const PING_TIMEOUT_MS = 1500;
  const CALL_TIMEOUT_MS = 8000;

  // A plain outcome the UI can show: offline (nothing answers as our helper on the port),
  // unpaired (no token, or the helper refused it), wrong-helper (another helper than the paired one).
  class LinkError extends Error {
    constructor(state, detail) {
      super(state);
      this.state = state;
      this.detail = detail || null;
    }
  }

  function validPort(value) {
    const port = Number(value);
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  }

  function toHex(bytes) {
    return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function randomNonce() {
    return toHex(crypto.getRandomValues(new Uint8Array(16)));
  }

  const encoder = new TextEncoder();
  // The proof key: HKDF-SHA256 of the token (RFC 5869), as the helper derived it at pairing and
  // keeps outside its database (helper/sendocki_helper/services/ping_proof.py).
  const HKDF_SALT = "sendocki-helper";
  const HKDF_INFO = "ping-proof v2";
  const PROOF_LABEL = "sendocki-ping-v2";

  async function proofKey(token) {
    const material = await crypto.subtle.importKey("raw", encoder.encode(token), "HKDF", false, ["deriveBits"]);
    const bits = await crypto.subtle.deriveBits(
      { name: "HKDF", hash: "SHA-256", salt: encoder.encode(HKDF_SALT), info: encoder.encode(HKDF_INFO) }, material, 256);
    return crypto.subtle.importKey("raw", bits, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  }

  // HMAC(proof key, label, nonce, helper id, port): `port` is the one this worker dialled, so a
  // program there that relays to our helper on another port gets a proof that does not match.
  async function identityProof(token, nonce, helperId, port) {
    const message = [PROOF_LABEL, nonce, helperId, String(port)].join("\n");
    return toHex(await crypto.subtle.sign("HMAC", await proofKey(token), encoder.encode(message)));
  }

  function createHelperLink({ storage, secrets, fetchImpl, now }) {
    const clock = now || Date.now;
    // Identity verified for this port and helper id; dropped on any network failure.
    let verified = null;

    // A token left in storage.local by an older version moves to `secrets` on first read.
    async function tokenFrom(got) {
      let token = await secrets.get();
      if (got[LEGACY_TOKEN]) {
        if (!token) {
          token = got[LEGACY_TOKEN];
          await secrets.set(token);
        }
        await storage.remove(LEGACY_TOKEN);
      }
      return token;
    }

    async function settings() {
      const got = await storage.get([KEYS.port, LEGACY_TOKEN, KEYS.helperId, KEYS.pairingId]);
      return {
        port: validPort(got[KEYS.port]) || DEFAULT_PORT,
        token: await tokenFrom(got),
        helperId: got[KEYS.helperId] || null,
        pairingId: got[KEYS.pairingId] || null,
      };
    }

    async function ping(port, challenge) {
      const query = challenge ? `?pairing=${encodeURIComponent(challenge.pairingId)}&nonce=${challenge.nonce}` : "";
      let response;
      try {
        response = await fetchImpl(`http://127.0.0.1:${port}/v1/ping${query}`, { signal: AbortSignal.timeout(PING_TIMEOUT_MS) });
      } catch (_) {
        throw new LinkError("offline");
      }
      let data = null;
      try { data = await response.json(); } catch (_) { /* not JSON: not our helper */ }
      if (!response.ok || !data || data.product !== PRODUCT) throw new LinkError("offline", "not-our-helper");
      if (String(data.api_version) !== API_VERSION) throw new LinkError("offline", "api-version");
      return data;
    }

    async function identify(conf) {
      if (verified && verified.port === conf.port && verified.helperId === conf.helperId && clock() < verified.until) {
        return verified.identity;
      }
      // A program that copies our helper's id (it is not secret) still cannot answer the
      // challenge: the proof is keyed with a secret derived from the token, which only the real
      // helper holds, and binds the port the helper listens on (a relay's port is not it).
      const challenge = conf.token && conf.pairingId ? { pairingId: conf.pairingId, nonce: randomNonce() } : null;
      const identity = await ping(conf.port, challenge);
      if (conf.helperId && identity.helper_id !== conf.helperId) throw new LinkError("wrong-helper");
      if (challenge) {
        const expected = await identityProof(conf.token, challenge.nonce, identity.helper_id, conf.port);
        // No proof: the helper no longer knows this pairing (revoked there), or it is an impostor.
        if (!identity.proof) throw new LinkError("unpaired", "pairing-unknown");
        if (identity.proof !== expected) throw new LinkError("wrong-helper", "proof");
      }
      verified = { port: conf.port, helperId: conf.helperId, identity, until: clock() + 60000 };
      return identity;
    }

    // One authenticated call: {status, data, headers}. HTTP errors come back as answers (the
    // caller reads problem+json); only "cannot talk to our paired helper" throws. `read` reads a
    // successful answer that is not JSON (a thumbnail).
    /** @param {string} method @param {string} path @param {{ body?: any, headers?: Record<string, string>, read?: (response: Response) => Promise<any> }} [options] */
    async function call(method, path, { body, headers, read } = {}) {
      const conf = await settings();
      if (!conf.token) {
        await identify(conf);
        throw new LinkError("unpaired");
      }
      await identify(conf);
      const init = { method, headers: Object.assign({ Authorization: "Bearer " + conf.token }, headers || {}),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS) };
      if (body !== undefined) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
      let response;
      try {
        response = await fetchImpl(`http://127.0.0.1:${conf.port}${path}`, init);
      } catch (_) {
        verified = null;
        throw new LinkError("offline");
      }
      let data = null;
      if (read && response.ok) data = await read(response);
      else try { data = await response.json(); } catch (_) { /* empty body */ }
      if (response.status === 401) throw new LinkError("unpaired", "token-refused");
      return { status: response.status, data, replayed: response.headers.get("Idempotent-Replayed") === "true" };
    }

    async function state() {
      const conf = await settings();
      try {
        const identity = await identify(conf);
        const demo = identity.demo === true;  // the demo workspace: the options page says so
        if (!conf.token) return { state: "unpaired", port: conf.port, helperId: identity.helper_id, demo };
        return { state: "paired", port: conf.port, helperId: conf.helperId, version: identity.version, demo };
      } catch (error) {
        // hasPairing: a token is kept although the helper cannot be reached (Unpair still offered).
        if (error instanceof LinkError) return conf.token ? { state: error.state, port: conf.port, hasPairing: true } : { state: error.state, port: conf.port };
        throw error;
      }
    }

    async function pair(code, clientName) {
      const conf = await settings();
      verified = null;
      const identity = await ping(conf.port);
      let response;
      try {
        response = await fetchImpl(`http://127.0.0.1:${conf.port}/v1/pairings`, {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ code: String(code).trim(), client_name: clientName }),
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        });
      } catch (_) {
        throw new LinkError("offline");
      }
      let data = null;
      try { data = await response.json(); } catch (_) { /* empty */ }
      if (response.status !== 201 || !data || !data.token) {
        return { ok: false, status: response.status, problem: data };
      }
      if (data.helper_id !== identity.helper_id) throw new LinkError("wrong-helper");
      await secrets.set(data.token);
      await storage.set({ [KEYS.helperId]: data.helper_id, [KEYS.pairingId]: data.pairing_id });
      return { ok: true, helperId: data.helper_id };
    }

    // Revokes the pairing in the helper (DELETE /v1/pairings/current), then forgets it here
    // whatever the helper said: an unreachable helper must not keep the seller paired.
    // revoked: false means the helper may still accept the token (revoke pairingId there).
    async function unpair() {
      const conf = await settings();
      let revoked = !conf.token;
      if (conf.token) {
        try {
          await identify(conf); // never hand the token to another program or helper
          const response = await fetchImpl(`http://127.0.0.1:${conf.port}/v1/pairings/current`, {
            method: "DELETE", headers: { Authorization: "Bearer " + conf.token },
            signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
          });
          // 401: the helper no longer knows this token, which is as good as revoked.
          revoked = response.status === 204 || response.status === 401;
        } catch (_) {
          revoked = false;
        }
      }
      verified = null;
      await secrets.clear();
      await storage.remove([KEYS.helperId, KEYS.pairingId]);
      return { revoked, pairingId: conf.pairingId };
    }

    async function setPort(value) {
      const port = validPort(value);
      if (!port) return false;
      verified = null;
      await storage.set({ [KEYS.port]: port });
      return true;
    }

    return { call, state, pair, unpair, setPort, settings };
  }

  const api = { createHelperLink, LinkError, DEFAULT_PORT, KEYS, LEGACY_TOKEN, identityProof };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.SendockiWorker = Object.assign(root.SendockiWorker || {}, { helperLink: api });
})(globalThis);
