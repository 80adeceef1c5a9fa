"""``migrate pact_pages zero`` takes the plugin out of a site, with its content, and
``migrate`` puts it back.

In subprocesses on a throw-away SQLite file, as a host would: with a directory, a signatory
with its editor's group and media, an initiative in moderation and linked to its Ps
(PROTECT), a French translation made with wagtail-localize, and a page of the host's. The
latest migration's reverse removes the plugin's pages and what hangs on them, its groups and
its workflow; the tree stays consistent, the admin answers, the host's pages and media stay.

Each ``migrate`` is a command of its own, as the host runs it; the read-only looks around
them (tables, showmigrations, fixtree) share one ``shell`` with the report they go with: a
process starts in seconds. The file is in memory (/dev/shm) where there is one: SQLite waits
for the disk at each of the migrations' hundreds of commits.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BEFORE_CLEAN_UP = "0013_language_default_from_wagtail"  # the migration before the clean-up

CONTENT = """
import json
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource
from pact_pages.signatories import access
from tests.factories import (
    ImageFactory, InitiativePageFactory, SignatoryIndexPageFactory, SignatoryPageFactory,
    StandardPageFactory, publish,
)
home = Page.objects.get(depth=2)
StandardPageFactory(parent=home, slug="host-page")
directory = SignatoryIndexPageFactory(parent=home, slug="signatories")
signatory = SignatoryPageFactory(parent=directory, title="Ghent", slug="ghent")
initiative = InitiativePageFactory(parent=signatory, pillars=("prevention",))
editor = get_user_model().objects.create_user("julie", "julie@example.org", "-")
collection = access.grant(editor, signatory).collection
ImageFactory(title="Ghent's logo", collection=collection)
initiative.save_revision(user=editor)
initiative.get_workflow().start(initiative, editor)
publish(signatory)
french = Locale.objects.get(language_code="fr")
directory.copy_for_translation(french, copy_parents=True)
source, _ = TranslationSource.get_or_create_from_instance(signatory)
Translation.objects.create(source=source, target_locale=french).save_target(publish=True)
get_user_model().objects.create_superuser("site-admin", "admin@example.org", "-")
plugin = Page.objects.filter(content_type__app_label="pact_pages")
print(json.dumps({
    "tables": TABLES,
    "host_pages": sorted(Page.objects.exclude(pk__in=plugin).values_list("pk", flat=True)),
    "plugin_pages": plugin.count(),
    "signatory_url": signatory.url,
    "collection": collection.pk,
}))
"""

# What the plugin leaves: the tree, the records that name pages, groups, workflows, the media;
# and what the admin and the public site answer.
AFTER = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.images import get_image_model
from wagtail.models import (
    Collection, Locale, Page, ReferenceIndex, Revision, Task, Workflow, WorkflowState,
)
from wagtail.search.models import IndexEntry
from wagtail_localize.models import TranslatableObject, TranslationSource

pages = Page.objects.all()
page_ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
admin = Client()
admin.force_login(get_user_model().objects.get(username="site-admin"))
home = Page.objects.get(depth=2, locale=Locale.get_default())
host_page = Page.objects.get(slug="host-page")
# The host keeps publishing and uploading before it takes the app out of its settings: the
# plugin's handlers read none of its tables (gone) for the host's own pages and images.
for page in (home, host_page):
    page.specific.save_revision().publish()
logo = get_image_model().objects.get(title="Ghent's logo")
logo.save()
statuses = {
    url: admin.get(url).status_code
    for url in ("/admin/", "/admin/pages/", f"/admin/pages/{home.pk}/")
}
public = Client()
RESULT = {
    "host_pages": sorted(pages.values_list("pk", flat=True)),
    "plugin_pages": pages.filter(content_type__app_label="pact_pages").count(),
    "tree_problems": [list(found) for found in Page.find_problems()],
    "dangling": {
        "revisions": Revision.page_revisions.exclude(object_id__in=page_ids).count(),
        "workflow_states": WorkflowState.objects.count(),
        "references": ReferenceIndex.objects.filter(base_content_type__model="page")
        .exclude(object_id__in=page_ids).count(),
        "translatable_objects": TranslatableObject.objects.exclude(
            translation_key__in=pages.values("translation_key")
        ).count(),
        "translation_sources": TranslationSource.objects.count(),
        "search_entries": IndexEntry.objects.filter(content_type__app_label="pact_pages").count(),
    },
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "workflows": sorted(Workflow.objects.values_list("name", flat=True)),
    "tasks": sorted(Task.objects.values_list("name", flat=True)),
    "media": sorted(get_image_model().objects.values_list("title", "collection_id")),
    "collections": Collection.objects.count(),
    "admin": statuses,
    "host_page": public.get(host_page.url).status_code,
    "signatory_page": public.get(SIGNATORY_URL).status_code,
}
"""

