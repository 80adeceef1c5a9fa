"""``migrate pact_pages zero`` takes the plugin out of a site, and ``migrate`` puts it back.

In subprocesses on a throw-away SQLite file, as a host would: with a directory, a signatory
and an initiative linked to its Ps (PROTECT) in the database, and the ``post_migrate``
handlers running while the plugin's tables are gone.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CONTENT = """
from wagtail.models import Page
from tests.factories import InitiativePageFactory, SignatoryIndexPageFactory, SignatoryPageFactory
directory = SignatoryIndexPageFactory(parent=Page.objects.get(depth=2))
InitiativePageFactory(parent=SignatoryPageFactory(parent=directory), pillars=("prevention",))
"""

PLUGIN_TABLES = """
from django.db import connection
print(sorted(t for t in connection.introspection.table_names() if t.startswith("pact_pages_")))
"""


def manage(database: Path, *args: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "oneinfive.settings.test",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_migrate_zero_and_back(tmp_path):
    database = tmp_path / "host.sqlite3"
    manage(database, "migrate", "--noinput", "-v0")
    tables = manage(database, "shell", "-v0", "-c", PLUGIN_TABLES)
    assert "pact_pages_pillar" in tables
    manage(database, "shell", "-v0", "-c", CONTENT)

    manage(database, "migrate", "pact_pages", "zero", "--noinput", "-v0")

    assert manage(database, "shell", "-v0", "-c", PLUGIN_TABLES).strip() == "[]"
    assert "[ ] 0001_initial" in manage(database, "showmigrations", "pact_pages")

    manage(database, "migrate", "--noinput", "-v0")

    assert manage(database, "shell", "-v0", "-c", PLUGIN_TABLES) == tables
    four_ps = "from pact_pages.models import Pillar; print(Pillar.objects.count())"
    assert manage(database, "shell", "-v0", "-c", four_ps).strip() == "4"
