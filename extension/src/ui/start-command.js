// The exact way to start the Sendocki app on this computer (docs/install.md), for the popup and
// the settings page when it does not answer. chrome.runtime.getPlatformInfo() gives the system.
(function (root) {
  "use strict";

  const DEFAULT_PORT = 47615;

  function startCommand(os, port) {
    const extra = port && Number(port) !== DEFAULT_PORT ? " --port " + Number(port) : "";
    if (os === "win") return '"%LOCALAPPDATA%\\Programs\\sendocki-helper\\sendocki-helper.exe" serve' + extra;
    if (os === "mac") return "launchctl kickstart gui/$(id -u)/com.sendocki.helper";
    // Linux and the rest: the systemd user unit of docs/install.md (its port is set in the unit).
    return "systemctl --user start sendocki-helper";
  }

  // Content scripts have no getPlatformInfo(): the page's own platform string says as much.
  function osOf(navigatorLike) {
    const platform = String((navigatorLike.userAgentData && navigatorLike.userAgentData.platform) || navigatorLike.platform || "");
    if (/^win/i.test(platform)) return "win";
    if (/^mac/i.test(platform)) return "mac";
    return "linux";
  }

  const api = { startCommand, osOf, DEFAULT_PORT };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { ui: Object.assign((root.Sendocki || {}).ui || {}, { startCommand: api }) });
})(globalThis);
