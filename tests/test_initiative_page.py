"""An initiative's page: facts, tags, related initiatives, share links and printing."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import PageViewRestriction

from tests.factories import InitiativePageFactory, SignatoryPageFactory
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
# The page (24 with no related story, see test_seo) and the related cards: the reader's
# locale, view restrictions, candidates, their Ps, tags, images, signatories and the Ps'
# names. Measured: 32, the same for 4 or 20 candidates.
INITIATIVE_PAGE_QUERIES = 32


def related_titles(response) -> list[str]:
    html = response.content.decode()
    section = html.split('id="related-heading"', 1)
    if len(section) == 1:
        return []
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">(.*?)</a>', section[1])


@pytest.fixture
def story(library, signatory):
    return InitiativePageFactory(
        parent=signatory,
        title="Safe sports clubs",
        pillars=("prevention", "participation"),
        tags=["sport", "youth"],
        partners="Regional sports federation",
        results="40 clubs trained",
    )


class TestFacts:
    def test_signatory_dates_status_partners_and_results(self, client, story):
        html = client.get(story.url).content.decode()
        assert 'href="/en/participants/strasbourg/">Strasbourg</a>' in html
        assert "Ongoing" in html
        assert "March 1, 2022" in html
        assert "Regional sports federation" in html
        assert "40 clubs trained" in html

    def test_each_tag_links_to_the_library_filtered_by_it(self, client, story, library):
        html = client.get(story.url).content.decode()
        assert f'<a href="{library.url}?tag=sport">sport</a>' in html
        assert f'<a href="{library.url}?tag=youth">youth</a>' in html


class TestRelated:
    def test_same_p_or_tag_tag_first_never_itself(self, client, signatory, directory, story):
        other = SignatoryPageFactory(parent=directory, title="Lyon")
        same_p = InitiativePageFactory(parent=other, title="Same P", pillars=("prevention",))
        same_tag = InitiativePageFactory(
            parent=other, title="Same tag", pillars=("protection",), tags=["sport"]
        )
        InitiativePageFactory(parent=other, title="Unrelated", pillars=("prosecution",))

        titles = related_titles(client.get(story.url))

        assert titles == [same_tag.title, same_p.title]

    def test_at_most_three(self, client, signatory, story):
        for number in range(5):
            InitiativePageFactory(parent=signatory, title=f"Also prevention {number}")
        assert len(related_titles(client.get(story.url))) == 3

    def test_never_hidden_pages(self, client, directory, signatory, story):
        InitiativePageFactory(parent=signatory, title="Draft twin", tags=["sport"], live=False)
        private = InitiativePageFactory(parent=signatory, title="Private twin", tags=["sport"])
        PageViewRestriction.objects.create(
            page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        taken_down = SignatoryPageFactory(parent=directory, title="Taken down")
        InitiativePageFactory(parent=taken_down, title="Orphan twin", tags=["sport"])
        taken_down.unpublish()

        assert related_titles(client.get(story.url)) == []

    def test_in_the_readers_language(
        self, client, signatory, story, fr_locale, django_capture_on_commit_callbacks
    ):
        capture = django_capture_on_commit_callbacks
        sibling = InitiativePageFactory(parent=signatory, title="Youth council", tags=["youth"])
        translate(sibling, fr_locale, {"Youth council": "Conseil des jeunes"}, capture)
        french_story = translate(story, fr_locale, {"Safe sports clubs": "Clubs sûrs"}, capture)

        assert related_titles(client.get(french_story.url)) == ["Conseil des jeunes"]
        # A story read in French before it is translated gets French neighbours too.
        untranslated = InitiativePageFactory(parent=signatory, title="Only English", tags=["youth"])
        response = client.get(untranslated.url.replace("/en/", "/fr/", 1))
        assert response.status_code == 200
        assert "Conseil des jeunes" in related_titles(response)
        assert "Youth council" not in related_titles(response)

    @pytest.mark.parametrize("size", [4, 20])
    def test_bounded_queries(
        self, client, directory, story, size, django_assert_max_num_queries, quiet_saves
    ):
        for number in range(size):
            other = SignatoryPageFactory(parent=directory, title=f"Town {number}")
            InitiativePageFactory(parent=other, tags=["sport"], pillars=("prevention",))
        client.get(story.url)

        with django_assert_max_num_queries(INITIATIVE_PAGE_QUERIES):
            response = client.get(story.url)

        assert len(related_titles(response)) == 3


class TestSharing:
    def test_links_carry_the_encoded_absolute_address(self, client, story):
        html = client.get(story.url).content.decode()
        address = quote(f"http://testserver{story.url}", safe="")
        title = quote(story.title, safe="")
        assert f'href="mailto:?subject={title}&amp;body={address}"' in html
        assert f'href="https://www.linkedin.com/sharing/share-offsite/?url={address}"' in html
        assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in html
        assert f'href="https://x.com/intent/tweet?url={address}&amp;text={title}"' in html
        assert f'href="https://bsky.app/intent/compose?text={title}%20{address}"' in html

    def test_no_third_party_script(self, client, story):
        html = client.get(story.url).content.decode()
        for src in re.findall(r'<script[^>]*src="([^"]+)"', html):
            assert src.startswith("/static/"), src

    def test_share_address_is_the_one_read(
        self, client, signatory, story, fr_locale, django_capture_on_commit_callbacks
    ):
        # Read in French before it is translated: shared under /fr/, as the reader sees it.
        html = client.get(story.url.replace("/en/", "/fr/", 1)).content.decode()
        address = quote(f"http://testserver{story.url.replace('/en/', '/fr/', 1)}", safe="")
        assert f"?url={address}" in html


class TestPrinting:
    def test_print_button_is_a_plain_button_driven_by_a_static_script(self, client, story):
        html = client.get(story.url).content.decode()
        assert '<button type="button" class="print-button" data-print hidden>' in html
        assert '<script src="/static/pact_pages/js/print.js" defer></script>' in html
        assert "onclick" not in html
        script = Path(finders.find("pact_pages/js/print.js")).read_text()
        assert "window.print()" in script and "data-print" in script

    def test_print_stylesheet(self):
        css = (ROOT / "oneinfive" / "static" / "css" / "site.css").read_text()
        section = css.split("/* Print -", 1)[1].split("/* End of Print */", 1)[0]
        assert "@media print" in section
        for hidden in (".site-menu", ".filters", ".share", ".site-footer"):
            assert hidden in section
        # Absolute addresses, copied by site.js (tests/browser/test_site_frame.py prints one).
        assert 'content: " <" attr(data-print-href) ">"' in section


class TestDirectoryText:
    def test_filters_by_words_in_name_or_introduction(self, client, directory, signatory):
        SignatoryPageFactory(parent=directory, title="Lyon", introduction="Capital of Gaul.")
        SignatoryPageFactory(parent=directory, title="Nice")

        def names(query):
            html = client.get(directory.url, {"q": query}).content.decode()
            return re.findall(r'<h3 class="card-title"><a href="[^"]*">(.*?)</a>', html)

        assert names("lyon") == ["Lyon"]
        assert names("gaul capital") == ["Lyon"]
        assert names("ville de strasbourg") == ["Strasbourg"]  # the official name
        assert names("nowhere") == []
        assert sorted(names("")) == ["Lyon", "Nice", "Strasbourg"]
        html = client.get(directory.url, {"q": "lyon"}).content.decode()
        assert '<label for="filter-text">' in html
        assert 'name="q" value="lyon"' in html
