"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { loadMessages } = require("./helpers/fake-chrome.js");

const ROOT = path.join(__dirname, "..");
function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith(".js") ? [full] : [];
  });
}
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "manifest.json"), "utf8"));

test("the pinned key gives the extension id the helper pins at pairing", () => {
  const digest = crypto.createHash("sha256").update(Buffer.from(manifest.key, "base64")).digest("hex").slice(0, 32);
  const id = digest.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
  assert.equal(id, "igekjiaegmikgckdbhadfnjpmajbfoak");
});

test("MV3 with minimal permissions and the two host permissions", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(manifest.permissions, ["storage"]);
  assert.deepEqual(manifest.host_permissions, ["https://web.whatsapp.com/*", "http://127.0.0.1/*"]);
  assert.equal(manifest.background.service_worker, "background.js");
  assert.equal(manifest.content_security_policy, undefined, "no remote code, default CSP");
});

test("the probe runs in the MAIN world at document_start; the UI in the isolated world at idle", () => {
  const [probe, ui] = manifest.content_scripts;
  assert.equal(probe.world, "MAIN");
  assert.equal(probe.run_at, "document_start");
  assert.deepEqual(probe.js, ["src/whatsapp/probe.js"]);
  assert.equal(ui.world, undefined);
  assert.equal(ui.run_at, "document_idle");
  assert.equal(ui.js[ui.js.length - 1], "src/app/main.js");
  for (const file of [...probe.js, ...ui.js, manifest.background.service_worker]) {
    assert.ok(fs.existsSync(path.join(ROOT, file)), file + " exists");
  }
});

test("each content-script file loads after the files it depends on", () => {
  const order = manifest.content_scripts[1].js;
  for (const file of order) {
    const source = fs.readFileSync(path.join(ROOT, file), "utf8");
    for (const match of source.matchAll(/require\("(\.\.?\/[\w/-]+\.js)"\)/g)) {
      const needed = path.posix.join(path.posix.dirname(file), match[1]);
      assert.ok(order.indexOf(needed) >= 0 && order.indexOf(needed) < order.indexOf(file), file + " needs " + needed + " first");
    }
  }
});

test("English, French and Arabic carry the same messages, and every used key exists", () => {
  const en = loadMessages("en");
  for (const locale of ["fr", "ar"]) assert.deepEqual(Object.keys(loadMessages(locale)).sort(), Object.keys(en).sort(), locale);
  assert.equal(en.cartLabel.message, "Create an order");
  assert.equal(en.fieldName.message, "Name");
  assert.equal(en.fieldPhone.message, "Phone");
  const sources = sourceFiles(path.join(ROOT, "src")).concat([path.join(ROOT, "options.html")])
    .map((f) => fs.readFileSync(f, "utf8")).join("\n");
  for (const match of sources.matchAll(/\bt\("(\w+)"[,)]/g)) assert.ok(en[match[1]], "missing message " + match[1]);
  for (const match of sources.matchAll(/data-i18n="(\w+)"/g)) assert.ok(en[match[1]], "missing message " + match[1]);
  for (const match of sources.matchAll(/: "(phone\w+)"/g)) assert.ok(en[match[1]], "missing message " + match[1]);
});

test("French typography: a no-break space before : ; ! ? and inside « », the apostrophe ’", () => {
  const fr = loadMessages("fr");
  for (const [key, entry] of Object.entries(fr)) {
    for (const match of entry.message.matchAll(/(.)([:;!?»])/g)) {
      assert.ok(/[\u00a0\u202f]/.test(match[1]), `${key}: "${match[0]}" needs a no-break space`);
    }
    assert.doesNotMatch(entry.message, /«[^\u00a0\u202f]/, key);
    assert.doesNotMatch(entry.message, /'/, `${key}: the typographic apostrophe ’, as everywhere else`);
  }
  assert.equal(fr.panelOrdersCount.message, "Commandes\u00a0: $VALUE$");
});

test("placeholders are declared in name order, so named and positional parameters agree", () => {
  for (const locale of ["en", "fr", "ar"]) {
    for (const [key, entry] of Object.entries(loadMessages(locale))) {
      if (!entry.placeholders) continue;
      const names = Object.keys(entry.placeholders);
      names.forEach((name, i) => assert.equal(entry.placeholders[name].content, "$" + (i + 1), locale + " " + key));
      assert.deepEqual(names, names.slice().sort(), locale + " " + key);
    }
  }
});

test("one Arabic word per idea (docs/extension-ui.md glossary): زبون for customer, never عميل", () => {
  const ar = Object.values(loadMessages("ar")).map((e) => e.message).join("\n");
  assert.doesNotMatch(ar, /عميل|العملاء/);
  assert.doesNotMatch(ar, /المساعد/, "the helper is “تطبيق Sendocki”");
  assert.equal(loadMessages("ar").sectionCustomer.message, "الزبون");
});

test("an options page holds the pairing form; the worker loads its modules", () => {
  assert.equal(manifest.options_page, "options.html");
  const html = fs.readFileSync(path.join(ROOT, "options.html"), "utf8");
  assert.match(html, /<label for="port" data-i18n="optionsPort">/);
  assert.match(html, /<label for="code" data-i18n="optionsCode">/);
  assert.equal(loadMessages("en").optionsPort.message, "Connection number (port)");
  assert.equal(loadMessages("en").optionsCode.message, "Connection code");
  assert.equal(loadMessages("en").optionsPair.message, "Connect this browser");
  const worker = fs.readFileSync(path.join(ROOT, "background.js"), "utf8");
  for (const match of worker.matchAll(/"(src\/worker\/[\w-]+\.js)"/g)) assert.ok(fs.existsSync(path.join(ROOT, match[1])), match[1]);
});

test("every stylesheet of ours hides [hidden] whatever display its rules give (the empty badge)", () => {
  const sheets = {
    dialog: require("../src/ui/dialog-style.js").CSS,
    panel: fs.readFileSync(path.join(ROOT, "src/ui/customer-panel.js"), "utf8"),
    take: fs.readFileSync(path.join(ROOT, "src/ui/take-from-chat.js"), "utf8"),
    options: fs.readFileSync(path.join(ROOT, "src/ui/options.css"), "utf8"),
    popup: fs.readFileSync(path.join(ROOT, "src/ui/popup.css"), "utf8"),
  };
  for (const [name, css] of Object.entries(sheets)) {
    assert.match(css.replace(/\s+/g, ""), /\[hidden\]\{display:none!important;?\}/, name);
  }
});

test("a toolbar button with its popup, and icons at every size Chrome asks for", () => {
  for (const size of ["16", "32", "48", "128"]) {
    assert.ok(fs.existsSync(path.join(ROOT, manifest.icons[size])), size);
    assert.equal(manifest.action.default_icon[size], manifest.icons[size]);
    const png = fs.readFileSync(path.join(ROOT, manifest.icons[size]));
    assert.equal(png.readUInt32BE(16), Number(size), "PNG width " + size);
  }
  assert.equal(manifest.action.default_popup, "popup.html");
  const popup = fs.readFileSync(path.join(ROOT, "popup.html"), "utf8");
  for (const match of popup.matchAll(/data-i18n="(\w+)"/g)) assert.ok(loadMessages("en")[match[1]], match[1]);
  for (const match of popup.matchAll(/src="(src\/[\w/.-]+\.js)"/g)) assert.ok(fs.existsSync(path.join(ROOT, match[1])), match[1]);
});
