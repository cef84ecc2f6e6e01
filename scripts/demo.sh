#!/usr/bin/env bash
# Installs the helper in a local venv and starts it on the demo workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check -e .
exec .venv/bin/sendocki-helper serve --demo "$@"
