"""An initiative's version for children (issue 19, part 2): the editor's fields and its
readability guidance (never blocking), the page at ?version=children and the switch to it,
the library's and the API's filters, translation through wagtail-localize."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pact_pages.initiatives.readability import TARGET, assess
from pact_pages.models import InitiativePage
from tests.factories import ImageFactory, InitiativePageFactory, pillar, publish
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

EASY = (
    "In Strasbourg, grown-ups learn how to keep children safe. Teachers learn to see when a "
    "child is not OK. Children learn that their body belongs to them."
)
MEANING = "Your body belongs to you. You can say no. You can tell an adult you trust."
HARD = (
    "The municipality institutionalises comprehensive multidisciplinary interventions, "
    "notwithstanding considerable administrative complexity and organisational heterogeneity."
)
API = "/api/pact/v1"


@pytest.fixture
def kids(signatory):
    """An initiative with a version for children."""
    page = InitiativePageFactory(
        parent=signatory,
        title="Safe sports clubs",
        children_summary=EASY,
        children_meaning=MEANING,
        children_helpline="116 111",
        children_image=ImageFactory(title="Children playing"),
    )
    return page


@pytest.fixture
def plain(signatory):
    return InitiativePageFactory(parent=signatory, title="Training for judges")


def soup(html: str):
    return WagtailTestUtils.get_soup(html)


class TestReadability:
    def test_easy_english_meets_the_target(self):
        result = assess(EASY + " " + MEANING, "en")
        assert result.score >= TARGET and result.level == "good"
        assert result.tips == []

    def test_hard_english_is_below_with_tips(self):
        result = assess(HARD, "en")
        assert result.score < TARGET and result.level == "hard"
        assert "Use shorter, everyday words where you can." in result.tips

    @pytest.mark.parametrize("language", ["fr", "de", "it", "es", "nl", "ru"])
    def test_other_languages_with_a_formula_are_scored(self, language):
        assert assess("Un deux trois quatre cinq six sept huit neuf.", language).scored

    @pytest.mark.parametrize("language", ["pl", "uk", "el", "tr", "pt", ""])
    def test_languages_without_a_formula_say_so(self, language):
        result = assess(EASY, language)
        assert result.score is None and result.level == "none"
        assert result.message == "No readability score is available for this language."

    def test_a_few_words_get_no_score(self):
        assert assess("Call 116 111.", "en").score is None


class TestEditor(WagtailTestUtils):
    @staticmethod
    def add_url(signatory) -> str:
        return reverse(
            "wagtailadmin_pages:add", args=["pact_pages", "initiativepage", signatory.pk]
        )

    @staticmethod
    def post_data(**fields) -> dict:
        data = {
            "title": "Children's council",
            "slug": "childrens-council",
            "summary": "Children advise the town council on safety.",
            "status": "ongoing",
            "start_date": "2024-09-01",
            "end_date": "",
            "target_groups": "",
            "partners": "",
            "results": "",
            "tags": "",
            "body": streamfield([]),
            "pillar_links": inline_formset([{"pillar": pillar("participation").pk}], min=1, max=4),
            "children_summary": "",
            "children_meaning": "",
            "children_helpline": "",
            "children_image": "",
            "action-publish": "action-publish",
        }
        data.update(fields)
        return nested_form_data(data)

    def panel(self, admin_client, page):
        html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
        heading = soup(html.decode()).find(
            "span", attrs={"data-panel-heading-text": True}, string="For children"
        )
        assert heading is not None
        return heading.find_parent("section")

    def test_the_panel_is_collapsed_while_empty(self, admin_client, plain, kids):
        assert "collapsed" in self.panel(admin_client, plain)["class"]
        assert "collapsed" not in self.panel(admin_client, kids)["class"]

    def test_a_new_page_asks_for_a_few_sentences(self, admin_client, signatory):
        html = admin_client.get(self.add_url(signatory)).content.decode()
        heading = soup(html).find(
            "span", attrs={"data-panel-heading-text": True}, string="For children"
        )
        panel = heading.find_parent("section")
        assert "collapsed" in panel["class"]
        assert "Write a few sentences to get a readability score." in panel.get_text(" ")
        assert 'data-language="en"' in str(panel)
        assert "pact_pages/js/readability.js" in html

    def test_the_panel_shows_the_score_and_the_target(self, admin_client, kids):
        text = self.panel(admin_client, kids).get_text(" ", strip=True)
        score = assess(EASY + "\n\n" + MEANING, "en").score
        assert f"Reading ease: {score} (target: 70 or more, out of 100)." in text
        assert "Easy to read for children: well done." in text
        assert "you can save and publish whatever the score" in text

    def test_a_hard_text_is_published_with_guidance(self, admin_client, signatory):
        response = admin_client.post(
            self.add_url(signatory),
            self.post_data(children_summary=HARD, children_helpline="116 111"),
        )

        assert response.status_code == 302  # never blocked
        page = InitiativePage.objects.get(slug="childrens-council")
        assert page.live and page.children_summary == HARD and page.has_children_version
        text = self.panel(admin_client, page).get_text(" ", strip=True)
        assert "This may be hard for children to read. Aim for the target." in text
        assert "Use shorter, everyday words where you can." in text

    def test_the_fields_are_optional(self, admin_client, signatory):
        response = admin_client.post(self.add_url(signatory), self.post_data())

        assert response.status_code == 302
        assert not InitiativePage.objects.get(slug="childrens-council").has_children_version

    def test_the_live_score_for_editors(self, admin_client):
        url = reverse("pact_readability")
        response = admin_client.post(
            url, json.dumps({"text": HARD, "language": "en"}), content_type="application/json"
        )
        assert response.status_code == 200
        assert response.json()["level"] == "hard" and response.json()["target"] == TARGET
        bad = admin_client.post(url, "[1, 2", content_type="application/json")
        assert bad.status_code == 400
        wrong = admin_client.post(url, json.dumps({"text": 3}), content_type="application/json")
        assert wrong.status_code == 400

    def test_the_live_score_is_for_signed_in_editors_only(self, client):
        response = client.post(
            reverse("pact_readability"),
            json.dumps({"text": EASY, "language": "en"}),
            content_type="application/json",
        )
        assert response.status_code == 302 and "/login/" in response["Location"]


class TestPage:
    def test_the_standard_page_links_to_the_version_for_children(self, client, kids):
        page = soup(client.get(kids.url).content.decode())
        switch = page.select_one("nav.version-switch")
        links = {a.get_text(strip=True): a for a in switch.select("a")}
        assert links["Version for children"]["href"] == f"{kids.url}?version=children"
        assert links["Standard version"]["aria-current"] == "page"

    def test_the_version_for_children(self, client, kids):
        response = client.get(f"{kids.url}?version=children")
        page = soup(response.content.decode())

        assert "pact_pages/initiative_children_page.html" in [t.name for t in response.templates]
        assert page.title.get_text().startswith("Safe sports clubs (for children)")
        assert EASY in page.select_one(".children-version").get_text(" ")
        assert MEANING in page.get_text(" ")
        assert page.select_one('a[href="tel:116111"]').get_text() == "116 111"
        current = page.select_one('nav.version-switch a[aria-current="page"]')
        assert current.get_text(strip=True) == "Version for children"
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical == f"http://testserver{kids.url}?version=children"
        assert page.select_one("h1").get_text() == "Safe sports clubs"
        assert [h.get_text() for h in page.select("h2")][:3] == [
            "What is it about?",
            "What does it mean for you?",
            "Do you need help?",
        ]

    def test_without_a_version_for_children_no_switch(self, client, plain):
        page = soup(client.get(plain.url).content.decode())
        assert page.select_one("nav.version-switch") is None
        asked = soup(client.get(f"{plain.url}?version=children").content.decode())
        # The standard page, which stays the canonical address: no copy to index.
        assert asked.select_one(".children-version") is None
        assert asked.select_one('link[rel="canonical"]')["href"] == f"http://testserver{plain.url}"

    def test_a_draft_version_for_children_is_not_shown(self, client, plain):
        plain.children_summary = EASY
        plain.save_revision()  # not published

        assert EASY not in client.get(f"{plain.url}?version=children").content.decode()

    def test_the_preview_mode(self, kids):
        assert dict(kids.preview_modes)["children"] == "For children"
        response = kids.make_preview_request(preview_mode="children")
        assert EASY in response.content.decode()
        standard = kids.make_preview_request(preview_mode="")
        assert "children-version" not in standard.content.decode()

    def test_the_page_cache_keeps_both_versions_apart(self, client, settings, kids):
        settings.PACT_PAGE_CACHE = "pages"
        for _ in range(2):
            standard = client.get(kids.url)
            children = client.get(f"{kids.url}?version=children")
        assert standard["X-Cache"] == children["X-Cache"] == "hit"
        assert "children-version" in children.content.decode()
        assert "children-version" not in standard.content.decode()

    def test_the_sitemap_lists_the_versions_for_children(self, client, kids, plain):
        xml = client.get("/sitemap.xml").content.decode()
        assert f"http://testserver{kids.url}?version=children</loc>" in xml
        assert f"{plain.url}?version=children" not in xml


class TestTranslation:
    @pytest.fixture
    def french(self, kids, fr_locale, django_capture_on_commit_callbacks):
        strings = {
            EASY: "À Strasbourg, les adultes apprennent à protéger les enfants.",
            MEANING: "Ton corps est à toi. Tu peux dire non.",
            "116 111": "116 111 ou le 119",
        }
        return translate(kids, fr_locale, strings, django_capture_on_commit_callbacks)

    def test_the_text_is_translated_the_picture_synchronised(self, kids, french):
        assert french.children_summary.startswith("À Strasbourg")
        assert french.children_meaning == "Ton corps est à toi. Tu peux dire non."
        assert french.children_helpline == "116 111 ou le 119"
        assert french.children_image_id == kids.children_image_id

    def test_the_french_version_for_children(self, client, kids, french):
        page = soup(client.get(f"{french.url}?version=children").content.decode())
        assert "À Strasbourg, les adultes" in page.get_text(" ")
        alternates = {
            link["hreflang"]: link["href"]
            for link in page.select('link[rel="alternate"][hreflang]')
        }
        assert alternates["en"] == f"http://testserver{kids.url}?version=children"
        assert alternates["fr"] == f"http://testserver{french.url}?version=children"

    def test_the_editor_offers_the_text_to_translators(self, kids):
        from wagtail_localize.models import StringSegment, TranslationSource

        source, _ = TranslationSource.update_or_create_from_instance(kids)
        strings = set(
            StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
        )
        assert {EASY, MEANING, "116 111"} <= strings


class TestLibrary:
    def test_the_filter_lists_only_initiatives_with_a_version(
        self, client, library, signatory, django_assert_max_num_queries
    ):
        for number in range(3):
            InitiativePageFactory(parent=signatory, title=f"Kids {number}", children_summary=EASY)
            InitiativePageFactory(parent=signatory, title=f"Adults {number}")
        url = f"{library.url}?for_children=1"
        client.get(url)  # renditions made here

        with django_assert_max_num_queries(LIBRARY_QUERIES):
            response = client.get(url)

        titles = re.findall(
            r'<h3 class="card-title"><a href="[^"]*">(.*?)</a>', response.content.decode()
        )
        assert sorted(titles) == ["Kids 0", "Kids 1", "Kids 2"]
        assert "3 initiatives" in response.content.decode()
        checkbox = soup(response.content.decode()).select_one('input[name="for_children"]')
        assert checkbox.has_attr("checked")

    def test_the_bound_does_not_grow_with_the_list(
        self, client, library, signatory, django_assert_max_num_queries
    ):
        for number in range(12):
            InitiativePageFactory(parent=signatory, title=f"Kids {number}", children_summary=EASY)
        url = f"{library.url}?for_children=1"
        client.get(url)
        with django_assert_max_num_queries(LIBRARY_QUERIES):
            assert client.get(url).status_code == 200


# The library's page with a filter (the stored total does not apply): counted once.
LIBRARY_QUERIES = 30


class TestApi:
    def test_list_items_and_the_filter(self, client, kids, plain, django_assert_max_num_queries):
        url = f"{API}/initiatives?for_children=true"
        client.get(url)
        with django_assert_max_num_queries(4):
            response = client.get(url)
        body = response.json()
        assert [item["id"] for item in body["results"]] == [kids.pk]
        assert body["count"] == 1
        item = body["results"][0]["for_children"]
        assert item["summary"] == EASY and item["meaning"] == MEANING
        assert item["helpline"] == "116 111"
        assert item["image"]["alt"] == "Children playing"
        assert set(item["image"]["renditions"]) == {"card"}
        others = client.get(f"{API}/initiatives?for_children=false").json()["results"]
        assert [item["id"] for item in others] == [plain.pk]
        assert others[0]["for_children"] is None

    def test_a_bad_value_is_a_problem_not_an_error(self, client, kids):
        response = client.get(f"{API}/initiatives?for_children=perhaps")
        assert response.status_code == 400
        assert response.json()["errors"][0]["parameter"] == "for_children"

    def test_detail(self, client, kids, plain):
        detail = client.get(f"{API}/initiatives/{kids.pk}").json()["for_children"]
        assert detail["summary"] == EASY
        assert set(detail["image"]["renditions"]) == {"card", "large"}
        assert client.get(f"{API}/initiatives/{plain.pk}").json()["for_children"] is None

    def test_an_unpublished_change_stays_private(self, client, plain):
        plain.children_summary = "Draft text for children."
        plain.save_revision()
        assert client.get(f"{API}/initiatives/{plain.pk}").json()["for_children"] is None
        listed = client.get(f"{API}/initiatives?for_children=true").json()
        assert listed["count"] == 0

    def test_the_schema(self, client):
        schema = client.get(f"{API}/openapi.json").json()
        summary = schema["components"]["schemas"]["InitiativeSummary"]["properties"]
        assert "for_children" in summary
        parameters = schema["paths"][f"{API}/initiatives"]["get"]["parameters"]
        assert "for_children" in {parameter["name"] for parameter in parameters}

    def test_wagtail_api_v2(self, client, kids, plain):
        response = client.get(f"/api/v2/pages/{kids.pk}/")
        assert response.json()["for_children"]["summary"] == EASY
        assert response.json()["for_children"]["image"]["title"] == "Children playing"
        assert client.get(f"/api/v2/pages/{plain.pk}/").json()["for_children"] is None


def test_a_new_editor_account_sees_the_panel(signatory, kids):
    """A signatory's own editor (not a superuser) edits the version for children too."""
    from pact_pages.signatories import access

    user = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    access.grant(user, signatory)
    editor = Client()
    editor.force_login(user)
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[kids.pk]))
    assert response.status_code == 200
    assert 'name="children_summary"' in response.content.decode()
    assert publish(kids).has_children_version
