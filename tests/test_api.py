"""The JSON API at /api/pact/v1/: content, filters, pagination, locales, privacy, errors."""

import datetime
from decimal import Decimal

import pytest
from wagtail.models import PageViewRestriction

from pact_pages.models import SignatoryType
from tests.factories import ImageFactory, InitiativePageFactory, SignatoryPageFactory, publish
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db

API = "/api/pact/v1"


@pytest.fixture(autouse=True)
def _no_response_cache(settings):
    """Each request computed afresh: these tests change content between requests."""
    settings.PACT_API_CACHE_TIMEOUT = 0


def get(client, path, expect=200, **params):
    response = client.get(f"{API}/{path}", params)
    assert response.status_code == expect, response.content
    return response.json()


def titles(data) -> list[str]:
    return [item["title"] for item in data["results"]]


# --- Content ---------------------------------------------------------------------------------


class TestSignatories:
    def test_list_item(self, client, initiative, signatory):
        data = get(client, "signatories")

        assert data["count"] == 1 and data["next"] is None and data["previous"] is None
        item = data["results"][0]
        assert item["id"] == signatory.pk
        assert item["url"] == "http://testserver/en/participants/strasbourg/"
        assert (item["locale"], item["served_locale"], item["fallback"]) == ("en", "en", False)
        assert item["translations"] == {"en": item["url"]}
        assert item["official_name"] == "Ville de Strasbourg"
        assert (item["type"], item["type_label"]) == ("town", "Town or municipality")
        assert (item["country"], item["country_name"]) == ("FR", "France")
        assert (item["latitude"], item["longitude"]) == (48.5839, 7.7455)
        assert item["initiative_count"] == 1
        assert item["last_published_at"]
        assert "body" not in item

    def test_detail_by_id_and_slug(self, client, signatory):
        signatory.body = [
            ("paragraph", f'<p>See <a linktype="page" id="{signatory.pk}">us</a></p>')
        ]
        signatory.save_revision().publish()

        by_id = get(client, f"signatories/{signatory.pk}")
        by_slug = get(client, "signatories/by-slug/strasbourg")

        assert by_id == by_slug
        assert 'href="http://testserver/en/participants/strasbourg/"' in by_id["body"]
        assert "linktype" not in by_id["body"]

    def test_logo_as_absolute_renditions(self, client, directory):
        SignatoryPageFactory(parent=directory, logo=ImageFactory(title="Crest"))

        item = get(client, "signatories")["results"][0]
        detail = get(client, f"signatories/{item['id']}")

        assert item["logo"]["alt"] == "Crest"
        assert set(item["logo"]["renditions"]) == {"small"}
        assert set(detail["logo"]["renditions"]) == {"small", "large"}
        small = item["logo"]["renditions"]["small"]
        assert small["url"].startswith("http://testserver/media/images/")
        assert small["width"] <= 160

    def test_commitments_in_the_readers_language(self, client, directory, fr_pillar):
        SignatoryPageFactory(parent=directory, commitment_prevention="Train coaches.")

        english = get(client, "signatories")["results"][0]
        french = get(client, "signatories", locale="fr")["results"][0]

        assert english["commitments"] == [
            {"pillar": "prevention", "pillar_name": "Prevention", "text": "Train coaches."}
        ]
        assert french["commitments"][0]["pillar_name"] == "Prévention"


class TestInitiatives:
    def test_list_item(self, client, initiative, signatory):
        item = get(client, "initiatives")["results"][0]

        assert item["id"] == initiative.pk
        assert item["url"] == "http://testserver/en/participants/strasbourg/safe-sports-clubs/"
        assert [pillar["slug"] for pillar in item["pillars"]] == ["prevention", "participation"]
        assert item["tags"] == [{"slug": "sport", "name": "sport"}]
        assert item["signatory"] == {
            "id": signatory.pk,
            "title": "Strasbourg",
            "url": "http://testserver/en/participants/strasbourg/",
            "country": "FR",
        }
        assert (item["status"], item["status_label"]) == ("ongoing", "Ongoing")

    def test_detail(self, client, signatory):
        page = InitiativePageFactory(
            parent=signatory,
            featured_image=ImageFactory(),
            body=[("paragraph", "<p>Coaches <b>trained</b>.</p>")],
            results="40 clubs",
        )

        data = get(client, f"initiatives/{page.pk}")

        assert "<b>trained</b>" in data["body"]
        assert data["results"] == "40 clubs"
        assert set(data["image"]["renditions"]) == {"card", "large"}
        assert data["image"]["renditions"]["card"]["url"].startswith("http://testserver/media/")


