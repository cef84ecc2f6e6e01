#!/usr/bin/env bash
# Starts the helper on the demo workspace, in the demo's own folder (never the seller's).
# Installs it in .venv only when needed: no .venv yet, or pyproject.toml changed since the last
# install (the install is editable, so code changes need none). A second start needs no package
# index and adds only a few milliseconds before the helper itself starts.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.sendocki-helper-installed
if [ ! -x .venv/bin/sendocki-helper ] || [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    [ -x .venv/bin/python ] || python3 -m venv .venv
    .venv/bin/pip install -q --disable-pip-version-check -e .
    touch "$stamp"
fi
echo "Other commands on the demo: .venv/bin/sendocki-helper COMMAND --demo (e.g. pair, status, reset-demo)"
exec .venv/bin/sendocki-helper serve --demo "$@"
