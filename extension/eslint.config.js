// ESLint flat config: the recommended rules over the extension and its tests. Types are
// checked apart, by `tsc -p jsconfig.json` (checkJs).
"use strict";
const js = require("@eslint/js");
const globals = require("globals");

const rules = {
  // `catch (_) { ... }` says on purpose that the error is not needed.
  "no-unused-vars": ["error", { args: "after-used", argsIgnorePattern: "^_", caughtErrors: "none" }],
  "no-empty": ["error", { allowEmptyCatch: true }],
  eqeqeq: ["error", "always", { null: "ignore" }],
  "prefer-const": "error",
  "no-var": "error",
};

module.exports = [
  { ignores: ["node_modules/", "tests/fixtures/"] },
  js.configs.recommended,
  {
    // The extension: plain scripts in the page, the content-script world and the worker; each
    // ends with a `module.exports` guard so node --test can load it.
    files: ["background.js", "src/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: {
        ...globals.browser,
        ...globals.serviceworker,
        ...globals.webextensions,
        module: "readonly",
        require: "readonly",
      },
    },
    rules,
  },
  {
    files: ["tests/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node },
    rules,
  },
];
