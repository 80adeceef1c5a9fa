"""CSV exports of signatories and initiatives: for Congress moderators, streamed, flat queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pact_pages.models import SignatoryType
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access
from pact_pages.staff.exports import INITIATIVE_COLUMNS, SIGNATORY_COLUMNS, exports_menu_item
from tests.factories import InitiativePageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

SIGNATORIES = reverse("pact_export_signatories")
INITIATIVES = reverse("pact_export_initiatives")


@pytest.fixture
def moderator_client(client, django_user_model):
    user = django_user_model.objects.create_user(username="moderator", password="pw")
    user.groups.add(setup_moderation().group)
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(client, django_user_model, signatory):
    user = django_user_model.objects.create_user(username="editor", password="pw")
    access.grant(user, signatory)
    client.force_login(user)
    return client


def body(response) -> bytes:
    assert response.status_code == 200, response
    assert response.streaming
    return b"".join(response.streaming_content)


def parse(content: bytes) -> tuple[list[str], list[dict[str, str]]]:
    assert content.startswith(b"\xef\xbb\xbf"), "UTF-8 byte order mark for Excel"
    reader = csv.DictReader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    rows = list(reader)
    return reader.fieldnames, rows


def by_title(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    return {row["title"]: row for row in rows}


class TestSignatoriesExport:
    def test_columns_rows_and_drafts(self, moderator_client, directory, signatory, initiative):
        signatory.contact_person = "Jeanne Müller"
        signatory.contact_email = "jeanne@strasbourg.eu"
        signatory.population = 290_000
        signatory.save()
        draft = SignatoryPageFactory(
            parent=directory,
            title="Liège",
            country="BE",
            signatory_type=SignatoryType.REGION,
            live=False,
        )
        InitiativePageFactory(parent=signatory, title="Not yet out", live=False)

        response = moderator_client.get(SIGNATORIES)
        header, rows = parse(body(response))

        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].startswith(
            'attachment; filename="pact-signatories-en-'
        )
        assert header == SIGNATORY_COLUMNS
        assert "contact_person_staff_only" in header and "contact_email_staff_only" in header
        assert len(rows) == 2
        strasbourg, liege = by_title(rows)["Strasbourg"], by_title(rows)["Liège"]
        assert strasbourg == {
            "id": str(signatory.pk),
            "title": "Strasbourg",
            "official_name": "Ville de Strasbourg",
            "type": "Town or municipality",
            "country": "FR",
            "country_name": "France",
            "signed_on": "2021-11-18",
            "latitude": "48.583900",
            "longitude": "7.745500",
            "population": "290000",
            "website": "",
            "contact_person_staff_only": "Jeanne Müller",
            "contact_email_staff_only": "jeanne@strasbourg.eu",
            "contact_shown_publicly": "False",
            "live": "True",
            "url": f"http://localhost/en/participants/{signatory.slug}/",
            "live_initiatives": "1",  # the draft initiative is not counted
        }
        assert liege["id"] == str(draft.pk)
        assert liege["live"] == "False"
        assert liege["type"] == "Region"
        assert liege["country_name"] == "Belgium"

    def test_formulas_are_neutralised(self, moderator_client, directory):
        SignatoryPageFactory(parent=directory, title="=HYPERLINK(1)", official_name="+33 town")

        _header, rows = parse(body(moderator_client.get(SIGNATORIES)))

        assert rows[0]["title"] == "'=HYPERLINK(1)"
        assert rows[0]["official_name"] == "'+33 town"

    def test_query_count_does_not_grow_with_signatories(
        self, moderator_client, django_assert_max_num_queries, directory
    ):
        for _number in range(5):
            SignatoryPageFactory(parent=directory)
        with CaptureQueriesContext(connection) as five:
            assert len(parse(body(moderator_client.get(SIGNATORIES)))[1]) == 5
        for _number in range(25):
            SignatoryPageFactory(parent=directory)

        with django_assert_max_num_queries(len(five)):
            assert len(parse(body(moderator_client.get(SIGNATORIES)))[1]) == 30


class TestInitiativesExport:
    def test_columns_and_rows(self, moderator_client, signatory, initiative):
        draft = InitiativePageFactory(
            parent=signatory,
            title="Draft helpline",
            pillars=("protection", "prevention"),
            tags=["Helpline", "children"],
            live=False,
        )

        response = moderator_client.get(INITIATIVES)
        header, rows = parse(body(response))

        assert response["Content-Disposition"].startswith(
            'attachment; filename="pact-initiatives-en-'
        )
        assert header == INITIATIVE_COLUMNS
        assert len(rows) == 2
        published, unpublished = by_title(rows)["Safe sports clubs"], by_title(rows)[draft.title]
        assert published["id"] == str(initiative.pk)
        assert published["signatory"] == "Strasbourg"
        assert published["country"] == "FR"
        assert published["country_name"] == "France"
        assert published["pillars"] == "prevention|participation"
        assert published["tags"] == "sport"
        assert published["status"] == "Ongoing"
        assert published["start_date"] == "2022-03-01"
        assert published["end_date"] == ""
        assert published["first_published_at"].startswith(
            initiative.first_published_at.strftime("%Y-")
        )
        assert published["live"] == "True"
        assert published["url"].endswith(f"/{signatory.slug}/{initiative.slug}/")
        assert unpublished["live"] == "False"
        assert unpublished["pillars"] == "protection|prevention"  # in the editor's order
        assert unpublished["tags"] == "children|Helpline"
        assert unpublished["first_published_at"] == ""

    def test_query_count_does_not_grow_with_initiatives(
        self, moderator_client, django_assert_max_num_queries, directory
    ):
        towns = [SignatoryPageFactory(parent=directory) for _number in range(3)]

        def add_initiatives(count: int) -> None:
            for number in range(count):
                InitiativePageFactory(
                    parent=towns[number % 3],
                    pillars=("prevention", "protection"),
                    tags=[f"tag {number}", "common"],
                )

        add_initiatives(5)
        with CaptureQueriesContext(connection) as five:
            assert len(parse(body(moderator_client.get(INITIATIVES)))[1]) == 5
        add_initiatives(25)

        with django_assert_max_num_queries(len(five)):
            _header, rows = parse(body(moderator_client.get(INITIATIVES)))

        assert len(rows) == 30
        assert all(row["pillars"] == "prevention|protection" for row in rows)
        assert all(row["signatory"] for row in rows)


class TestLocale:
    def test_another_locale(self, moderator_client, signatory, initiative, fr_locale):
        french = signatory.copy_for_translation(fr_locale, copy_parents=True)
        french.title = "Strasbourg (fr)"
        french.save()

        _header, english_rows = parse(body(moderator_client.get(SIGNATORIES)))
        _header, french_rows = parse(body(moderator_client.get(SIGNATORIES, {"locale": "fr"})))
        _header, french_initiatives = parse(
            body(moderator_client.get(INITIATIVES, {"locale": "fr"}))
        )

        assert [row["title"] for row in english_rows] == ["Strasbourg"]
        assert [row["title"] for row in french_rows] == ["Strasbourg (fr)"]
        assert french_rows[0]["live"] == "False"  # a translation starts as a draft
        assert french_initiatives == []

    @pytest.mark.parametrize("url", [SIGNATORIES, INITIATIVES])
    def test_unknown_locale_is_a_bad_request(self, moderator_client, url):
        response = moderator_client.get(url, {"locale": "xx"})

        assert response.status_code == 400
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        assert "Unknown locale" in response.content.decode()


class TestAccess:
    @pytest.mark.parametrize("url", [SIGNATORIES, INITIATIVES])
    def test_signatory_editor_is_forbidden(self, editor_client, url):
        response = editor_client.get(url)

        assert response.status_code == 403
        assert b"jeanne" not in response.content

    @pytest.mark.parametrize("url", [SIGNATORIES, INITIATIVES])
    def test_anonymous_is_sent_to_login(self, client, url):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("wagtailadmin_login"))

    def test_superuser_may_export(self, admin_client, signatory):
        _header, rows = parse(body(admin_client.get(SIGNATORIES)))

        assert [row["title"] for row in rows] == ["Strasbourg"]


def test_exports_submenu_is_for_moderators_only(rf, django_user_model, signatory):
    moderator = django_user_model.objects.create_user(username="moderator", password="pw")
    moderator.groups.add(setup_moderation().group)
    editor = django_user_model.objects.create_user(username="editor", password="pw")
    access.grant(editor, signatory)
    submenu = exports_menu_item()

    def shown_to(user) -> list[str]:
        request = rf.get("/admin/")
        request.user = user
        if not submenu.is_shown(request):
            return []
        return [item.url for item in submenu.menu.menu_items_for_request(request)]

    assert shown_to(moderator) == [SIGNATORIES, INITIATIVES]
    assert shown_to(editor) == []
