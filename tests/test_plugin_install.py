"""docs/plugin.md followed to the letter, as a Wagtail developer would (issue 16).

The wheel of this checkout is built and installed into a virtualenv of its own, next to a
project made by `wagtail start`; the guide's settings and URL snippets (the fenced blocks after
``<!-- host-settings -->`` and ``<!-- host-urls -->``) are applied exactly as written, the host is
checked and migrated, and tests/plugin_host/check_host.py then works through the admin inside
it: a directory, a signatory with its editor, the editor's initiative, the public pages, the API,
the editor's boundaries, the host's own pages. Last, the plugin is removed as the guide says
(`migrate pact_pages zero`, the snippets taken out): its pages, groups and workflow must be
gone, the page tree sound, the host's pages there and its admin answering.

Installing needs the package index (Wagtail and its dependencies; pip's cache makes it quick).
Off CI, a machine that cannot reach it skips the test; on CI (CI=true) it never skips.

For speed, not for what is checked: the folder is in memory (/dev/shm) where there is one
(SQLite waits for the disk at each of the migrations' commits), and pip does not compile the
whole of Wagtail and Django ahead: the host's commands write the bytecode of what they import,
once, as Python does by default.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from email.parser import Parser
from importlib.metadata import distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugin.md"
CHECK_SCRIPT = Path(__file__).resolve().parent / "plugin_host" / "check_host.py"
PROJECT = "mysite"  # the name docs/plugin.md's examples use
STEP_TIMEOUT = 600
# Run in the host once the plugin is removed: `migrate pact_pages zero` took the plugin's pages
# (check_host.py left them in the tree), groups and workflow; the tree, the host's pages and its
# admin are sound.
AFTER_REMOVAL = """
from io import StringIO
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Workflow
left = Page.objects.filter(content_type__app_label="pact_pages").count()
assert left == 0, f"{left} page(s) of the plugin's types left in the tree"
assert Page.objects.filter(slug="about-the-host").exists(), "the host's page is gone"
fixtree = StringIO()
call_command("fixtree", "--noinput", stdout=fixtree)
assert fixtree.getvalue().count("No problems found.") == 2, fixtree.getvalue()
names = set(Group.objects.values_list("name", flat=True))
plugin_groups = sorted(
    name for name in names
    if name == "Congress moderators" or name.startswith(("Translators (", "Signatory: "))
)
assert not plugin_groups, f"the plugin's groups stayed: {plugin_groups}"
assert not Workflow.objects.filter(name="Pact moderation").exists(), "its workflow stayed"
admin = Client()
admin.force_login(get_user_model().objects.get(username="site-admin"))
for client, url in (
    (Client(), "/"),
    (admin, "/admin/"),
    (admin, "/admin/pages/"),
    (admin, f"/admin/pages/{Page.objects.filter(depth=2).first().pk}/"),
    (admin, "/admin/reports/site-history/"),
):
    status = client.get(url).status_code
    assert status == 200, f"after the removal, GET {url}: {status}"
