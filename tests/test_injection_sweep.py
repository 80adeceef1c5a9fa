"""Issue 8: script and template payloads in every text field an editor or the public can write.

(The sweep itself follows; first, the defects it found.)
"""

import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from pact_pages.models import SignatoryAccess, SignupRequest
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db

ADMIN_PASSWORD = "staff-sweep-2026"


def test_a_long_name_fits_the_signatory_group_and_collection(client, directory):
    """Regression: approving a request named with more than 139 characters answered 500 on
    PostgreSQL, whose auth_group.name holds 150 (a request name holds 200, a page title 255);
    and a second signatory of the same name and country (two Saint-Denis) answered 500 on
    every database: it was given the first one's collection, which is one-to-one."""
    staff = get_user_model().objects.create_superuser("long-staff", "", ADMIN_PASSWORD)
    client.force_login(staff)
    for number in range(2):
        signup = SignupRequest.objects.create(
            name="Communauté d'agglomération " + "très longue " * 14 + "x" * 5,
            signatory_type="association",
            country="FR",
            place="Ville",
            contact_person="Camille Martin",
            email=f"camille{number}@example.org",
            role="Mayor",
            accepted_pact=True,
            accepted_privacy=True,
        )
        assert len(signup.name) == 200
        review = reverse("pact_signups:review", args=[signup.pk])
        assert client.post(review, {"action": "approve"}).status_code == 302
        signup.refresh_from_db()
        grant = SignatoryAccess.objects.get(translation_key=signup.signatory.translation_key)
        assert len(grant.group.name) <= 150 and grant.group.name.startswith("Signatory: ")
        assert len(grant.collection.name) <= 255 and " (FR" in grant.collection.name
    assert SignatoryAccess.objects.values("group__name").distinct().count() == 2
    assert SignatoryAccess.objects.values("collection").distinct().count() == 2


def test_feed_summaries_reach_feed_readers_as_text(client, library, signatory):
    """Regression: an initiative's summary is plain text, but RSS descriptions and Atom
    summaries (type="html") are HTML to feed readers: a summary holding markup ran in them."""
    InitiativePageFactory(
        parent=signatory, summary="<script>alert(1)</script> Parks & <b>schools</b>'"
    )
    rss = ET.fromstring(client.get("/en/feeds/initiatives.rss").content)
    atom = ET.fromstring(client.get("/en/feeds/initiatives.atom").content)
    atom_summary = atom.find(
        "{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}summary"
    )
    for description in (rss.find("channel/item/description").text, atom_summary.text):
        assert (
            description
            == "&lt;script&gt;alert(1)&lt;/script&gt; Parks &amp; &lt;b&gt;schools&lt;/b&gt;'"
        )
