"""Zips the extension for sellers: what Chrome loads, nothing of the development tree.

The manifest's "key" stays in, so the extension id (which the helper pins at pairing) is the
same on every machine. The build fails if the key is missing or if a file the manifest names
is absent, rather than shipping an extension that does not load or changes id.
Usage: package_extension.py <extension folder> <zip path>
"""

import base64
import hashlib
import json
import sys
import zipfile
from pathlib import Path

# Development-only parts of extension/ (tests and their fixtures, npm's files, the checkers'
# configuration and type declarations).
EXCLUDED_DIRS = {"tests", "node_modules", "test", "fixtures", "types"}
EXCLUDED_FILES = {
    "package.json",
    "package-lock.json",
    "npm-shrinkwrap.json",
    "eslint.config.js",
    "jsconfig.json",
}
EXCLUDED_SUFFIXES = (".test.js", ".map")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)  # same bytes for the same sources


def extension_id(key: str) -> str:
    """Chrome's id: first 32 hex digits of sha256(public key DER), 0-f mapped to a-p."""
    digest = hashlib.sha256(base64.b64decode(key)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def shipped_files(root: Path) -> list[Path]:
    files = []
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if not path.is_file() or any(p.startswith(".") for p in parts):
            continue
        if set(parts[:-1]) & EXCLUDED_DIRS or parts[0] in EXCLUDED_DIRS:
            continue
        if path.name in EXCLUDED_FILES or path.name.endswith(EXCLUDED_SUFFIXES):
            continue
        files.append(path)
    return files


def referenced_files(manifest: dict) -> set[str]:
    """Files the manifest names directly (globs in web_accessible_resources are skipped)."""
    names = set()
    background = manifest.get("background", {})
    names.update(filter(None, [background.get("service_worker")]))
    for script in manifest.get("content_scripts", []):
        names.update(script.get("js", []))
        names.update(script.get("css", []))
    names.update(manifest.get("icons", {}).values())
    action = manifest.get("action", {})
    names.update(
        action.get("default_icon", {}).values()
        if isinstance(action.get("default_icon"), dict)
        else []
    )
    names.update(
        filter(
            None,
            [
                action.get("default_popup"),
                manifest.get("options_page"),
                manifest.get("options_ui", {}).get("page"),
            ],
        )
    )
    for entry in manifest.get("web_accessible_resources", []):
        names.update(r for r in entry.get("resources", []) if "*" not in r)
    if manifest.get("default_locale"):
        names.add(f"_locales/{manifest['default_locale']}/messages.json")
    return {name.lstrip("/") for name in names}


def package(root: Path, target: Path) -> str:
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    if not manifest.get("key"):
        raise SystemExit('manifest.json has no "key": the extension id would change per install')
    files = shipped_files(root)
    names = {path.relative_to(root).as_posix() for path in files}
    missing = sorted(referenced_files(manifest) - names)
    if missing:
        raise SystemExit(f"manifest.json names files that would not be shipped: {missing}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    partial.replace(target)
    return extension_id(manifest["key"])


if __name__ == "__main__":
    ext_id = package(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"extension id {ext_id} -> {sys.argv[2]}")
