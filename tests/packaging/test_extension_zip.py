"""The extension zip a seller loads: what Chrome needs, the pinned key, no development files."""

import importlib.util
import json
import shutil
import zipfile

import pytest
from playwright.async_api import async_playwright

from tests.browser.harness import extension_worker, launch_with_extension
from tests.packaging.frozen import REPO

_spec = importlib.util.spec_from_file_location(
    "package_extension", REPO / "build" / "package_extension.py"
)
package_extension = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(package_extension)


def source_manifest() -> dict:
    return json.loads((REPO / "extension" / "manifest.json").read_text(encoding="utf-8"))


def test_zip_keeps_the_key_and_leaves_out_tests_and_npm_files(bundle):
    with zipfile.ZipFile(bundle.extension_zip) as archive:
        names = set(archive.namelist())
        shipped = json.loads(archive.read("manifest.json"))
    assert shipped == source_manifest()  # the key included: the id is the same everywhere
    for name in names:
        assert not name.startswith(("tests/", "node_modules/")), name
        assert name.split("/")[-1] not in {"package.json", "package-lock.json"}, name
    assert package_extension.referenced_files(shipped) <= names
    assert any(n.startswith("_locales/ar/") for n in names)


def test_packager_leaves_out_development_files(tmp_path):
    ext = tmp_path / "ext"
    for name in [
        "manifest.json",
        "background.js",
        "src/a.js",
        "tests/fixtures/chat.html",
        "node_modules/jsdom/index.js",
        "package.json",
        "package-lock.json",
        "src/a.test.js",
        ".eslintrc",
        "eslint.config.js",
        "jsconfig.json",
        "types/globals.d.ts",
    ]:
        (ext / name).parent.mkdir(parents=True, exist_ok=True)
        (ext / name).write_text("x")
    (ext / "manifest.json").write_text(
        json.dumps(
            {
                "key": source_manifest()["key"],
                "background": {"service_worker": "background.js"},
                "content_scripts": [{"js": ["src/a.js"]}],
            }
        )
    )
    package_extension.package(ext, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == ["background.js", "manifest.json", "src/a.js"]


def test_packager_refuses_a_manifest_without_key_or_with_a_missing_file(tmp_path):
    ext = tmp_path / "ext"
    ext.mkdir()
    (ext / "manifest.json").write_text(
        json.dumps({"background": {"service_worker": "background.js"}})
    )
    (ext / "background.js").write_text("x")
    with pytest.raises(SystemExit, match="key"):
        package_extension.package(ext, tmp_path / "out.zip")
    (ext / "manifest.json").write_text(
        json.dumps({"key": source_manifest()["key"], "content_scripts": [{"js": ["src/gone.js"]}]})
    )
    with pytest.raises(SystemExit, match=r"gone\.js"):
        package_extension.package(ext, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()


async def test_chromium_loads_the_unzipped_extension_under_the_pinned_id(bundle, tmp_path):
    folder = tmp_path / "extension"
    with zipfile.ZipFile(bundle.extension_zip) as archive:
        archive.extractall(folder)
    expected = package_extension.extension_id(source_manifest()["key"])
    async with async_playwright() as pw:
        ctx = await launch_with_extension(pw, tmp_path / "profile", extension=folder)
        try:
            worker = await extension_worker(ctx)
            assert worker.url.split("/")[2] == expected
        finally:
            await ctx.close()
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