print("the host answers after the removal, without the plugin's pages, groups or workflow")
"""
# The Django releases of Wagtail 8's range that the plugin must accept too (issue 16, point 11).
DJANGO_RELEASES = ("5.2", "6.0", "6.1")


def guide_snippet(marker: str) -> str:
    """The fenced Python block that follows ``<!-- marker -->`` in docs/plugin.md."""
    pattern = rf"^<!-- {marker} -->\n```python\n(.*?)^```$"
    found = re.findall(pattern, GUIDE.read_text(), flags=re.DOTALL | re.MULTILINE)
    assert len(found) == 1, f"docs/plugin.md has {len(found)} blocks marked <!-- {marker} -->"
    return found[0]


class Host:
    """The temporary folder: the wheel, the virtualenv, the project, and every command's log."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.venv = base / "venv"
        self.python = self.venv / "bin" / "python"
        self.project = base / PROJECT
        self.log: list[str] = []
        self.problems: list[str] = []  # found on the way; reported with any later failure
        self.env = {
            name: value
            for name, value in os.environ.items()
            # This suite's own Django and virtualenv must not leak into the host; nor a
            # setting that makes each of its commands compile what it imports anew.
            if name
            not in {
                "DJANGO_SETTINGS_MODULE",
                "PYTHONPATH",
                "VIRTUAL_ENV",
                "PYTHONHOME",
                "PYTHONDONTWRITEBYTECODE",
            }
        }

    def run(
        self, *command: str | Path, cwd: Path | None = None, needed: bool = True, **env: str
    ) -> str:
        """Runs ``command``, logs it with its output and time. If it fails: the test fails at
        once when later steps need it, else the failure is recorded and the run goes on."""
        started = time.monotonic()
        result = subprocess.run(
            [str(part) for part in command],
            cwd=cwd or self.base,
            env=self.env | env,
            capture_output=True,
            text=True,
            timeout=STEP_TIMEOUT,
        )
        output = (result.stdout + result.stderr).strip()
        self.log.append(
            f"$ {' '.join(str(part) for part in command)}  "
            f"[exit {result.returncode}, {time.monotonic() - started:.1f}s]\n{output}"
        )
        if result.returncode != 0:
            failure = f"`… {' '.join(str(part) for part in command[-4:])}` failed (output below)"
            if needed:
                pytest.fail(self.report(failure), pytrace=False)
            self.problems.append(failure)
        return output

    def manage(self, *arguments: str, needed: bool = True) -> str:
        return self.run(
            self.python,
            "manage.py",
            *arguments,
            cwd=self.project,
            needed=needed,
            DJANGO_SETTINGS_MODULE=f"{PROJECT}.settings.dev",
        )

    def report(self, headline: str) -> str:
        return "\n".join([*self.problems, headline, "", *self.log])


def copy_sources(destination: Path) -> None:
    """The files of the checkout that git knows (tracked, or new and not ignored): what a clean
    clone would build from, without build/ leftovers, compiled catalogues or virtualenvs."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
    )
    if listed.returncode != 0:  # not a git checkout (an unpacked archive): what the build reads
        for name in ("pyproject.toml", "setup.py", "README.md"):
            shutil.copy2(ROOT / name, destination / name)
        shutil.copytree(
            ROOT / "pact_pages",
            destination / "pact_pages",
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo"),
        )
        return
    for name in filter(None, listed.stdout.decode().split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is left out
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def index_reachable() -> bool:
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
    except OSError:
        return False
    return True


def from_index(host: Host, *command: str | Path) -> None:
    """A pip command that needs the package index: off CI only, a machine that cannot reach
    it skips the test."""
    try:
        host.run(*command)
    except pytest.fail.Exception:
        if os.environ.get("CI") != "true" and not index_reachable():
            pytest.skip("the package index is out of reach (off CI only)")
        raise


def build_and_install(host: Host) -> Path:
    """The wheel, built from a clean copy of the checkout, installed into a new virtualenv."""
    sources = host.base / "checkout"
    copy_sources(sources)
    # Its build requirements (setuptools, Babel for the catalogues) come from the index.
    pip = (sys.executable, "-m", "pip")
    from_index(host, *pip, "wheel", "-qq", "--no-deps", "-w", "dist", sources)
    wheel = next((host.base / "dist").glob("pact_pages-*.whl"))
    # The suite's own pip installs into it (pip --python): a second pip is not worth its time.
    host.run(sys.executable, "-m", "venv", "--without-pip", host.venv)
    from_index(host, *pip, "--python", host.python, "install", "-qq", "--no-compile", wheel)
    return wheel


def site_packages(host: Host) -> Path:
    return next((host.venv / "lib").glob("python3*/site-packages"))


def check_wheel(wheel: Path, host: Host) -> list[str]:
    """What the wheel must hold: compiled catalogues, a Django range as wide as Wagtail's."""
    problems = []
    names = set(zipfile.ZipFile(wheel).namelist())
    for po in sorted(ROOT.glob("pact_pages/locale/*/LC_MESSAGES/django.po")):
        mo = po.relative_to(ROOT).with_suffix(".mo").as_posix()
        if mo not in names:
            problems.append(f"the wheel has no {mo} (point 6)")
    installed = distributions(path=[str(site_packages(host))])
    metadata = {dist.metadata["Name"].lower(): dist for dist in installed}

    def django_range(distribution: str):
        text = metadata[distribution].read_text("METADATA") or ""
        for line in Parser().parsestr(text).get_all("Requires-Dist") or []:
            requirement = Requirement(line)
            if requirement.name.lower() == "django" and not requirement.marker:
                return requirement.specifier
        raise AssertionError(f"{distribution} does not require Django")

    plugin, wagtail = django_range("pact-pages"), django_range("wagtail")
    for release in DJANGO_RELEASES:
        if wagtail.contains(release) and not plugin.contains(release):
            problems.append(
                f"Django {release}: Wagtail accepts it ({wagtail}), pact-pages does not "
                f"({plugin}) (point 11)"
            )
    return problems


