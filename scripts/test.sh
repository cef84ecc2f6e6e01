#!/usr/bin/env bash
# Installs what the tests need (venv, npm packages, Debian's Chromium) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
# test: pytest and Playwright; build: PyInstaller, for tests/packaging (builds the seller's bundle);
# lint: ruff and mypy.
.venv/bin/pip install -q --disable-pip-version-check -e '.[test,build,lint]'

# The checks first: they take seconds and a finding fails the run (docs/development.md).
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/pre-commit validate-config .pre-commit-config.yaml

if [ -f extension/package-lock.json ]; then
    (cd extension && npm ci --no-audit --no-fund --loglevel=error)
    (cd extension && npx eslint . && npx tsc -p jsconfig.json)
    (cd extension && node --test tests/)
fi

.venv/bin/pytest -q "$@"