class TestFacets:
    def test_pillars_count_what_the_filter_lists(self, client, signatory, initiative):
        pillars = {row["slug"]: row for row in get(client, "pillars")}

        assert list(pillars) == ["prevention", "protection", "prosecution", "participation"]
        for slug, row in pillars.items():
            assert row["initiative_count"] == get(client, "initiatives", pillar=slug)["count"]

    def test_countries_named_in_the_locale(self, client, directory):
        SignatoryPageFactory(parent=directory, country="DE")
        SignatoryPageFactory(parent=directory, country="DE")
        SignatoryPageFactory(parent=directory, country="AT")

        english = get(client, "countries")
        german = get(client, "countries", locale="de")
        everything = get(client, "countries", include_empty="true")

        assert [(row["code"], row["signatory_count"]) for row in english] == [
            ("AT", 1),
            ("DE", 2),
        ]
        assert [row["name"] for row in german] == ["Deutschland", "Österreich"]
        assert len(everything) == 46

    def test_country_initiative_counts(self, client, signatory, initiative):
        assert get(client, "countries") == [
            {"code": "FR", "name": "France", "signatory_count": 1, "initiative_count": 1}
        ]

    def test_tags(self, client, signatory):
        InitiativePageFactory(parent=signatory, tags=["sport", "schools"])
        InitiativePageFactory(parent=signatory, tags=["schools"])

        assert get(client, "tags") == [
            {"slug": "schools", "name": "schools", "initiative_count": 2},
            {"slug": "sport", "name": "sport", "initiative_count": 1},
        ]

    def test_stats_are_the_home_page_counters(self, client, directory, initiative):
        SignatoryPageFactory(parent=directory, signatory_type=SignatoryType.ASSOCIATION)
        from pact_pages.signatories.stats import signatory_counts

        data = get(client, "stats")
        counts = signatory_counts()

        assert (data["signatories"], data["territorial"], data["other"]) == (
            counts.total,
            counts.territorial,
            counts.other,
        )
        assert data["initiatives"] == 1
        assert data["per_pillar"] == {
            "prevention": 1,
            "protection": 0,
            "prosecution": 0,
            "participation": 1,
        }
        assert data["per_type"] == {"town": 1, "association": 1}
        assert data["sentence"].startswith("1 city or region from 1 country")
        assert get(client, "stats", locale="fr")["sentence"].startswith("1 ville ou région")


class TestMap:
    def test_valid_geojson(self, client, directory, initiative, signatory):
        SignatoryPageFactory(parent=directory, title="Nowhere", latitude=None, longitude=None)

        response = client.get(f"{API}/map.geojson")
        data = response.json()

        assert response["Content-Type"] == "application/geo+json"
        assert data["type"] == "FeatureCollection"
        assert len(data["features"]) == 1  # only signatories with coordinates
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            lon, lat = feature["geometry"]["coordinates"]
            assert all(isinstance(number, float) for number in (lon, lat))
            assert -180 <= lon <= 180 and -90 <= lat <= 90
        feature = data["features"][0]
        assert feature["geometry"]["coordinates"] == [7.7455, 48.5839]  # [lon, lat]
        # Only what a marker shows; the official name and the rest come from its detail.
        assert feature["properties"] == {
            "name": "Strasbourg",
            "type": "town",
            "country": "FR",
            "country_name": "France",
            "url": "http://testserver/en/participants/strasbourg/",
            "served_locale": "en",
            "initiative_count": 1,
        }

    def test_filters_apply(self, client, directory):
        SignatoryPageFactory(parent=directory, country="DE", title="Berlin")
        SignatoryPageFactory(parent=directory, country="FR", title="Lyon")

        data = client.get(f"{API}/map.geojson", {"country": "DE"}).json()

        assert [feature["properties"]["name"] for feature in data["features"]] == ["Berlin"]