PLUGIN_TABLES = """
from django.db import connection
TABLES = sorted(t for t in connection.introspection.table_names() if t.startswith("pact_pages_"))
"""
# Management commands in the report's shell: their output, as the command line prints it.
COMMAND = """
from io import StringIO
from django.core.management import call_command
def command(*arguments):
    out = StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()
"""


@pytest.fixture
def database(tmp_path):
    """The host's SQLite file, in memory where the system has a tmpfs."""
    memory = Path("/dev/shm")
    if not (memory.is_dir() and os.access(memory, os.W_OK)):
        yield tmp_path / "host.sqlite3"
        return
    with tempfile.TemporaryDirectory(dir=memory, prefix="pact-migrate-zero-") as folder:
        yield Path(folder) / "host.sqlite3"


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


def shell(database: Path, script: str) -> str:
    return manage(database, "shell", "-v0", "-c", script)


def last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def report(database: Path, signatory_url: str, before: str = "", after: str = "") -> dict:
    """AFTER's findings; ``before`` and ``after`` run around it and add to RESULT."""
    script = f"SIGNATORY_URL = {signatory_url!r}\n{COMMAND}{before}{AFTER}{after}"
    return last_json(shell(database, f"{script}\nprint(json.dumps(RESULT))"))


def test_migrate_zero_removes_the_content_and_migrate_puts_the_plugin_back(database):
    manage(database, "migrate", "--noinput", "-v0")
    before = last_json(shell(database, PLUGIN_TABLES + CONTENT))
    tables = before["tables"]
    assert "pact_pages_pillar" in tables
    assert before["plugin_pages"] == 5  # a directory, its signatory and initiative; in French,
    # the directory and the signatory
    installed = report(database, before["signatory_url"])
    assert installed["signatory_page"] == 200
    groups = {"Congress moderators", "Translators (Français)", "Signatory: Ghent"}
    assert groups <= set(installed["groups"])
    assert "Pact moderation" in installed["workflows"]

    # The clean-up alone, then again on the way to zero, where it finds no page left (the
    # translators' groups only, which migrate's post_migrate handler made again meanwhile).
    manage(database, "migrate", "pact_pages", BEFORE_CLEAN_UP, "--noinput", "-v0")
    manage(database, "migrate", "pact_pages", "--noinput", "-v0")
    manage(database, "migrate", "pact_pages", "zero", "--noinput", "-v0")

    after = report(
        database,
        before["signatory_url"],
        before=f'{PLUGIN_TABLES}showmigrations = command("showmigrations", "pact_pages")\n',
        # After AFTER's publications, as `manage.py fixtree` run next.
        after='RESULT |= {"tables": TABLES, "showmigrations": showmigrations, '
        '"fixtree": command("fixtree", "--noinput")}\n',
    )
    assert after["tables"] == []
    assert "[ ] 0001_initial" in after["showmigrations"]
    assert after["plugin_pages"] == 0
    assert after["host_pages"] == before["host_pages"], "the host's pages changed"
    assert after["tree_problems"] == [[], [], [], [], []]
    assert after["fixtree"].count("No problems found.") == 2
    assert after["dangling"] == dict.fromkeys(after["dangling"], 0)
    assert after["groups"] == ["Editors", "Moderators"], "only Wagtail's groups stay"
    assert after["workflows"] == ["Moderators approval"]
    assert after["tasks"] == ["Moderators approval"]
    # The signatory's pictures stay in its collection: they are the host's media now.
    assert after["media"] == [["Ghent's logo", before["collection"]]]
    assert after["admin"] == dict.fromkeys(after["admin"], 200), after["admin"]
    assert after["host_page"] == 200
    assert after["signatory_page"] == 404

    manage(database, "migrate", "--noinput", "-v0")

    four_ps = "from pact_pages.models import Pillar; PILLARS = Pillar.objects.count()\n"
    script = f"import json\n{PLUGIN_TABLES}{four_ps}print(json.dumps([TABLES, PILLARS]))"
    back = shell(database, script)
    assert last_json(back) == [tables, 4]
