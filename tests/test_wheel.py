"""The wheel holds what the plugin needs at run time, its compiled catalogues included.

Built as pip builds it for a host (an isolated build with [build-system].requires), from a
copy of the package's sources without the checkout's compiled .mo files, so these cannot
hide a gap.
"""

import gettext
import io
import os
import shutil
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def copy_sources(destination: Path) -> None:
    """What the build reads, without the checkout's compiled catalogues or caches."""
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, destination / name)
    shutil.copytree(
        ROOT / "pact_pages",
        destination / "pact_pages",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"),
    )


def index_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    sources, dist = tmp_path_factory.mktemp("sources"), tmp_path_factory.mktemp("dist")
    copy_sources(sources)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, sources],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if built.returncode and os.environ.get("CI") != "true" and not index_reachable():
        pytest.skip("the build requirements are out of reach (off CI only)")
    assert built.returncode == 0, built.stderr[-3000:]
    return zipfile.ZipFile(next(dist.glob("pact_pages-*.whl")))


def test_every_catalogue_is_compiled_into_the_wheel(wheel):
    names = set(wheel.namelist())
    catalogues = sorted(ROOT.glob("pact_pages/locale/*/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 11
    for po in catalogues:
        name = po.relative_to(ROOT).as_posix()
        assert name in names
        assert name.removesuffix(".po") + ".mo" in names


def test_the_compiled_french_catalogue_translates(wheel):
    mo = wheel.read("pact_pages/locale/fr/LC_MESSAGES/django.mo")
    french = gettext.GNUTranslations(io.BytesIO(mo))

    assert french.gettext("Pact pages") == "Pages du Pacte"


def test_templates_static_files_and_data_are_in_the_wheel(wheel):
    names = set(wheel.namelist())
    for folder in ("templates", "static", "core/data"):
        expected = {
            path.relative_to(ROOT).as_posix()
            for path in (ROOT / "pact_pages" / folder).rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert expected and expected <= names, sorted(expected - names)[:5]
    assert "pact_pages/core/data/coe_member_states.csv" in names
    assert not any(name.startswith(("home/", "oneinfive/", "tests/")) for name in names)