# --- Filters ---------------------------------------------------------------------------------


@pytest.fixture
def towns(directory):
    """Four signatories that differ in every filtered field."""
    make = SignatoryPageFactory
    return {
        "lyon": make(
            parent=directory,
            title="Lyon",
            country="FR",
            signed_on=datetime.date(2021, 1, 10),
            latitude=Decimal("45.76"),
            longitude=Decimal("4.83"),
            commitment_protection="Child houses.",
        ),
        "berlin": make(
            parent=directory,
            title="Berlin",
            country="DE",
            signatory_type=SignatoryType.REGION,
            signed_on=datetime.date(2022, 6, 1),
            latitude=Decimal("52.52"),
            longitude=Decimal("13.40"),
        ),
        "rome": make(
            parent=directory,
            title="Rome",
            country="IT",
            signed_on=datetime.date(2023, 3, 3),
            latitude=Decimal("41.90"),
            longitude=Decimal("12.50"),
        ),
        "kyiv": make(
            parent=directory,
            title="Kyiv",
            country="UA",
            signatory_type=SignatoryType.ASSOCIATION,
            signed_on=datetime.date(2024, 9, 9),
            latitude=None,
            longitude=None,
        ),
    }


class TestSignatoryFilters:
    @pytest.mark.parametrize(
        "params, expected",
        [
            ({}, ["Berlin", "Kyiv", "Lyon", "Rome"]),
            ({"country": "FR"}, ["Lyon"]),
            ({"country": ["FR", "DE"]}, ["Berlin", "Lyon"]),
            ({"type": "region"}, ["Berlin"]),
            ({"type": ["region", "association"]}, ["Berlin", "Kyiv"]),
            ({"signed_after": "2022-06-01"}, ["Berlin", "Kyiv", "Rome"]),
            ({"signed_before": "2022-06-01"}, ["Berlin", "Lyon"]),
            ({"signed_after": "2022-01-01", "signed_before": "2023-12-31"}, ["Berlin", "Rome"]),
            ({"bbox": "0,40,14,50"}, ["Lyon", "Rome"]),
            ({"bbox": "10,40,-170,60"}, ["Berlin", "Rome"]),  # across the antimeridian
            ({"q": "Berlin"}, ["Berlin"]),
            ({"pillar": "protection"}, ["Lyon", "Rome"]),  # commitment or initiative
            ({"pillar": ["protection", "prosecution"]}, ["Lyon", "Rome"]),
            (
                {"country": ["FR", "DE", "IT"], "type": "town", "bbox": "0,40,14,50"},
                ["Lyon", "Rome"],
            ),
            ({"country": ["DE", "UA"], "signed_after": "2024-01-01"}, ["Kyiv"]),
            ({"q": "Rome", "country": "FR"}, []),
        ],
    )
    def test_filter(self, client, towns, params, expected):
        InitiativePageFactory(parent=towns["rome"], pillars=("protection",))

        assert titles(get(client, "signatories", **params)) == expected

    @pytest.mark.parametrize(
        "ordering, expected",
        [
            ("name", ["Berlin", "Kyiv", "Lyon", "Rome"]),
            ("-name", ["Rome", "Lyon", "Kyiv", "Berlin"]),
            ("signed_on", ["Lyon", "Berlin", "Rome", "Kyiv"]),
            ("-signed_on", ["Kyiv", "Rome", "Berlin", "Lyon"]),
            ("-initiatives", ["Rome", "Berlin", "Kyiv", "Lyon"]),
        ],
    )
    def test_ordering(self, client, towns, ordering, expected):
        InitiativePageFactory(parent=towns["rome"])
        InitiativePageFactory(parent=towns["rome"])

        assert titles(get(client, "signatories", ordering=ordering)) == expected


@pytest.fixture
def stories(directory):
    lyon = SignatoryPageFactory(parent=directory, title="Lyon", country="FR")
    berlin = SignatoryPageFactory(parent=directory, title="Berlin", country="DE")
    make = InitiativePageFactory
    return {
        "coaches": make(
            parent=lyon, title="Coaches", pillars=("prevention",), tags=["sport"], status="planned"
        ),
        "houses": make(
            parent=lyon, title="Child houses", pillars=("protection", "prosecution"), tags=[]
        ),
        "voices": make(
            parent=berlin,
            title="Young voices",
            pillars=("participation",),
            tags=["sport", "youth"],
            status="completed",
        ),
    }


