"""Reads from a read replica (oneinfive/replica.py): which requests, which models, fallbacks.

The test settings declare a ``replica`` database that mirrors the test database (Django's
``TEST["MIRROR"]``): a second connection to the same data, so each query is counted on the
connection it went through. Transactional tests: the mirror's connection only sees what
the primary committed, as a real replica.
"""

import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import OperationalError, connections, transaction
from django.db.backends.signals import connection_created
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Rendition

from oneinfive import replica
from pact_pages.models import NewsletterPage, NewsletterSubscriber, SignatoryPage
from tests.factories import ImageFactory, SignatoryPageFactory, publish

pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica"]
)


@pytest.fixture(autouse=True)
def routing(settings):
    settings.DATABASE_ROUTERS = ["oneinfive.replica.ReplicaRouter"]
    settings.MIDDLEWARE = ["oneinfive.replica.ReplicaMiddleware", *settings.MIDDLEWARE]
    settings.PACT_REPLICA_LAG = 0  # each test says when the lag window matters
    replica.connect_signals()
    replica._replica_down_until = 0.0
    cache.set(replica.LAST_WRITE_KEY, 0, None)  # no write for a long time
    yield
    replica.disconnect_signals()
    replica._replica_down_until = 0.0


@pytest.fixture(autouse=True)
def read_only_replica():
    """The replica's connection refuses writes, as a streaming replica does."""

    def make_read_only(sender, connection, **kwargs):
        if connection.alias == "replica":
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("PRAGMA query_only = ON")
                else:
                    cursor.execute("SET default_transaction_read_only = on")

    connections["replica"].close()
    connection_created.connect(make_read_only)
    yield
    connection_created.disconnect(make_read_only)
    connections["replica"].close()


