// The dialog's look, close to WhatsApp Web's own: its green, rounded inputs, the system font,
// light and dark themes (the host's data-theme follows WhatsApp's body class). It is docked at the
// chat's end side (right; left in Arabic) over WhatsApp's own layout, never a modal: the
// conversation beside it stays visible, scrollable and selectable (docs/extension-ui.md).
(function (root) {
  "use strict";

  const CSS = `
:host{all:initial;position:fixed;top:0;bottom:0;right:0;width:var(--dock-width);z-index:2147483001;--dock-width:clamp(360px,32vw,460px);font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
 --green:#00a884;--green-dark:#008069;--panel:#fff;--text:#111b21;--muted:#667781;--line:#d1d7db;--field:#fff;--soft:#f0f2f5;--danger:#ea0038;--warn:#b76e00;--badge:#d9fdd3;--badge-text:#005c4b}
:host([data-theme=dark]){--green:#00a884;--green-dark:#00a884;--panel:#111b21;--text:#e9edef;--muted:#8696a0;--line:#2a3942;--field:#2a3942;--soft:#202c33;--danger:#f15c6d;--warn:#ffd279;--badge:#005c4b;--badge-text:#d9fdd3}
:host([data-side=left]){right:auto;left:0}
*{box-sizing:border-box}
[hidden]{display:none!important}
.panel{position:absolute;inset:0;display:flex;flex-direction:column;background:var(--panel);color:var(--text);
 border-inline-start:1px solid var(--line);box-shadow:-2px 0 12px rgba(11,20,26,.16);overflow:hidden}
:host([data-side=left]) .panel{box-shadow:2px 0 12px rgba(11,20,26,.16)}
.top{min-height:59px}
.top{display:flex;align-items:center;gap:12px;padding:14px 20px;background:var(--green-dark);color:#fff}
:host([data-theme=dark]) .top{background:var(--soft);color:var(--text)}
h2{margin:0;flex:1;font-size:17px;font-weight:500}
.x{border:0;background:transparent;color:inherit;font-size:22px;line-height:1;padding:2px 6px;border-radius:50%;cursor:pointer}
form{display:flex;flex-direction:column;min-height:0;flex:1}
.sections{overflow:auto;padding:4px 20px 12px}
section{padding:10px 0 12px;border-bottom:1px solid var(--line)}
section:last-child{border-bottom:0}
h3{display:flex;align-items:center;gap:8px;margin:6px 0 6px;font-size:14px;font-weight:500;color:var(--green-dark)}
:host([data-theme=dark]) h3{color:var(--green)}
label{display:block;margin:8px 0 3px;font-size:12.5px;color:var(--muted)}
input,select,textarea{width:100%;padding:8px 12px;border:1px solid var(--line);border-radius:8px;font:inherit;background:var(--field);color:inherit;min-height:36px}
textarea{min-height:56px;resize:vertical}
input:focus,select:focus,textarea:focus{outline:none;border-color:var(--green);box-shadow:0 0 0 1px var(--green)}
input[aria-invalid=true],select[aria-invalid=true]{border-color:var(--danger)}
.row{display:flex;flex-wrap:wrap;gap:0 10px}.row>*{flex:1;min-width:200px}
.hint{margin:3px 0 0;font-size:12px;color:var(--muted)}
.field-error{margin:3px 0 0;font-size:12px;color:var(--danger)}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:500;background:var(--badge);color:var(--badge-text)}
.badge.new{background:var(--soft);color:var(--muted)}
.cards{display:flex;flex-direction:column;gap:4px;margin:6px 0}
.cards label{display:flex;gap:8px;align-items:center;margin:0;padding:6px 10px;border:1px solid var(--line);border-radius:8px;color:var(--text);font-size:13px;cursor:pointer}
.cards input{width:auto;min-height:0}
.results{list-style:none;margin:4px 0 0;padding:0;border:1px solid var(--line);border-radius:8px;max-height:200px;overflow:auto}
.results:empty{display:none}
.results li{padding:0;border-bottom:1px solid var(--line)}.results li:last-child{border-bottom:0}
.results button{display:flex;width:100%;justify-content:space-between;gap:8px;padding:8px 12px;border:0;border-radius:0;background:transparent;color:inherit;font:inherit;text-align:start;cursor:pointer}
.results button:hover,.results button:focus{background:var(--soft);outline:none}
.results .empty{padding:8px 12px;color:var(--muted)}
.sku{color:var(--muted);font-size:12px}
.lines{display:flex;flex-direction:column;gap:8px;margin-top:8px}
.line{padding:8px 10px;border:1px solid var(--line);border-radius:10px;background:var(--soft)}
.line-head{display:flex;align-items:center;gap:8px}.line-head .name{flex:1;font-weight:500}
.line .attrs{display:flex;gap:8px;flex-wrap:wrap}.line .attrs>div{flex:1;min-width:90px}
.line-foot{display:flex;align-items:center;gap:10px;margin-top:6px;flex-wrap:wrap}
.stepper{display:inline-flex;align-items:center;border:1px solid var(--line);border-radius:18px;background:var(--field);overflow:hidden}
.stepper button{border:0;background:transparent;color:var(--green-dark);font-size:18px;width:32px;height:30px;cursor:pointer;padding:0}
:host([data-theme=dark]) .stepper button{color:var(--green)}
.stepper input{width:44px;min-height:30px;border:0;border-radius:0;text-align:center;padding:0;background:transparent}
.stepper input:focus{box-shadow:none}
.stock{font-size:12px;color:var(--muted)}.stock.short{color:var(--warn);font-weight:500}
.line-total{margin-inline-start:auto;font-weight:500}
.remove{border:0;background:transparent;color:var(--muted);cursor:pointer;font-size:18px;padding:0 4px}
.free-fields{display:flex;gap:8px}.free-fields>div:first-child{flex:2}.free-fields>div{flex:1}
.link{border:0;background:transparent;color:var(--green-dark);padding:6px 0;font:inherit;font-weight:500;cursor:pointer}
:host([data-theme=dark]) .link{color:var(--green)}
.totals{display:grid;grid-template-columns:1fr auto;gap:2px 12px;align-items:center;margin-top:10px;font-size:13px}
.totals .muted{color:var(--muted)}.totals input{width:110px;text-align:end}
.amount-box{display:inline-flex;align-items:center;gap:6px}.amount-box .currency{color:var(--muted)}
.totals>:nth-child(even){justify-self:end}
.line-total,.catalog-total,.diff,.price{unicode-bidi:plaintext}
input[type=tel],input[type=email]{direction:ltr}
[dir=rtl] input[type=tel],[dir=rtl] input[type=email],[dir=rtl] #sendocki-total{text-align:right}
.diff.minus{color:var(--danger)}
.foot{display:flex;flex-direction:column;gap:8px;padding:12px 20px 16px;border-top:1px solid var(--line);background:var(--panel)}
.banner{white-space:pre-line;margin:0;padding:8px 12px;border-radius:8px;background:#fde8eb;color:#a0001f;font-size:13px}
:host([data-theme=dark]) .banner{background:#3b1d24;color:#ffb3bd}
.banner:empty{display:none}
.actions{display:flex;justify-content:flex-end;gap:8px}
button.ghost{font:inherit;padding:8px 18px;border-radius:20px;border:1px solid var(--line);background:transparent;color:var(--green-dark);cursor:pointer}
:host([data-theme=dark]) button.ghost{color:var(--green)}
button.primary{font:inherit;font-weight:500;padding:9px 24px;border-radius:20px;border:0;background:var(--green);color:#fff;cursor:pointer}
:host([data-theme=dark]) button.primary{color:#111b21}
button.primary:disabled{opacity:.6;cursor:progress}
`;

  const api = { CSS };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.Sendocki = Object.assign(root.Sendocki || {}, { dialogStyle: api });
})(globalThis);