class TestInitiativeFilters:
    @pytest.mark.parametrize(
        "params, expected",
        [
            ({}, ["Young voices", "Child houses", "Coaches"]),  # newest first
            ({"pillar": "prevention"}, ["Coaches"]),
            ({"pillar": ["prevention", "prosecution"]}, ["Child houses", "Coaches"]),
            ({"country": "DE"}, ["Young voices"]),
            ({"country": ["DE", "FR"]}, ["Young voices", "Child houses", "Coaches"]),
            ({"tag": "sport"}, ["Young voices", "Coaches"]),
            ({"tag": ["youth", "nothing"]}, ["Young voices"]),
            ({"status": "planned"}, ["Coaches"]),
            ({"status": ["planned", "completed"]}, ["Young voices", "Coaches"]),
            ({"q": "houses"}, ["Child houses"]),
            ({"tag": "sport", "country": "FR"}, ["Coaches"]),
            ({"pillar": "participation", "status": "completed", "tag": "youth"}, ["Young voices"]),
            ({"pillar": "participation", "country": "FR"}, []),
            ({"ordering": "title"}, ["Child houses", "Coaches", "Young voices"]),
            ({"ordering": "-title"}, ["Young voices", "Coaches", "Child houses"]),
            ({"ordering": "oldest"}, ["Coaches", "Child houses", "Young voices"]),
        ],
    )
    def test_filter(self, client, stories, params, expected):
        assert titles(get(client, "initiatives", **params)) == expected

    def test_signatory_filter_takes_any_translation(self, client, stories):
        lyon = stories["coaches"].get_parent()

        data = get(client, "initiatives", signatory=lyon.pk, ordering="title")

        assert titles(data) == ["Child houses", "Coaches"]

    def test_updated_since(self, client, stories):
        old = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
        stories["coaches"].__class__.objects.filter(pk=stories["coaches"].pk).update(
            last_published_at=old
        )

        data = get(client, "initiatives", updated_since="2021-01-01T00:00:00Z")
        naive = get(client, "initiatives", updated_since="2021-01-01T00:00:00")

        assert "Coaches" not in titles(data)
        assert titles(data) == titles(naive) == ["Young voices", "Child houses"]


# --- Pagination ------------------------------------------------------------------------------


class TestPagination:
    @pytest.fixture
    def seven(self, directory, quiet_saves):
        return [SignatoryPageFactory(parent=directory, title=f"Town {n}") for n in range(7)]

    def test_pages(self, client, seven):
        first = get(client, "signatories", limit=3)
        second = client.get(first["next"]).json()
        last = client.get(second["next"]).json()

        assert first["count"] == 7 and first["previous"] is None
        assert titles(first) + titles(second) + titles(last) == [f"Town {n}" for n in range(7)]
        assert "offset=3" in first["next"] and "limit=3" in first["next"]
        assert first["next"].startswith("http://testserver/api/pact/v1/signatories?")
        assert last["next"] is None and len(last["results"]) == 1
        assert client.get(last["previous"]).json() == second

    def test_filters_are_kept_in_links(self, client, seven):
        data = get(client, "signatories", limit=2, country="FR", ordering="-name")

        assert "country=FR" in data["next"] and "ordering=-name" in data["next"]

    def test_edges(self, client, seven):
        assert titles(get(client, "signatories", limit=7)) == [f"Town {n}" for n in range(7)]
        assert get(client, "signatories", limit=7)["next"] is None
        assert get(client, "signatories", limit=100)["count"] == 7
        beyond = get(client, "signatories", offset=50)
        assert beyond["results"] == [] and beyond["next"] is None and beyond["count"] == 7
        assert "offset=0" in beyond["previous"] or "offset=" in beyond["previous"]
        assert titles(get(client, "signatories", offset=6)) == ["Town 6"]
        assert "offset=0" in get(client, "signatories", offset=1, limit=3)["previous"]

    @pytest.mark.parametrize(
        "params", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "ten"}]
    )
    def test_bad_pagination(self, client, seven, params):
        data = get(client, "signatories", expect=400, **params)

        assert data["errors"][0]["parameter"] in params


