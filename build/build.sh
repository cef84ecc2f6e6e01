#!/usr/bin/env bash
# Builds what a seller installs:
#   <dist>/sendocki-helper/                 the helper, a one-folder program (PyInstaller)
#   <dist>/sendocki-whatsapp-extension.zip  the browser extension, without tests or node_modules
# Usage: build/build.sh [--dist DIR] [--work DIR]   (defaults: dist/ and build/out/pyinstaller)
# Separate folders let a test build without touching a developer's dist/ (builds may run
# concurrently on a shared machine).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DIST="$REPO/dist"
WORK="$REPO/build/out/pyinstaller"
while [ $# -gt 0 ]; do
    case "$1" in
        --dist) DIST="$2"; shift 2 ;;
        --work) WORK="$2"; shift 2 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"

"$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" "$REPO/build/sendocki-helper.spec"
"$PYTHON" "$REPO/build/package_extension.py" "$REPO/extension" "$DIST/sendocki-whatsapp-extension.zip"
echo "built $DIST/sendocki-helper/ and $DIST/sendocki-whatsapp-extension.zip"
