"""The campaign's social accounts (Settings → Social links): on the home page beside the
feeds, as the seed page shows them, and in every page's footer."""

import re

import pytest
from wagtail.models import Site

from home.models import SocialLinks


@pytest.fixture
def links(db) -> SocialLinks:
    links = SocialLinks.for_site(Site.objects.get(is_default_site=True))
    links.facebook = "https://www.facebook.com/CouncilofEurope"
    links.mastodon = "https://social.coe.example/@pact"
    links.save()
    return links


def _social_list(html: str) -> str:
    found = re.findall(r'<ul class="social-links".*?</ul>', html, re.S)
    assert found, "no list of social links"
    return found[0]


def test_home_page_links_the_accounts_beside_the_feeds(client, home_page, links):
    html = client.get("/en/").content.decode()

    follow = html[html.index('<div class="follow">') :]
    assert "/en/feeds/initiatives.rss" in follow.split("</div>")[0]
    social = _social_list(follow)
    assert 'href="https://www.facebook.com/CouncilofEurope"' in social
    assert ">Facebook</a>" in social
    assert 'rel="me noopener"' in social  # Mastodon verifies the link back


def test_every_page_footer_links_them(client, signatory, links):
    html = client.get(signatory.url).content.decode()

    footer = html[html.index('<footer class="site-footer">') :]
    assert "https://social.coe.example/@pact" in _social_list(footer)


def test_the_list_is_labelled_in_the_readers_language(client, home_page, links):
    html = client.get("/fr/").content.decode()

    assert 'aria-label="La campagne sur les réseaux sociaux"' in html


def test_nothing_is_shown_when_no_account_is_set(client, home_page):
    html = client.get("/en/").content.decode()

    assert 'class="social-links"' not in html


def test_a_change_in_the_admin_shows_at_once(client, home_page, links):
    assert "CouncilofEurope" in client.get("/en/").content.decode()  # now cached

    links.facebook = ""
    links.save()

    assert "CouncilofEurope" not in client.get("/en/").content.decode()


def test_the_links_cost_no_query_once_cached(client, home_page, links):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/en/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")

    assert not [q for q in queries.captured_queries if "home_sociallinks" in q["sql"]]


def test_an_address_that_is_not_a_url_is_refused(links):
    from django.core.exceptions import ValidationError

    links.x = "javascript:alert(1)"
    with pytest.raises(ValidationError) as refused:
        links.full_clean()
    assert "x" in refused.value.message_dict