# --- Locales ---------------------------------------------------------------------------------


class TestLocales:
    @pytest.fixture
    def lyon_in_french(self, directory, fr_locale, django_capture_on_commit_callbacks):
        lyon = SignatoryPageFactory(parent=directory, title="Lyon", slug="lyon")
        SignatoryPageFactory(parent=directory, title="Nice", slug="nice")
        french = translate(
            lyon, fr_locale, {"Lyon signed the Pact.": "Lyon a signé le Pacte."},
            django_capture_on_commit_callbacks,
        )  # fmt: skip
        return lyon, french

    def test_each_item_once_with_fallback(self, client, lyon_in_french):
        lyon, french = lyon_in_french

        data = get(client, "signatories", locale="fr")

        assert data["count"] == 2
        lyon_item, nice_item = data["results"]
        assert lyon_item["id"] == french.pk
        assert lyon_item["introduction"] == "Lyon a signé le Pacte."
        assert (lyon_item["served_locale"], lyon_item["fallback"]) == ("fr", False)
        assert lyon_item["url"] == "http://testserver/fr/participants/lyon/"
        assert lyon_item["translations"] == {
            "en": "http://testserver/en/participants/lyon/",
            "fr": "http://testserver/fr/participants/lyon/",
        }
        assert (nice_item["locale"], nice_item["served_locale"]) == ("fr", "en")
        assert nice_item["fallback"] is True
        assert nice_item["url"] == "http://testserver/fr/participants/nice/"  # as the site
        assert nice_item["translations"] == {"en": "http://testserver/en/participants/nice/"}

    def test_default_locale_is_the_sites(self, client, lyon_in_french):
        lyon, _ = lyon_in_french

        data = get(client, "signatories")

        assert [item["id"] for item in data["results"]][0] == lyon.pk
        assert {item["locale"] for item in data["results"]} == {"en"}

    def test_a_language_without_content_falls_back(self, client, lyon_in_french):
        data = get(client, "signatories", locale="de")

        assert data["count"] == 2
        assert {(item["served_locale"], item["fallback"]) for item in data["results"]} == {
            ("en", True)
        }
        assert data["results"][0]["url"] == "http://testserver/de/participants/lyon/"
        assert data["results"][0]["type_label"] == "Stadt oder Gemeinde"

    def test_detail_in_a_locale(self, client, lyon_in_french):
        lyon, french = lyon_in_french

        assert get(client, f"signatories/{lyon.pk}")["id"] == lyon.pk  # its own language
        assert get(client, f"signatories/{french.pk}")["served_locale"] == "fr"
        assert get(client, f"signatories/{lyon.pk}", locale="fr")["id"] == french.pk
        assert get(client, "signatories/by-slug/lyon", locale="fr")["id"] == french.pk
        assert get(client, "signatories/by-slug/lyon")["id"] == lyon.pk
        nice = get(client, "signatories/by-slug/nice", locale="fr")
        assert (nice["served_locale"], nice["fallback"]) == ("en", True)

    def test_unknown_locale(self, client, lyon_in_french):
        data = get(client, "signatories", expect=400, locale="xx")

        assert data["errors"][0]["parameter"] == "locale"


# --- Privacy ---------------------------------------------------------------------------------


@pytest.fixture
def hidden(directory, signatory, initiative):
    """Pages no reader may see, each with "Hidden" in its title, and a visible pair."""
    draft = SignatoryPageFactory(parent=directory, title="Hidden draft", slug="draft", live=False)
    unpublished = SignatoryPageFactory(parent=directory, title="Hidden gone", slug="gone")
    InitiativePageFactory(parent=unpublished, title="Hidden orphan", tags=["orphan"])
    unpublished.unpublish()
    private = SignatoryPageFactory(parent=directory, title="Hidden private", slug="private")
    InitiativePageFactory(parent=private, title="Hidden private story", tags=["secret"])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    draft_story = InitiativePageFactory(
        parent=signatory, title="Hidden draft story", slug="draft-story", live=False
    )
    # A draft revision of a live page: its new words must not appear anywhere.
    initiative.title = "Hidden revision"
    initiative.summary = "Zanzibarwords"
    initiative.save_revision()
    return {"draft": draft, "unpublished": unpublished, "private": private, "story": draft_story}


