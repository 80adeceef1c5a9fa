"""The four Ps: seeded by the migrations, editable in the admin by staff with the right."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from pact_pages.models import Pillar
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.pillars.models import PILLAR_SLUGS
from tests.factories import pillar

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailsnippets_pact_pages_pillar:list")


def edit_url(p: Pillar) -> str:
    return reverse("wagtailsnippets_pact_pages_pillar:edit", args=[p.pk])


def staff_user(django_user_model, username, *permissions):
    user = django_user_model.objects.create_user(username, f"{username}@example.org", "pw")
    for codename in ("access_admin", *permissions):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


@pytest.fixture
def admin_only(client, django_user_model):
    """A staff member who may open the admin and nothing more."""
    client.force_login(staff_user(django_user_model, "newcomer"))
    return client


@pytest.fixture
def moderator(client, django_user_model):
    """A Congress moderator (not a superuser): the group has ``change_pillar``."""
    user = staff_user(django_user_model, "moderator")
    group = setup_moderation().group
    user.groups.add(group)
    assert not user.is_superuser
    assert group.permissions.filter(codename="change_pillar").exists()
    client.force_login(user)
    return client


def test_the_four_ps_are_seeded_in_order():
    pillars = list(Pillar.objects.filter(locale__language_code="en").in_order())

    assert [p.slug for p in pillars] == list(PILLAR_SLUGS)
    assert [p.name for p in pillars] == ["Prevention", "Protection", "Prosecution", "Participation"]
    for p in pillars:
        assert p.description
        assert len(p.colour) == 7 and p.colour.startswith("#")
        p.full_clean()


def test_every_p_has_its_own_colour():
    colours = Pillar.objects.values_list("colour", flat=True)

    assert len(set(colours)) == len(PILLAR_SLUGS)


def test_superuser_sees_the_listing(admin_client):
    response = admin_client.get(LISTING)

    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Prevention", "Protection", "Prosecution", "Participation"):
        assert name in html


def test_staff_without_the_right_cannot_list_the_ps(admin_only):
    response = admin_only.get(LISTING)

    # Wagtail 8 sends a logged-in user without the right back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def test_staff_without_the_right_cannot_edit_a_p(admin_only):
    prevention = pillar("prevention")

    response = admin_only.post(
        edit_url(prevention),
        {"name": "Hacked", "description": prevention.description, "colour": "#000000"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    prevention.refresh_from_db()
    assert prevention.name == "Prevention"
    assert prevention.colour != "#000000"


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(LISTING)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_moderator_changes_the_colour_of_a_p(moderator):
    protection = pillar("protection")

    response = moderator.post(
        edit_url(protection),
        {"name": "Protection", "description": protection.description, "colour": "#0b4f8a"},
    )

    assert response.status_code == 302
    protection.refresh_from_db()
    assert protection.colour == "#0b4f8a"
    assert protection.slug == "protection"  # not editable: addresses and the API use it


def test_a_colour_must_be_a_hex_code(moderator):
    protection = pillar("protection")
    before = protection.colour

    response = moderator.post(
        edit_url(protection),
        {"name": "Protection", "description": protection.description, "colour": "red"},
    )

    assert response.status_code == 200
    assert response.context["form"].errors["colour"] == [
        "Enter a colour as # followed by six hexadecimal digits."
    ]
    protection.refresh_from_db()
    assert protection.colour == before


def test_the_edit_form_does_not_offer_the_slug(moderator):
    response = moderator.get(edit_url(pillar("prosecution")))

    assert response.status_code == 200
    assert set(response.context["form"].fields) >= {"name", "description", "colour"}
    assert "slug" not in response.context["form"].fields