def get(client, path: str, **extra):
    """The response and the SQL run on each connection while it was computed."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as mirror,
    ):
        response = client.get(path, **extra)
    return response, _sql(primary), _sql(mirror)


def _sql(context) -> str:
    return "\n".join(query["sql"] for query in context.captured_queries)


@pytest.fixture
def page(directory) -> SignatoryPage:
    return SignatoryPageFactory(parent=directory, title="Strasbourg", slug="strasbourg")


class TestWhoReadsTheReplica:
    def test_an_anonymous_reader_gets_the_content_from_the_replica(self, client, page):
        response, primary, mirror = get(client, page.url)

        assert response.status_code == 200
        assert "Strasbourg" in response.content.decode()
        assert "pact_pages_signatorypage" in mirror
        assert "pact_pages_signatorypage" not in primary

    def test_what_a_read_creates_is_written_to_the_primary(self, client, directory):
        """An image read from the replica gets its new renditions on the primary."""
        with_logo = SignatoryPageFactory(parent=directory, slug="logo", logo=ImageFactory())
        Rendition.objects.all().delete()  # made while saving; a reader's visit makes them

        response, _primary, mirror = get(client, with_logo.url)

        assert response.status_code == 200
        assert "wagtailimages_image" in mirror
        assert Rendition.objects.filter(image=with_logo.logo).exists()

    def test_the_replica_refuses_writes_here_as_a_real_one(self, page):
        with pytest.raises(Exception, match="(?i)read.only|readonly"):
            SignatoryPage.objects.using("replica").filter(pk=page.pk).update(title="x")

    def test_the_api_too(self, client, page):
        response, primary, mirror = get(client, "/api/pact/v1/signatories")

        assert response.json()["count"] == 1
        assert "pact_pages_apiindexentry" in mirror
        assert "pact_pages_apiindexentry" not in primary

    def test_a_signed_in_editor_reads_the_primary(self, client, page, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("staff", "s@x.org", "pw"))

        response, primary, mirror = get(client, page.url)

        assert response.status_code == 200
        assert mirror == ""
        assert "pact_pages_signatorypage" in primary

    def test_the_admin_reads_the_primary(self, client, page):
        response, _primary, mirror = get(client, "/admin/login/")

        assert response.status_code == 200
        assert mirror == ""

    @pytest.mark.parametrize(
        "path, replica_used",
        [
            ("/en/", True),
            ("/api/pact/v1/initiatives", True),
            ("/static/pact_pages/css/site.css", False),  # no database at all
            ("/media/images/logo.png", False),
            ("/admin/", False),
            ("/api/pact/v1/preview", False),
        ],
    )
    def test_which_addresses(self, rf, path, replica_used):
        assert replica.may_read_replica(rf.get(path)) is replica_used

    def test_a_form_post_reads_and_writes_the_primary(self, client, home_page):
        newsletter = NewsletterPage(title="Newsletter", slug="newsletter")
        home_page.add_child(instance=newsletter)
        publish(newsletter)
        data = {"email": "reader@example.org", "language": "en", "consent": "on"}

        with CaptureQueriesContext(connections["replica"]) as mirror:
            response = client.post(newsletter.url, data)

        assert response.status_code == 302
        assert mirror.captured_queries == []
        assert NewsletterSubscriber.objects.filter(email="reader@example.org").exists()

    def test_the_confirm_link_reads_the_subscriber_from_the_primary(self, client, home_page):
        """The link of the mail reads a row its POST has just written: never a lagging copy."""
        newsletter = NewsletterPage(title="Newsletter", slug="newsletter")
        home_page.add_child(instance=newsletter)
        publish(newsletter)
        client.post(newsletter.url, {"email": "r@example.org", "language": "en", "consent": "on"})
        [link] = re.findall(r"http://testserver(/newsletter/confirm/[^/\s]+/)", mail.outbox[0].body)

        response, primary, mirror = get(client, link)

        assert response.status_code == 200
        assert "pact_pages_newslettersubscriber" in primary
        assert "pact_pages_newslettersubscriber" not in mirror
        assert NewsletterSubscriber.objects.get().confirmed_at is not None


class TestLagWindow:
    def test_right_after_a_change_reads_come_from_the_primary(self, client, settings, page):
        settings.PACT_REPLICA_LAG = 60
        page.title = "Strasbourg (new)"
        publish(page)

        response, primary, mirror = get(client, page.url)

        assert "Strasbourg (new)" in response.content.decode()
        assert mirror == ""
        assert "pact_pages_signatorypage" in primary

    def test_after_the_window_the_replica_again(self, client, settings, page):
        settings.PACT_REPLICA_LAG = 60
        publish(page)
        cache.set(replica.LAST_WRITE_KEY, time.time() - 61, None)

        _response, _primary, mirror = get(client, page.url)

        assert "pact_pages_signatorypage" in mirror

    def test_personal_data_written_does_not_open_the_window(self):
        NewsletterSubscriber.objects.create(
            email="x@example.org", language="en", consented_at=timezone.now()
        )

        assert cache.get(replica.LAST_WRITE_KEY) == 0

    def test_a_transaction_records_its_writes_once_after_commit(self, directory):
        cache.delete(replica.LAST_WRITE_KEY)  # written by the fixtures
        with transaction.atomic():
            for number in range(3):
                SignatoryPageFactory(parent=directory, slug=f"town-{number}")
            assert cache.get(replica.LAST_WRITE_KEY) is None  # not committed yet
            pending = [
                func
                for _ids, func, _robust in connections["default"].run_on_commit
                if func is replica._store_write_time
            ]
            assert len(pending) == 1

        assert time.time() - cache.get(replica.LAST_WRITE_KEY) < 5

    def test_without_the_cache_no_proof_of_freshness_so_the_primary(self, monkeypatch):
        def broken(*args, **kwargs):
            raise ConnectionError("cache down")

        monkeypatch.setattr(cache, "get", broken)

        assert replica.written_recently() is True

    def test_a_cache_that_misses_everything_keeps_reads_on_the_primary(
        self, client, settings, page, monkeypatch
    ):
        """Redis down (the cache degrades to misses) or restarted empty: a write may have
        gone unrecorded, so the window starts again."""
        settings.PACT_REPLICA_LAG = 60
        cache.delete(replica.LAST_WRITE_KEY)

        _response, primary, mirror = get(client, page.url)
        assert mirror == ""
        assert "pact_pages_signatorypage" in primary

        monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
        monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
        _response, _primary, mirror = get(client, page.url)
        assert mirror == ""


class TestUnreachableReplica:
    def test_reads_fall_back_to_the_primary_and_it_is_not_retried_at_once(
        self, client, page, monkeypatch, caplog
    ):
        attempts = []

        def refuse():
            attempts.append(1)
            raise OperationalError("connection refused")

        monkeypatch.setattr(connections["replica"], "ensure_connection", refuse)

        for _ in range(3):
            # Not get(): counting the replica's queries would connect to it.
            with CaptureQueriesContext(connections["default"]) as primary:
                response = client.get(page.url)
            assert response.status_code == 200
            assert "pact_pages_signatorypage" in _sql(primary)
        assert len(attempts) == 1  # then the primary for PACT_REPLICA_RETRY seconds
        [record] = [r for r in caplog.records if r.name == "oneinfive.replica"]
        assert "connection refused" in record.getMessage()
        assert record.exc_info is None  # one line per retry period, not a traceback


class TestRouter:
    def test_only_content_models_and_only_inside_a_marked_request(self):
        router = replica.ReplicaRouter()
        assert router.db_for_read(SignatoryPage) == "default"  # outside a public request

        token = replica._use_replica.set(True)
        try:
            assert router.db_for_read(SignatoryPage) == "replica"
            assert router.db_for_read(NewsletterSubscriber) == "default"
            # Also for an instance read from the replica (Django would otherwise follow it).
            read_there = SignatoryPage()
            read_there._state.db = "replica"
            assert router.db_for_write(SignatoryPage, instance=read_there) == "default"
            assert router.db_for_read(NewsletterSubscriber, instance=read_there) == "default"
        finally:
            replica._use_replica.reset(token)

    def test_never_migrates_the_replica(self):
        router = replica.ReplicaRouter()

        assert router.allow_migrate("replica", "pact_pages") is False
        assert router.allow_migrate("default", "pact_pages") is True
