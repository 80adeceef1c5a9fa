"""Joining the Pact, end to end: form → approval → invitation → password → edit → moderation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page, WorkflowState

from pact_pages.models import SignatoryAccess, SignatoryPage, SignupRequest
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.onboarding.decisions import OnboardingError, approve
from pact_pages.signatories import access
from tests.factories import ImageFactory, SignatoryIndexPageFactory, SignatoryPageFactory

pytestmark = pytest.mark.django_db

JOIN_DATA = {
    "name": "Ville de Namur",
    "signatory_type": "town",
    "country": "BE",
    "place": "Namur",
    "contact_person": "Julie Lambert",
    "email": "julie.lambert@namur.example.org",
    "role": "Alderwoman for youth",
    "commitment_prevention": "Body-safety lessons in every school.",
    "accepted_pact": "on",
    "accepted_privacy": "on",
}


@pytest.fixture
def moderator(directory):
    user = get_user_model().objects.create_user("moderator", "mod@example.org", "pw-moderator-1")
    user.groups.add(setup_moderation().group)
    return user


def _signup(**changes) -> SignupRequest:
    fields = {key: value for key, value in JOIN_DATA.items() if not key.startswith("accepted")}
    fields.update(changes)
    return SignupRequest.objects.create(**fields, accepted_pact=True, accepted_privacy=True)


class TestJoinForm:
    def test_a_valid_request_is_stored_and_acknowledged(self, client, join_page):
        response = client.post(join_page.url, JOIN_DATA)

        assert response.status_code == 302
        assert response["Location"].endswith("?sent=1")
        signup = SignupRequest.objects.get()
        assert (signup.name, signup.country, signup.status) == ("Ville de Namur", "BE", "pending")
        assert signup.commitment_prevention == "Body-safety lessons in every school."
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["julie.lambert@namur.example.org"]
        assert "Ville de Namur" in mail.outbox[0].body
        assert "Thank you" in client.get(response["Location"]).content.decode()

    def test_errors_are_clear_and_nothing_entered_is_lost(self, client, join_page):
        data = {**JOIN_DATA, "email": "not-an-address", "accepted_privacy": ""}

        response = client.post(join_page.url, data)

        html = response.content.decode()
        assert response.status_code == 400
        assert "Enter a valid email address." in html
        assert "Please accept the privacy notice." in html
        assert 'value="Ville de Namur"' in html
        assert "Body-safety lessons in every school." in html
        assert not SignupRequest.objects.exists()
        assert mail.outbox == []

    def test_a_country_outside_the_council_of_europe_is_refused(self, client, join_page):
        response = client.post(join_page.url, {**JOIN_DATA, "country": "US"})

        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()

    @pytest.mark.parametrize("email", ["a@\u200fnamur.example", "a@" + "ü" * 63 + ".example"])
    def test_an_address_no_mail_can_reach_is_refused(self, client, join_page, email):
        # Found by tests/test_form_fuzz.py: Django's validator takes these domains, but IDNA
        # cannot encode them, so the acknowledgement was never sent after "Thank you".
        response = client.post(join_page.url, {**JOIN_DATA, "email": email})

        assert response.status_code == 400
        assert response.content.decode().count("Enter a valid email address.") == 2
        assert not SignupRequest.objects.exists() and mail.outbox == []

    def test_the_honeypot_stores_nothing(self, client, join_page):
        response = client.post(join_page.url, {**JOIN_DATA, "website_url": "http://spam"})

        assert response.status_code == 302
        assert not SignupRequest.objects.exists()
        assert mail.outbox == []

    def test_too_many_requests_are_refused_with_the_data_kept(self, client, join_page, settings):
        settings.PACT_JOIN_RATE_LIMIT = (2, 3600)
        for number in range(2):
            client.post(join_page.url, {**JOIN_DATA, "email": f"a{number}@example.org"})

        response = client.post(join_page.url, {**JOIN_DATA, "email": "third@example.org"})

        assert response.status_code == 429
        assert "Too many requests" in response.content.decode()
        assert "third@example.org" in response.content.decode()
        assert SignupRequest.objects.count() == 2


class TestApproval:
    def test_approval_creates_page_account_group_and_collection(self, directory, moderator):
        signup = _signup()

        with_commit = approve(signup, by=moderator)

        page = with_commit.signatory
        assert page.get_parent().pk == directory.pk
        assert not page.live and page.has_unpublished_changes
        assert (page.title, page.country, page.contact_email) == (
            "Ville de Namur",
            "BE",
            "julie.lambert@namur.example.org",
        )
        user = with_commit.user
        assert with_commit.new_account and not user.has_usable_password()
        signatory_access = SignatoryAccess.objects.get(translation_key=page.translation_key)
        assert user.groups.filter(pk=signatory_access.group_id).exists()
        assert signatory_access.collection.name == "Ville de Namur (BE)"
        assert set(
            GroupPagePermission.objects.filter(group=signatory_access.group).values_list(
                "page_id", "permission__codename"
            )
        ) == {(page.pk, "add_page"), (page.pk, "change_page")}
        signup.refresh_from_db()
        assert (signup.status, signup.signatory_id, signup.decided_by) == (
            "approved",
            page.pk,
            moderator,
        )

    def test_a_request_cannot_be_approved_twice(self, directory, moderator):
        signup = _signup()
        approve(signup, by=moderator)

        with pytest.raises(OnboardingError, match="already Approved"):
            approve(signup, by=moderator)
        assert SignatoryPage.objects.count() == 1

    def test_an_existing_account_is_bound_only_through_the_mailed_link(
        self, client, directory, moderator, django_capture_on_commit_callbacks
    ):
        """An account with the same address is not bound by the match (issue 14): the
        address receives a link that its owner follows, signed in (tests/test_people_boundary.py
        has the takeover this prevents)."""
        person = get_user_model().objects.create_user(
            "julie", "Julie.Lambert@namur.example.org", "her-own-password"
        )
        first = SignatoryPageFactory(parent=directory, title="Namur (first)")
        access.grant(person, first)  # one person may edit several signatories

        with django_capture_on_commit_callbacks(execute=True):
            result = approve(_signup(), by=moderator)

        assert result.user is None and not result.new_account
        assert [page.pk for page in access.signatories_of(person)] == [first.pk]
        invitation = mail.outbox[-1]
        assert "/password_reset/" not in invitation.body
        link = re.search(r"http://testserver(/admin/pact/claim/\S+/)", invitation.body)[1]
        client.force_login(person)
        assert client.post(link).status_code == 302
        assert {page.pk for page in access.signatories_of(person)} == {
            first.pk,
            result.signatory.pk,
        }
        assert person.check_password("her-own-password")
        assert client.post(link).status_code == 400  # once only

    def test_failure_midway_leaves_nothing_behind(self, directory, moderator, monkeypatch):
        def broken(user, signatory):
            raise RuntimeError("mail server on fire")

        monkeypatch.setattr(access, "grant", broken)

        with pytest.raises(RuntimeError):
            approve(_signup(), by=moderator)

        assert not SignatoryPage.objects.exists()
        assert not get_user_model().objects.filter(email__startswith="julie").exists()
        assert SignupRequest.objects.get().status == "pending"

    def test_rejection_needs_a_reason_and_mails_it(
        self, client, directory, moderator, django_capture_on_commit_callbacks
    ):
        signup = _signup()
        client.force_login(moderator)
        url = reverse("pact_signups:review", args=[signup.pk])

        empty = client.post(url, {"action": "reject", "reason": "  "})
        assert empty.status_code == 400
        assert "This field is required." in empty.content.decode()

        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"action": "reject", "reason": "Please apply through your region."})

        signup.refresh_from_db()
        assert signup.status == "rejected"
        assert "Please apply through your region." in mail.outbox[-1].body

    def test_only_reviewers_reach_the_review_screen(self, client, directory, moderator):
        signup = _signup()
        editor = get_user_model().objects.create_user("editor", "e@example.org", "pw")
        access.grant(editor, SignatoryPageFactory(parent=directory))
        client.force_login(editor)

        for url in (
            reverse("pact_signups:review", args=[signup.pk]),
            reverse("pact_signups:index"),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403)
        response = client.post(
            reverse("pact_signups:review", args=[signup.pk]), {"action": "approve"}
        )
        assert response.status_code in (302, 403)
        assert SignupRequest.objects.get().status == "pending"


def _edit_form(page: SignatoryPage, **changes) -> dict:
    data = {
        "title": page.title,
        "slug": page.slug,
        "official_name": page.official_name,
        "signatory_type": page.signatory_type,
        "country": page.country,
        "signed_on": page.signed_on.isoformat(),
        "introduction": page.introduction,
        "commitment_prevention": page.commitment_prevention,
        "commitment_protection": "",
        "commitment_prosecution": "",
        "commitment_participation": "",
        "body-count": "0",
        "latitude": "50.4674",
        "longitude": "4.8720",
        "population": "",
        "website": "",
        "contact_person": page.contact_person,
        "contact_email": page.contact_email,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_join_approve_invite_edit_moderate_publish(
    client, join_page, directory, moderator, django_capture_on_commit_callbacks
):
    """The whole journey of a new signatory, as people do it, with the test client."""
    client.post(join_page.url, JOIN_DATA)
    signup = SignupRequest.objects.get()

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("pact_signups:review", args=[signup.pk]), {"action": "approve"}
        )
    page = SignatoryPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.logout()

    invitation = mail.outbox[-1]
    assert invitation.to == [JOIN_DATA["email"]]
    link = re.search(r"http://testserver(/admin/password_reset/confirm/\S+)", invitation.body)[1]
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url, {"new_password1": "Namur-safe-2026!", "new_password2": "Namur-safe-2026!"}
    )
    assert response.status_code == 302
    # The link works once: now it no longer offers to set a password.
    assert "new_password1" not in client.get(link, follow=True).content.decode()

    username = get_user_model().objects.get(email=JOIN_DATA["email"]).username
    assert client.login(username=username, password="Namur-safe-2026!")
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edit_url,
            _edit_form(
                page, introduction="Namur keeps every child safe.", **{"action-submit": "1"}
            ),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert any(moderator.email in message.to for message in mail.outbox)
    assert client.get("/en/participants/ville-de-namur/").status_code == 404
    client.logout()

    client.force_login(moderator)
    task_state = state.current_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
            {"comment": "Welcome!"},
        )
    assert response.status_code in (200, 302)
    client.logout()

    page.refresh_from_db()
    assert page.live
    public = client.get(page.url)
    assert public.status_code == 200
    assert "Namur keeps every child safe." in public.content.decode()
    assert JOIN_DATA["email"] not in public.content.decode()


class TestAccessUpkeep:
    def test_a_translation_gets_the_group_rights(self, directory, fr_locale):
        page = SignatoryPageFactory(parent=directory)
        signatory_access = access.ensure_access(page)

        french = page.copy_for_translation(fr_locale, copy_parents=True)

        pages = set(
            GroupPagePermission.objects.filter(group=signatory_access.group).values_list(
                "page_id", flat=True
            )
        )
        assert pages == {page.pk, french.pk}

    def test_trusted_signatories_may_publish(self, directory):
        page = SignatoryPageFactory(parent=directory)
        signatory_access = access.ensure_access(page)

        signatory_access.can_publish = True
        signatory_access.save()
        codenames = set(
            GroupPagePermission.objects.filter(group=signatory_access.group).values_list(
                "permission__codename", flat=True
            )
        )
        assert codenames == {"add_page", "change_page", "publish_page"}

        signatory_access.can_publish = False
        signatory_access.save()
        assert not GroupPagePermission.objects.filter(
            group=signatory_access.group, permission__codename="publish_page"
        ).exists()

    def test_deleting_a_signatory_removes_group_and_keeps_its_media(
        self, directory, django_capture_on_commit_callbacks
    ):
        page = SignatoryPageFactory(parent=directory)
        signatory_access = access.ensure_access(page)
        group_id, collection_id = signatory_access.group_id, signatory_access.collection_id
        image = ImageFactory(collection=signatory_access.collection)

        with django_capture_on_commit_callbacks(execute=True):
            Page.objects.get(pk=page.pk).delete()

        assert not SignatoryAccess.objects.exists()
        assert not Group.objects.filter(pk=group_id).exists()
        assert not Collection.objects.filter(pk=collection_id).exists()
        image = get_image_model().objects.get(pk=image.pk)
        assert image.collection.name == "Former signatories"

    def test_a_move_keeps_the_rights(self, home_page, directory):
        page = SignatoryPageFactory(parent=directory)
        editor = get_user_model().objects.create_user("mover", "m@example.org", "pw")
        access.grant(editor, page)
        other_directory = SignatoryIndexPageFactory(parent=home_page, slug="elsewhere")

        page.move(other_directory, pos="last-child")

        page.refresh_from_db()
        assert page.permissions_for_user(editor).can_edit()


class TestAccessCommand:
    def test_grant_list_revoke(self, directory, capsys):
        page = SignatoryPageFactory(parent=directory, slug="namur")
        person = get_user_model().objects.create_user("julie", "julie@example.org", "pw")

        call_command("signatory_access", "grant", "julie@example.org", "namur")
        assert page.permissions_for_user(person).can_edit()
        call_command("signatory_access", "list", "julie")
        assert page.title in capsys.readouterr().out
        call_command("signatory_access", "revoke", "julie", str(page.pk))
        person = get_user_model().objects.get(pk=person.pk)
        assert not page.permissions_for_user(person).can_edit()

    def test_unknown_names_give_a_clear_error(self, directory):
        from django.core.management import CommandError

        get_user_model().objects.create_user("julie", "julie@example.org", "pw")
        with pytest.raises(CommandError, match="No signatory"):
            call_command("signatory_access", "grant", "julie", "atlantis")
        with pytest.raises(CommandError, match="No single user"):
            call_command("signatory_access", "grant", "nobody", "atlantis")