class TestPrivacy:
    LISTS = ["signatories", "initiatives", "map.geojson", "pillars", "countries", "tags", "stats"]

    @pytest.mark.parametrize("path", LISTS)
    def test_nothing_hidden_in_lists(self, client, hidden, path):
        content = client.get(f"{API}/{path}").content.decode()

        assert "Hidden" not in content
        assert "orphan" not in content and "secret" not in content

    def test_counts_ignore_hidden_pages(self, client, hidden):
        assert get(client, "signatories")["count"] == 1
        assert get(client, "initiatives")["count"] == 1
        assert get(client, "stats")["signatories"] == 1
        assert get(client, "stats")["initiatives"] == 1
        assert sum(row["initiative_count"] for row in get(client, "countries")) == 1
        assert get(client, "pillars")[0]["initiative_count"] == 1
        assert get(client, "signatories")["results"][0]["initiative_count"] == 1

    def test_details_are_not_found(self, client, hidden):
        for page in (hidden["draft"], hidden["unpublished"], hidden["private"]):
            assert client.get(f"{API}/signatories/{page.pk}").status_code == 404
            assert client.get(f"{API}/signatories/by-slug/{page.slug}").status_code == 404
        children = [hidden["story"], *hidden["unpublished"].get_children()]
        children += list(hidden["private"].get_children())
        for page in children:
            response = client.get(f"{API}/initiatives/{page.pk}")
            assert response.status_code == 404
            assert response["Content-Type"] == "application/problem+json"

    def test_search_finds_no_draft(self, client, hidden):
        assert get(client, "initiatives", q="Zanzibarwords")["count"] == 0
        assert get(client, "signatories", q="Hidden")["count"] == 0
        assert get(client, "initiatives", q="Hidden")["count"] == 0

    def test_a_private_translation_closes_its_whole_family(self, client, signatory, fr_locale):
        """A password on the French page is the English page's too (pact_pages.trust.
        privacy_sync): neither is listed nor offered as a translation."""
        french = signatory.copy_for_translation(fr_locale, copy_parents=True)
        french.save_revision().publish()
        assert list(get(client, "signatories")["results"][0]["translations"]) == ["en", "fr"]
        PageViewRestriction.objects.create(
            page=french, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )

        assert get(client, "signatories")["count"] == 0
        assert get(client, "signatories", locale="fr")["count"] == 0


class TestContact:
    @pytest.fixture
    def contacts(self, directory):
        details = {"contact_person": "Marie Curie", "contact_email": "marie@example.org"}
        return (
            SignatoryPageFactory(parent=directory, title="Open", contact_public=True, **details),
            SignatoryPageFactory(parent=directory, title="Closed", **details),
        )

    def test_only_public_contacts(self, client, contacts):
        opened, closed = contacts

        listed = {item["title"]: item for item in get(client, "signatories")["results"]}

        assert listed["Open"]["contact"] == {"person": "Marie Curie", "email": "marie@example.org"}
        assert listed["Closed"]["contact"] is None
        assert get(client, f"signatories/{closed.pk}")["contact"] is None
        assert get(client, f"signatories/{opened.pk}")["contact"]["person"] == "Marie Curie"

    @pytest.mark.parametrize("path", ["map.geojson", "initiatives", "stats", "countries"])
    def test_nowhere_else(self, client, contacts, path):
        InitiativePageFactory(parent=contacts[1])

        assert "marie" not in client.get(f"{API}/{path}").content.decode().lower()

    def test_not_searchable(self, client, contacts):
        assert get(client, "signatories", q="Curie")["results"] == []


# --- Errors ----------------------------------------------------------------------------------


