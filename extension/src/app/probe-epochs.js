// Chat switches as numbered epochs, and the wait for the probe's answer about the chat just
// opened. The probe (MAIN world) reads the chat's id and number from WhatsApp's own state; each
// request carries the epoch and each answer remembers it, so an answer about the previous chat is
// never taken for the new one. Until it answers the cart waits (the chat reads as "pending"),
// at most `waitMs`; a page where it never answered waits once, then the DOM decides alone.
(function (root) {
  "use strict";

  const probeBridge = (typeof module !== "undefined" && module.exports)
    ? require("../whatsapp/probe-bridge.js")
    : root.Sendocki.probeBridge;

  function now(win) {
    return win.performance ? win.performance.now() : Date.now();
  }

  // onAnswer(state): the probe said something (maybe about this chat); onWaitOver(): time to
  // read the chat again without it.
  function createProbeEpochs({ win, waitMs, stats, onAnswer, onWaitOver }) {
    let epoch = 0;
    let startedAt = 0;
    let everAnswered = false;
    let silent = false; // waited once in vain: the page has no working probe
    let waitTimer = null;
    const bridge = probeBridge.createProbeBridge(win, (state) => {
      everAnswered = true;
      silent = false;
      onAnswer(state);
    }, () => epoch);

    // A new chat on screen: ask the probe at once (never skipped: a stale flag once kept the
    // question from being asked), and hold the cart until it answers or the wait is over.
    function begin() {
      epoch += 1;
      startedAt = now(win);
      askAgain();
      win.clearTimeout(waitTimer);
      waitTimer = win.setTimeout(() => {
        waitTimer = null;
        if (!answeredThisEpoch() && !everAnswered) silent = true;
        onWaitOver();
      }, waitMs);
    }

    // The same chat re-rendered (or another chat of the same name): a fresh reading, same epoch.
    function askAgain() {
      stats.probeRequests += 1;
      bridge.request(epoch);
    }

    function answeredThisEpoch() {
      const latest = bridge.latest();
      return !!latest && (latest.epoch === epoch || latest.receivedInEpoch === epoch);
    }

    function waiting() {
      if (silent || answeredThisEpoch()) return false;
      return now(win) - startedAt < waitMs;
    }

    return {
      begin, askAgain, waiting,
      latest: () => bridge.latest(),
      get current() { return epoch; },
      start() { bridge.start(); },
      stop() {
        bridge.stop();
        win.clearTimeout(waitTimer);
      },
    };
  }

  const api = { createProbeEpochs, now };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { probeEpochs: api });
})(globalThis);
