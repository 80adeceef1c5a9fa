"""What editors cannot save: impossible places and dates, initiatives without a P."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils import WagtailTestUtils
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from pact_pages.models import InitiativePage
from pact_pages.pillars.models import PILLAR_SLUGS
from tests.factories import pillar

pytestmark = pytest.mark.django_db


def errors_of(page) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as raised:
        page.full_clean()
    return raised.value.message_dict


class TestSignatoryPage:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("latitude", Decimal("91")),
            ("latitude", Decimal("-91")),
            ("longitude", Decimal("181")),
            ("longitude", Decimal("-181")),
        ],
    )
    def test_coordinates_out_of_range(self, signatory, field, value):
        setattr(signatory, field, value)

        assert list(errors_of(signatory)) == [field]

    @pytest.mark.parametrize("missing", ["latitude", "longitude"])
    def test_only_one_coordinate(self, signatory, missing):
        setattr(signatory, missing, None)

        errors = errors_of(signatory)

        assert errors == {missing: ["Give both latitude and longitude, or neither."]}

    def test_signed_in_the_future(self, signatory):
        signatory.signed_on = datetime.date.today() + datetime.timedelta(days=1)

        assert errors_of(signatory) == {
            "signed_on": ["The date of signature cannot be in the future."]
        }

    @pytest.mark.parametrize(
        ("latitude", "longitude"),
        [
            (Decimal("90"), Decimal("180")),
            (Decimal("-90"), Decimal("-180")),
            (Decimal("41.385100"), Decimal("2.173400")),
            (None, None),
        ],
    )
    def test_valid_places(self, signatory, latitude, longitude):
        signatory.latitude, signatory.longitude = latitude, longitude
        signatory.signed_on = datetime.date.today()

        signatory.full_clean()


class TestInitiativeDates:
    def test_end_before_start(self, initiative):
        initiative.start_date = datetime.date(2024, 5, 2)
        initiative.end_date = datetime.date(2024, 5, 1)

        assert errors_of(initiative) == {
            "end_date": ["The end date cannot be before the start date."]
        }

    def test_one_day_initiative(self, initiative):
        initiative.start_date = initiative.end_date = datetime.date(2024, 5, 2)

        initiative.full_clean()

    def test_open_ended_initiative(self, initiative):
        initiative.start_date = datetime.date(2024, 5, 2)
        initiative.end_date = None

        initiative.full_clean()


class TestInitiativeCreateForm(WagtailTestUtils):
    """The admin's create form, posted as an editor's browser would post it."""

    @staticmethod
    def url(signatory) -> str:
        return reverse(
            "wagtailadmin_pages:add", args=["pact_pages", "initiativepage", signatory.pk]
        )

    @staticmethod
    def post_data(pillars, **fields) -> dict:
        data = {
            "title": "Kiko and the Hand in schools",
            "slug": "kiko-in-schools",
            "summary": "Teachers read the Underwear Rule with pupils of every primary school.",
            "status": "ongoing",
            "start_date": "2024-09-01",
            "end_date": "",
            "target_groups": "",
            "partners": "",
            "results": "",
            "tags": "schools, awareness",
            "body": streamfield([]),
            "pillar_links": inline_formset(
                [{"pillar": p.pk, "ORDER": order} for order, p in enumerate(pillars)],
                min=1,
                max=4,
            ),
            "action-publish": "action-publish",
        }
        data.update(fields)
        return nested_form_data(data)

    def test_without_any_p_is_refused(self, admin_client, signatory):
        response = admin_client.post(self.url(signatory), self.post_data([]))

        assert response.status_code == 200
        formset = response.context["form"].formsets["pillar_links"]
        assert formset.non_form_errors() == ["Please submit at least 1 form."]
        html = response.content.decode()
        assert "The page could not be created due to validation errors" in html
        # The message shows inside "The four Ps" panel, where the editor adds a P.
        panel = self.get_soup(html).select_one("#panel-child-content-the_four_ps-content")
        error = panel.select_one(".error-message")
        assert error.get_text(strip=True) == "Please submit at least 1 form."
        assert not InitiativePage.objects.filter(slug="kiko-in-schools").exists()

    def test_with_one_p_is_published(self, admin_client, signatory):
        response = admin_client.post(self.url(signatory), self.post_data([pillar("prevention")]))

        assert response.status_code == 302
        page = InitiativePage.objects.child_of(signatory).get(slug="kiko-in-schools")
        assert page.live
        assert [link.pillar.slug for link in page.pillar_links.all()] == ["prevention"]
        assert sorted(page.tags.names()) == ["awareness", "schools"]

    def test_with_all_four_ps_is_published(self, admin_client, signatory):
        four = [pillar(slug) for slug in PILLAR_SLUGS]

        response = admin_client.post(self.url(signatory), self.post_data(four))

        assert response.status_code == 302
        page = InitiativePage.objects.get(slug="kiko-in-schools")
        assert page.pillar_links.count() == 4

    def test_same_p_twice_is_refused(self, admin_client, signatory):
        prevention = pillar("prevention")

        response = admin_client.post(self.url(signatory), self.post_data([prevention, prevention]))

        assert response.status_code == 200
        assert response.context["form"].non_field_errors() == ["Each P can be chosen only once."]
        assert "Each P can be chosen only once." in response.content.decode()
        assert not InitiativePage.objects.filter(slug="kiko-in-schools").exists()

    def test_end_date_before_start_date_is_refused(self, admin_client, signatory):
        data = self.post_data(
            [pillar("protection")], start_date="2024-09-01", end_date="2024-08-31"
        )

        response = admin_client.post(self.url(signatory), data)

        assert response.status_code == 200
        assert response.context["form"].errors["end_date"] == [
            "The end date cannot be before the start date."
        ]
        assert not InitiativePage.objects.filter(slug="kiko-in-schools").exists()

    def test_p_choices_are_those_of_the_page_locale(self, admin_client, signatory, fr_pillar):
        response = admin_client.get(self.url(signatory))

        assert response.status_code == 200
        assert "Prévention" not in response.content.decode()
        # The P is picked with Wagtail's snippet chooser; the form field behind it (used for
        # every P row, including the template row "Add P" clones) accepts English Ps only.
        formset = response.context["form"].formsets["pillar_links"]
        for form in [*formset.forms, formset.empty_form]:
            offered = [p.name for p in form.fields["pillar"].queryset]
            assert offered == ["Prevention", "Protection", "Prosecution", "Participation"]

    def test_p_chooser_opened_from_an_english_page_lists_english_ps(self, admin_client, fr_pillar):
        # The editor's chooser modal asks for the page's locale (?locale=en).
        url = reverse("wagtailsnippetchoosers_pact_pages_pillar:choose")

        every_locale = admin_client.get(url).json()["html"]
        english = admin_client.get(url, {"locale": "en"}).json()["html"]

        assert "Prévention" in every_locale
        assert "Prevention" in english
        assert "Prévention" not in english

    def test_p_of_another_locale_is_refused(self, admin_client, signatory, fr_pillar):
        response = admin_client.post(self.url(signatory), self.post_data([fr_pillar]))

        assert response.status_code == 200
        row = response.context["form"].formsets["pillar_links"].forms[0]
        assert "Select a valid choice" in row.errors["pillar"][0]
        assert not InitiativePage.objects.filter(slug="kiko-in-schools").exists()