def make_project(host: Host) -> dict[Path, str]:
    """`wagtail start`, then docs/plugin.md's two snippets where the guide puts them; the stock
    files' texts, for the removal."""
    host.project.mkdir()
    host.run(host.venv / "bin" / "wagtail", "start", PROJECT, host.project)
    settings = host.project / PROJECT / "settings" / "base.py"
    urls = host.project / PROJECT / "urls.py"
    stock = {path: path.read_text() for path in (settings, urls)}
    assert 'LANGUAGE_CODE = "en-us"' in stock[settings], "the stock LANGUAGE_CODE changed"
    with settings.open("a") as stream:
        stream.write("\n\n" + guide_snippet("host-settings"))
    lines = stock[urls].splitlines(keepends=True)
    serving = [
        number
        for number, line in enumerate(lines)
        if line.strip() == 'path("", include(wagtail_urls)),'
    ]
    assert len(serving) == 1, "the stock urls.py has no single Wagtail page-serving line"
    lines[serving[0] : serving[0]] = guide_snippet("host-urls").splitlines(keepends=True)
    urls.write_text("".join(lines))
    host.log.append(f"# {urls.name} as the guide says:\n{urls.read_text()}")
    return stock


@pytest.fixture
def base(tmp_path: Path):
    """The host's folder: in memory where the system has a tmpfs, else tmp_path."""
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path
        return
    with tempfile.TemporaryDirectory(dir=memory, prefix="pact-plugin-host-") as folder:
        yield Path(folder)


def test_docs_plugin_md_on_a_fresh_wagtail_project(base: Path) -> None:
    host = Host(base)
    wheel = build_and_install(host)
    host.problems = check_wheel(wheel, host)
    stock = make_project(host)

    host.manage("check", "--fail-level", "WARNING")
    host.manage("migrate", "--noinput", "-v", "0")
    host.manage("makemigrations", "--check", "--dry-run", needed=False)  # nothing pending
    host.run(
        host.python,
        CHECK_SCRIPT,
        cwd=host.project,
        needed=False,
        DJANGO_SETTINGS_MODULE=f"{PROJECT}.settings.dev",
    )
    # Removal as the guide says (point 13), with the plugin's pages still in the tree.
    host.manage("migrate", "pact_pages", "zero", "--noinput", "-v", "0", needed=False)
    for path, text in stock.items():  # the lines of sections 2 and 3 taken out again
        path.write_text(text)
    host.manage("check", "--fail-level", "WARNING", needed=False)
    host.manage("shell", "-c", AFTER_REMOVAL, needed=False)

    if host.problems:
        pytest.fail(host.report("What failed is listed above; the commands below."), pytrace=False)
