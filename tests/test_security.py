"""Security: sign-in lockout, passwords, two-factor sign-in, headers and CSP, rich text that
cannot carry script, upload limits, throttles, and the privacy commands (docs/security.md)."""

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from pact_pages.models import SignupRequest
from pact_pages.onboarding.models import SignupStatus

ADMIN_PASSWORD = "correct-horse-battery-2026"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    settings.AXES_ENABLED = True  # off in the test settings (client.login() has no request)


@pytest.fixture
def staff(db):
    return get_user_model().objects.create_user(
        "staffer", "staffer@example.org", ADMIN_PASSWORD, is_staff=True, is_superuser=True
    )


def sign_in(client, username="staffer", password=ADMIN_PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


# Sign-in lockout and passwords


class TestLockout:
    def test_a_user_name_is_locked_after_the_failure_limit_with_a_clear_page(
        self, client, staff, settings
    ):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            response = sign_in(client, password="wrong-password-123")
            assert response.status_code == 200  # the ordinary "wrong password" form
        response = sign_in(client, password="wrong-password-123")
        assert response.status_code == 429  # the last allowed failure locks the name
        response = sign_in(client)  # even the right password is refused now
        assert response.status_code == 429
        html = response.content.decode()
        assert "Too many failed sign-in attempts" in html
        assert "30 minutes" in html
        assert "_auth_user_id" not in client.session

    def test_other_user_names_are_not_locked(self, client, staff, settings):
        for _attempt in range(settings.AXES_FAILURE_LIMIT):
            sign_in(client, username="someone-else", password="wrong-password-123")
        response = sign_in(client)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(staff.pk)

    def test_nothing_about_attempts_is_stored_in_the_database(self, client, staff, settings):
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        for _attempt in range(settings.AXES_FAILURE_LIMIT + 1):
            sign_in(client, password="wrong-password-123")
        sign_in(client, username="someone-else", password="x")
        assert not AccessAttempt.objects.exists()
        assert not AccessLog.objects.exists()
        assert not AccessFailureLog.objects.exists()

    def test_password_reset_is_throttled(self, client, staff, settings):
        settings.PACT_PASSWORD_RESET_RATE_LIMIT = (2, 3600)
        for attempt in range(2):
            email = f"someone-{attempt}@example.org"
            response = client.post("/admin/password_reset/", {"email": email})
            assert response.status_code == 302
        response = client.post("/admin/password_reset/", {"email": "staffer@example.org"})
        assert response.status_code == 429
        assert "Too many requests" in response.content.decode()
        assert response["Retry-After"] == "3600"

    def test_a_stranger_cannot_keep_an_owner_from_resetting(self, client, staff, settings):
        """Past the mailbox's limit nothing more is mailed, and nobody is refused: the
        owner, from its own connection, is answered as usual (and holds the links sent)."""
        settings.PACT_PASSWORD_RESET_RATE_LIMIT = (2, 3600)
        for attempt in range(4):
            stranger = {"REMOTE_ADDR": f"203.0.113.{attempt + 1}"}
            response = client.post(
                "/admin/password_reset/", {"email": "Staffer+x@Example.org"}, **stranger
            )
            assert response.status_code == 302
        response = client.post(
            "/admin/password_reset/", {"email": "staffer@example.org"}, REMOTE_ADDR="198.51.100.7"
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_password_reset_done")
        assert len([m for m in mail.outbox if "staffer@example.org" in m.to]) <= 2


class TestPasswords:
    @pytest.mark.parametrize(
        "password, reason",
        [
            ("short-2026", "at least 12 characters"),
            ("123456789012345", "entirely numeric"),
            ("password1234", "too common"),
            ("staffer-example", "too similar"),
        ],
    )
    def test_weak_passwords_are_refused(self, staff, password, reason):
        with pytest.raises(ValidationError) as error:
            validate_password(password, user=staff)
        assert reason in " ".join(error.value.messages)

    def test_the_demo_passwords_pass(self, staff):
        for password in ("editor-pact-2026", "translator-pact-2026", "admin-pact-2026"):
            validate_password(password, user=staff)


# Two-factor sign-in


class TestTwoFactor:
    def test_without_a_device_the_password_is_enough(self, client, staff):
        sign_in(client)
        assert client.get("/admin/").status_code == 200

    def test_set_up_then_sign_in_needs_the_code(self, client, staff):
        sign_in(client)
        response = client.get("/admin/two-factor/")
        assert response.status_code == 200
        assert "<svg" in response.content.decode()  # the QR code
        device = TOTPDevice.objects.get(user=staff, confirmed=False)
        refused = client.post("/admin/two-factor/", {"otp_token": "000000"})
        assert refused.status_code == 400
        device.refresh_from_db()
        device.throttle_reset()  # the wrong code started django-otp's back-off
        response = client.post("/admin/two-factor/", {"otp_token": current_code(device)})
        assert response.status_code == 302
        device.refresh_from_db()
        assert device.confirmed

        client.post("/admin/logout/")
        response = sign_in(client)
        assert response.status_code == 302
        # The password alone opens nothing: every admin page asks for the code.
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/verify/")
        # The code used at set-up cannot be replayed within its 30-second window.
        replay = client.post("/admin/two-factor/verify/", {"otp_token": current_code(device)})
        assert replay.status_code == 400
        assert "not valid" in replay.content.decode()
        device.refresh_from_db()
        device.throttle_reset()  # the refusal above started django-otp's back-off
        device.last_t = -1  # as if the next 30-second window had come
        device.save()
        response = client.post(
            "/admin/two-factor/verify/",
            {"otp_token": current_code(device), "next": "/admin/pages/"},
        )
        assert response.status_code == 302
        assert response["Location"] == "/admin/pages/"
        assert client.get("/admin/pages/").status_code == 200

    def test_a_half_signed_in_user_is_anonymous_outside_the_admin(self, client, staff, home_page):
        TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
        sign_in(client)
        response = client.get(home_page.url)
        assert response.status_code == 200
        assert b"wagtail-userbar" not in response.content  # the userbar is for signed-in users

    def test_repeated_wrong_codes_are_throttled(self, client, staff):
        device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
        sign_in(client)
        client.post("/admin/two-factor/verify/", {"otp_token": "111111"})
        # Right after a failure the device refuses even the right code for a while.
        response = client.post("/admin/two-factor/verify/", {"otp_token": current_code(device)})
        assert response.status_code == 400

    def test_the_setting_makes_staff_set_it_up(self, client, staff, settings):
        settings.PACT_REQUIRE_2FA_FOR_STAFF = True
        sign_in(client)
        response = client.get("/admin/pages/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/two-factor/")
        assert client.get("/admin/two-factor/").status_code == 200

    def test_the_account_menu_links_to_it(self, client, staff):
        sign_in(client)
        assert "/admin/two-factor/" in client.get("/admin/account/").content.decode()


# Headers and Content-Security-Policy


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    return response["Content-Security-Policy"]


class TestHeaders:
    def test_public_pages_have_a_strict_policy(
        self, client, home_page, directory, signatory, initiative, library
    ):
        for page in (home_page, directory, signatory, initiative, library):
            response = client.get(page.url)
            assert response.status_code == 200, page.url
            policy = assert_security_headers(response)
            assert "default-src 'self'" in policy
            assert "object-src 'none'" in policy
            assert "frame-ancestors 'self'" in policy
            script_src = re.search(r"script-src ([^;]*)", policy).group(1)
            assert "'unsafe-inline'" not in script_src
            assert "'nonce-" in policy or "script-src 'self'" in policy
            assert "'unsafe-eval'" not in policy

    def test_api_responses_have_the_headers(self, client, signatory):
        response = client.get("/api/pact/v1/signatories")
        assert assert_security_headers(response)

    def test_admin_pages_have_their_policy(self, client, staff, home_page):
        sign_in(client)
        for url in ("/admin/", "/admin/pages/", f"/admin/pages/{home_page.pk}/edit/"):
            response = client.get(url)
            assert response.status_code == 200, url
            policy = assert_security_headers(response)
            assert "script-src 'self' 'unsafe-inline'" in policy
            assert "nonce-" not in policy  # a nonce would switch 'unsafe-inline' off
            assert "object-src 'none'" in policy
        login = client.get("/admin/login/")
        assert "Content-Security-Policy" in login

    def test_tile_server_and_media_host_are_allowed_images(self, client, home_page, settings):
        settings.PACT_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
        settings.MEDIA_URL = "https://media.example.net/pact/"
        policy = client.get(home_page.url)["Content-Security-Policy"]
        img_src = re.search(r"img-src ([^;]*)", policy).group(1)
        assert "https://tiles.example.org" in img_src
        assert "https://media.example.net" in img_src

    def test_without_a_tile_server_no_image_host_is_allowed(self, client, home_page, settings):
        settings.PACT_MAP_TILE_URL = ""
        policy = client.get(home_page.url)["Content-Security-Policy"]
        img_src = re.search(r"img-src ([^;]*)", policy).group(1)
        assert "http" not in img_src

    def test_static_files_on_a_cdn_may_be_fetched(self, client, home_page, settings):
        # map.js fetches the country outlines, a static file, from wherever STATIC_URL is.
        settings.STATIC_URL = "https://static.example.net/pact/"
        policy = client.get(home_page.url)["Content-Security-Policy"]
        connect_src = re.search(r"connect-src ([^;]*)", policy).group(1)
        assert connect_src.split() == ["'self'", "https://static.example.net"]

    def test_report_only_mode(self, client, home_page, settings):
        settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = settings.CONTENT_SECURITY_POLICY
        settings.CONTENT_SECURITY_POLICY = None
        response = client.get(home_page.url)
        assert "Content-Security-Policy" not in response
        assert "default-src 'self'" in response["Content-Security-Policy-Report-Only"]

    def test_session_cookie_flags(self, client, staff):
        response = sign_in(client)
        cookie = response.cookies[settings.SESSION_COOKIE_NAME]
        assert cookie["httponly"]
        assert cookie["samesite"] == "Lax"


INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
# The one kind of style attribute allowed (CSP style-src-attr): a pillar's colour as a CSS
# custom property, from a validated #rrggbb value.
STYLE_ATTRIBUTE = re.compile(r"<[^>]*\sstyle\s*=\s*\"(?!--pillar-colour: \{\{)", re.IGNORECASE)


def template_files():
    for folder in (REPO / "templates", REPO / "pact_pages" / "templates"):
        yield from sorted(folder.rglob("*.html"))


@pytest.mark.parametrize("path", list(template_files()), ids=lambda p: p.name)
def test_templates_have_no_inline_script_handler_or_style(path):
    text = path.read_text()
    assert not INLINE_HANDLER.search(text), "inline event handler"
    if "admin" not in path.parts:  # the admin's policy allows inline styles (Wagtail needs them)
        assert not STYLE_ATTRIBUTE.search(text), 'style="" attribute'
    for attributes in SCRIPT_TAG.findall(text):
        allowed = "src=" in attributes or "nonce=" in attributes or "application/json" in attributes
        assert allowed, f"inline <script{attributes}> without src or nonce"


# The one exemption: RFC 8058 one-click unsubscribe, which mail clients POST without a CSRF
# token; the signed token in the address authorises it, and it can only delete that address's
# subscription (tests/test_newsletter.py). One decorated view, nothing else in that module.
CSRF_EXEMPT_ALLOWED = {"pact_pages/newsletter/views.py": 1}


def test_there_is_no_csrf_exemption_in_our_code():
    for folder in ("pact_pages", "home", "oneinfive"):
        for path in (REPO / folder).rglob("*.py"):
            allowed = CSRF_EXEMPT_ALLOWED.get(str(path.relative_to(REPO)), 0)
            assert path.read_text().count("@csrf_exempt") == allowed, path
            assert "csrf_exempt" not in path.read_text() or allowed, path


# Rich text cannot carry script

ATTACK = (
    '<p>Hello <script>alert("x")</script><b onclick="alert(1)">bold</b>'
    '<img src="x" onerror="alert(2)">'
    '<a href="javascript:alert(3)">click</a> <a href="https://example.org">ok</a>'
    '<iframe src="https://evil.example"></iframe></p>'
)


def assert_harmless(text: str):
    lowered = text.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<iframe" not in lowered
    assert "<img" not in lowered


class TestRichText:
    def test_rich_text_fields_are_cleaned_on_save(self, client, directory):
        directory.introduction = ATTACK
        directory.save_revision().publish()
        directory.refresh_from_db()
        assert_harmless(directory.introduction)
        assert '<a href="https://example.org">ok</a>' in directory.introduction
        assert "<b>bold</b>" in directory.introduction
        html = client.get(directory.url).content.decode()
        assert "Hello" in html
        assert_harmless(html.split('id="main"')[1].split("</main>")[0])

    def test_stream_field_rich_text_is_cleaned_in_pages_and_api(self, client, initiative):
        initiative.body = json.dumps(
            [
                {"type": "paragraph", "value": ATTACK},
                {"type": "quote", "value": {"text": "Quoted <script>alert(4)</script>"}},
            ]
        )
        initiative.save_revision().publish()
        initiative.refresh_from_db()
        assert_harmless(initiative.body[0].value.source)
        html = client.get(initiative.url).content.decode()
        main = html.split('id="main"')[1].split("</main>")[0]
        assert "Hello" in main
        assert "Quoted &lt;script&gt;" in main  # a quote is plain text: escaped in HTML
        assert_harmless(main)
        for url in (
            f"/api/pact/v1/initiatives/{initiative.pk}",
            f"/api/v2/pages/{initiative.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            # Plain-text fields (the quote) are data in JSON, for the front end to escape;
            # rich text must come out clean.
            text = response.content.decode().replace("\\u003c", "<")
            assert "Hello" in text
            assert_harmless(text.replace("Quoted <script>alert(4)</script>", ""))

    def test_plain_text_fields_are_escaped(self, client, signatory):
        signatory.introduction = '<script>alert("intro")</script>'
        signatory.commitment_prevention = '<img src=x onerror="alert(5)">'
        signatory.save_revision().publish()
        html = client.get(signatory.url).content.decode()
        main = html.split('id="main"')[1].split("</main>")[0]
        assert "&lt;script&gt;" in main
        assert "<script" not in main.lower()
        assert "<img src=x" not in main


# Uploads


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


class TestUploads:
    @pytest.fixture
    def signed_in(self, client, staff):
        sign_in(client)
        return client

    def test_svg_images_are_refused(self, signed_in):
        svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
        response = signed_in.post(
            "/admin/images/add/",
            {"title": "logo", "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml")},
        )
        assert response.status_code == 200
        assert "Not a supported image format" in response.content.decode()
        from wagtail.images import get_image_model

        assert not get_image_model().objects.filter(title="logo").exists()

    def test_oversized_images_are_refused(self, signed_in, settings):
        settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
        response = signed_in.post(
            "/admin/images/add/",
            {"title": "big", "file": SimpleUploadedFile("big.png", png_bytes(), "image/png")},
        )
        assert response.status_code == 200
        assert "too big" in response.content.decode()

    def test_oversized_and_unlisted_documents_are_refused(self, signed_in, settings):
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
        big = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 " + b"x" * 100, "application/pdf")
        response = signed_in.post("/admin/documents/add/", {"title": "plan", "file": big})
        assert "too big" in response.content.decode()
        settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
        html_doc = SimpleUploadedFile("page.html", b"<script>alert(1)</script>", "text/html")
        response = signed_in.post("/admin/documents/add/", {"title": "page", "file": html_doc})
        assert "is not allowed" in response.content.decode()

    def test_a_normal_image_is_accepted(self, signed_in):
        response = signed_in.post(
            "/admin/images/add/",
            {"title": "ok", "file": SimpleUploadedFile("ok.png", png_bytes(), "image/png")},
        )
        assert response.status_code == 302


def test_search_is_throttled(client, signatory, settings):
    settings.PACT_SEARCH_RATE_LIMIT = (2, 60)
    for _attempt in range(2):
        assert client.get("/api/pact/v1/signatories", {"q": "Strasbourg"}).status_code == 200
    response = client.get("/api/pact/v1/signatories", {"q": "Strasbourg"})
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    # Browsing without a search is not counted.
    assert client.get("/api/pact/v1/signatories").status_code == 200


# Privacy


def make_signup(email: str, **fields) -> SignupRequest:
    defaults = {
        "name": "Ville d'Exemple",
        "signatory_type": "town",
        "country": "FR",
        "place": "Exemple",
        "contact_person": "Camille Martin",
        "email": email,
        "role": "Mayor",
        "accepted_pact": True,
        "accepted_privacy": True,
    }
    return SignupRequest.objects.create(**{**defaults, **fields})


class TestPrivacy:
    def test_export_lists_what_is_stored(self, db):
        make_signup("camille@example.org")
        make_signup("other@example.org")
        out = io.StringIO()
        call_command("signup_requests", "export", "--email", "Camille@Example.org", stdout=out)
        data = json.loads(out.getvalue())
        assert len(data["signup_requests"]) == 1
        record = data["signup_requests"][0]
        assert record["contact_person"] == "Camille Martin"
        assert record["email"] == "camille@example.org"

    def test_erase_deletes_that_person_only(self, db):
        make_signup("camille@example.org")
        make_signup("camille@example.org", name="Second")
        make_signup("other@example.org")
        out = io.StringIO()
        call_command(
            "signup_requests", "erase", "--email", "camille@example.org", "--yes", stdout=out
        )
        assert "Erased 2" in out.getvalue()
        assert list(SignupRequest.objects.values_list("email", flat=True)) == ["other@example.org"]

    def test_rejected_requests_are_purged_after_the_retention_period(self, db, settings):
        settings.PACT_REJECTED_SIGNUP_RETENTION_DAYS = 90
        now = timezone.now()
        old = make_signup(
            "old@example.org",
            status=SignupStatus.REJECTED,
            decided_at=now - datetime.timedelta(days=91),
        )
        recent = make_signup(
            "recent@example.org",
            status=SignupStatus.REJECTED,
            decided_at=now - datetime.timedelta(days=10),
        )
        pending = make_signup("pending@example.org")
        out = io.StringIO()
        call_command("purge_signups", "--dry-run", stdout=out)
        assert out.getvalue().startswith("1 ")
        assert SignupRequest.objects.filter(pk=old.pk).exists()
        call_command("purge_signups", stdout=io.StringIO())
        remaining = set(SignupRequest.objects.values_list("pk", flat=True))
        assert remaining == {recent.pk, pending.pk}

    def test_the_join_form_stores_no_ip_address(self, db):
        field_names = {field.name for field in SignupRequest._meta.get_fields()}
        assert not {name for name in field_names if "ip" in name.split("_")}


def test_an_administrator_can_reset_a_lost_device(client, staff):
    TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    out = io.StringIO()
    call_command("twofactor_reset", "--username", "staffer", stdout=out)
    assert "Removed 1" in out.getvalue()
    sign_in(client)
    assert client.get("/admin/pages/").status_code == 200
