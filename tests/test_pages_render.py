"""What a reader sees on each public page, and what must stay hidden from them."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from pact_pages.models import InitiativeStatus, SignatoryType
from tests.factories import (
    ImageFactory,
    InitiativePageFactory,
    SignatoryPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def get_html(client, page_or_url, code=200, **params) -> str:
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url, params)
    assert response.status_code == code, url
    return response.content.decode()


def restrict(page) -> None:
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="not-for-readers"
    )


def titles_listed(response) -> list[str]:
    return [initiative.title for initiative in response.context["page_obj"]]


class TestEveryPageRenders:
    def test_home_page(self, client, home_page, directory, library, initiative):
        html = get_html(client, "/en/")

        assert "<h1>ONE in FIVE</h1>" in html
        for name in ("Prevention", "Protection", "Prosecution", "Participation"):
            assert name in html
        assert "Safe sports clubs" in html  # the latest initiatives
        assert f'href="{directory.url}"' in html
        assert f'href="{library.url}"' in html

    def test_directory(self, client, directory, signatory):
        SignatoryPageFactory(
            parent=directory, title="Catalonia", signatory_type=SignatoryType.REGION, country="ES"
        )

        html = get_html(client, directory)

        assert "<h1>Participants</h1>" in html
        assert "Towns and regions that signed the Pact." in html
        assert "2 signatories" in html
        assert f'<a href="{signatory.url}">Strasbourg</a>' in html
        assert "Town or municipality · France" in html
        assert "Region · Spain" in html

    def test_signatory_page(self, client, signatory, initiative):
        signatory.commitment_prevention = "Training for every sports coach."
        signatory.population = 290000
        signatory.save()

        html = get_html(client, signatory)

        assert "<h1>Strasbourg</h1>" in html
        assert "Ville de Strasbourg · Town or municipality · France" in html
        assert "Training for every sports coach." in html
        assert "290,000" in html
        assert f'<a href="{initiative.url}">Safe sports clubs</a>' in html

    def test_initiative_page(self, client, library, signatory, initiative):
        html = get_html(client, initiative)

        assert "<h1>Safe sports clubs</h1>" in html
        assert initiative.summary in html
        assert f'<a href="{signatory.url}">Strasbourg</a> · France' in html
        assert ">Prevention</li>" in html
        assert ">Participation</li>" in html
        assert f'<a href="{library.url}?tag=sport">sport</a>' in html

    def test_initiative_library(self, client, library, signatory, initiative):
        html = get_html(client, library)

        assert "<h1>Initiatives</h1>" in html
        assert "1 initiative" in html
        assert f'<a href="{initiative.url}">Safe sports clubs</a>' in html
        assert "Strasbourg · France" in html  # the signatory on the card
        card = html[html.index('<li class="card">') :]
        assert ">Prevention</li>" in card
        assert ">Participation</li>" in card

    def test_standard_page(self, client, home_page):
        page = StandardPageFactory(parent=home_page, title="The Lanzarote Convention")

        html = get_html(client, page)

        assert "<h1>The Lanzarote Convention</h1>" in html
        assert page.introduction in html

    def test_pictures_render(self, client, library, signatory):
        signatory.logo = ImageFactory()
        signatory.save()
        InitiativePageFactory(parent=signatory, featured_image=ImageFactory())

        for page in (signatory, library):
            assert '<img alt="" class=' in get_html(client, page)


class TestContactDetails:
    @pytest.fixture
    def contact(self, signatory):
        signatory.contact_person = "Élodie Girard"
        signatory.contact_email = "pact@strasbourg.example.org"
        return signatory

    def test_hidden_unless_the_signatory_opted_in(self, client, contact):
        contact.contact_public = False
        contact.save()

        html = get_html(client, contact)

        assert "Élodie Girard" not in html
        assert "pact@strasbourg.example.org" not in html

    def test_shown_when_the_signatory_opted_in(self, client, contact):
        contact.contact_public = True
        contact.save()

        html = get_html(client, contact)

        assert "Élodie Girard" in html
        assert '<a href="mailto:pact@strasbourg.example.org">' in html


class TestUnpublishedAndPrivatePages:
    @pytest.fixture
    def hidden(self, directory, library, signatory):
        """A draft and an unpublished initiative and signatory, next to a published one."""
        shown = InitiativePageFactory(parent=signatory, title="Published story")
        draft = InitiativePageFactory(parent=signatory, title="Draft story", live=False)
        withdrawn = InitiativePageFactory(parent=signatory, title="Withdrawn story")
        withdrawn.unpublish()
        draft_signatory = SignatoryPageFactory(parent=directory, title="Draftville", live=False)
        withdrawn_signatory = SignatoryPageFactory(parent=directory, title="Goneville")
        withdrawn_signatory.unpublish()
        return shown, [draft, withdrawn, draft_signatory, withdrawn_signatory]

    def test_not_found_for_readers(self, client, hidden):
        shown, pages = hidden
        get_html(client, shown)
        for page in pages:
            get_html(client, page, code=404)

    def test_not_listed_anywhere(self, client, directory, library, signatory, hidden):
        for page in (directory, library, signatory, "/en/"):
            html = get_html(client, page)
            for title in ("Draft story", "Withdrawn story", "Draftville", "Goneville"):
                assert title not in html, (page, title)
        assert "Published story" in get_html(client, library)
        assert "Published story" in get_html(client, "/en/")

    def test_initiatives_of_an_unpublished_signatory_are_hidden(self, client, library, signatory):
        story = InitiativePageFactory(parent=signatory, title="Orphaned story")
        signatory.unpublish()

        get_html(client, story, code=404)
        assert "Orphaned story" not in get_html(client, library)
        assert "Orphaned story" not in get_html(client, "/en/")

    def test_view_restricted_pages_are_not_listed(self, client, directory, library, signatory):
        private_story = InitiativePageFactory(parent=signatory, title="Private story")
        restrict(private_story)
        private_signatory = SignatoryPageFactory(parent=directory, title="Secretville")
        restrict(private_signatory)
        InitiativePageFactory(parent=private_signatory, title="Story of a private signatory")

        listings = [get_html(client, page) for page in (directory, library, signatory, "/en/")]

        for html in listings:
            assert "Private story" not in html
            assert "Secretville" not in html
            assert "Story of a private signatory" not in html
        assert "Strasbourg" in listings[0]


class TestLibraryFilters:
    @pytest.fixture
    def stories(self, directory, library):
        lyon = SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
        turin = SignatoryPageFactory(parent=directory, title="Turin", country="IT")
        InitiativePageFactory(
            parent=lyon,
            title="Lyon helpline",
            pillars=("protection",),
            tags=["helpline"],
            status=InitiativeStatus.COMPLETED,
        )
        InitiativePageFactory(
            parent=lyon, title="Lyon schools", pillars=("prevention",), tags=["schools"]
        )
        InitiativePageFactory(
            parent=turin,
            title="Turin youth council",
            pillars=("participation", "prevention"),
            tags=["schools", "youth"],
        )
        InitiativePageFactory(
            parent=turin,
            title="Turin police training",
            pillars=("prosecution",),
            status=InitiativeStatus.COMPLETED,
            start_date=datetime.date(2019, 1, 1),
        )
        return library

    @pytest.mark.parametrize(
        ("params", "expected"),
        [
            ({}, {"Lyon helpline", "Lyon schools", "Turin youth council", "Turin police training"}),
            ({"pillar": "prevention"}, {"Lyon schools", "Turin youth council"}),
            ({"pillar": ["protection", "prosecution"]}, {"Lyon helpline", "Turin police training"}),
            ({"country": "FR"}, {"Lyon helpline", "Lyon schools"}),
            ({"country": "IT"}, {"Turin youth council", "Turin police training"}),
            ({"tag": "schools"}, {"Lyon schools", "Turin youth council"}),
            ({"status": "completed"}, {"Lyon helpline", "Turin police training"}),
            ({"country": "IT", "status": "completed"}, {"Turin police training"}),
            ({"pillar": "prevention", "country": "FR", "tag": "schools"}, {"Lyon schools"}),
            ({"country": "ZZ"}, set()),
            ({"tag": "no-such-tag"}, set()),
            ({"pillar": "no-such-p"}, set()),
        ],
    )
    def test_filters_narrow_the_results(self, client, stories, params, expected):
        response = client.get(stories.url, params)

        assert response.status_code == 200
        assert set(titles_listed(response)) == expected
        assert response.context["paginator"].count == len(expected)

    def test_filtered_by_country_shows_no_match_message(self, client, stories):
        html = get_html(client, stories, country="ZZ")

        assert "No initiative matches these filters." in html

    @pytest.mark.parametrize("page", ["abc", "999", "0", "-1", ""])
    def test_bad_page_numbers_do_not_break_the_library(self, client, stories, page):
        response = client.get(stories.url, {"page": page})

        assert response.status_code == 200
        assert len(titles_listed(response)) == 4

    def test_pagination(self, client, stories, settings):
        settings.PACT_INITIATIVES_PER_PAGE = 3

        page_one = client.get(stories.url)
        page_two = client.get(stories.url, {"page": "2"})

        assert len(titles_listed(page_one)) == 3
        assert len(titles_listed(page_two)) == 1
        assert set(titles_listed(page_one)) | set(titles_listed(page_two)) == {
            "Lyon helpline",
            "Lyon schools",
            "Turin youth council",
            "Turin police training",
        }
        assert "Page 1 of 2" in page_one.content.decode()
        assert "Page 1 of" not in get_html(client, stories, tag="schools")  # fits on one page

    def test_next_page_link_keeps_the_filters(self, client, stories, settings):
        settings.PACT_INITIATIVES_PER_PAGE = 1

        html = get_html(client, stories, status="completed")

        assert "Page 1 of 2" in html
        assert 'rel="next" href="?status=completed&amp;page=2"' in html

    @pytest.mark.parametrize("page", ["abc", "999"])
    def test_bad_page_numbers_do_not_break_the_directory(self, client, directory, signatory, page):
        response = client.get(directory.url, {"page": page, "country": "ZZ", "type": "nope"})

        assert response.status_code == 200