class TestErrors:
    @pytest.mark.parametrize(
        "path, parameter",
        [
            ("signatories?country=XX", "country"),
            ("signatories?country=fr", "country"),
            ("signatories?type=city", "type"),
            ("signatories?pillar=peace", "pillar"),
            ("signatories?ordering=size", "ordering"),
            ("signatories?signed_after=yesterday", "signed_after"),
            ("signatories?signed_before=2024-13-01", "signed_before"),
            ("signatories?bbox=1,2,3", "bbox"),
            ("signatories?bbox=a,b,c,d", "bbox"),
            ("signatories?bbox=0,0,200,10", "bbox"),
            ("signatories?bbox=0,50,10,40", "bbox"),
            ("signatories?bbox=nan,0,1,1", "bbox"),
            ("signatories?q=", "q"),
            ("signatories?q=a%00b", "q"),
            ("signatories?locale=xx", "locale"),
            ("initiatives?status=done", "status"),
            ("initiatives?signatory=abc", "signatory"),
            ("initiatives?signatory=0", "signatory"),
            ("initiatives?signatory=99999999999999999999", "signatory"),
            ("initiatives?tag=a%20b", "tag"),
            ("initiatives?updated_since=soon", "updated_since"),
            ("initiatives?updated_since=0001-01-01T00:00:00", "updated_since"),
            ("initiatives?updated_since=9999-12-31T23:59:59%2B01:00", "updated_since"),
            ("initiatives?ordering=random", "ordering"),
            ("initiatives?offset=99999999999999999999", "offset"),
            ("signatories/abc", "signatory_id"),
            ("signatories/0", "signatory_id"),
            ("signatories/99999999999999999999", "signatory_id"),
            ("initiatives/-3", "initiative_id"),
            ("signatories/by-slug/a%20b", "slug"),
            ("map.geojson?bbox=x", "bbox"),
            ("countries?include_empty=maybe", "include_empty"),
            ("pillars?locale=zz", "locale"),
            ("tags?locale=zz", "locale"),
            ("stats?locale=zz", "locale"),
        ],
    )
    def test_bad_parameter_is_a_400_naming_it(self, client, signatory, path, parameter):
        response = client.get(f"{API}/{path}")

        assert response.status_code == 400
        assert response["Content-Type"] == "application/problem+json"
        data = response.json()
        assert set(data) == {"type", "title", "status", "detail", "errors"}
        assert data["status"] == 400
        assert parameter in [error["parameter"] for error in data["errors"]]
        assert all(error["message"] for error in data["errors"])

    @pytest.mark.parametrize(
        "path",
        ["signatories/999999", "initiatives/999999", "signatories/by-slug/nobody", "nothing-here"],
    )
    def test_unknown_is_a_json_404(self, client, signatory, path):
        response = client.get(f"{API}/{path}")

        assert response.status_code == 404
        assert response.json()["status"] == 404

    @pytest.mark.parametrize("query", ['"', "AND", "(*", "-", "NEAR(a b)", "^", "'", "a:b", "\\"])
    def test_search_syntax_is_never_an_error(self, client, signatory, query):
        assert client.get(f"{API}/signatories", {"q": query}).status_code == 200
        assert client.get(f"{API}/initiatives", {"q": query}).status_code == 200

    @pytest.mark.parametrize(
        "path",
        [
            "signatories?signed_after=0001-01-01&signed_before=9999-12-31",
            "signatories?offset=1000000000",
            "signatories?bbox=-180,-90,180,90",
            "signatories?country=FR&country=FR",
            "initiatives?updated_since=1900-01-01T00:00:00Z",
            "initiatives?signatory=2147483647",
            "signatories/2147483647",
            "signatories/by-slug/%C3%A9t%C3%A9",
        ],
    )
    def test_extreme_valid_values_are_not_errors(self, client, initiative, path):
        assert client.get(f"{API}/{path}").status_code in (200, 404)

    def test_an_initiative_id_is_not_a_signatory(self, client, initiative):
        assert client.get(f"{API}/signatories/{initiative.pk}").status_code == 404


def test_publishing_a_translation_shows_it(client, directory, fr_locale):
    page = SignatoryPageFactory(parent=directory, title="Metz", slug="metz")
    french = page.copy_for_translation(fr_locale, copy_parents=True)
    french.title = "Metz (FR)"
    publish(french)

    assert titles(get(client, "signatories", locale="fr")) == ["Metz (FR)"]
