// What the extension's plain scripts see besides the DOM: CommonJS under node --test, the
// extension's own namespace in the browser, and Chrome's extension API.
declare var module: { exports: any } | undefined;
declare function require(id: string): any;
declare var chrome: any;
interface Window {
  Sendocki: any;
}
// Each script adds its API under globalThis.Sendocki (see the end of every src file).
declare var Sendocki: { [name: string]: any };
declare var SendockiWorker: { [name: string]: any };
