"""Production: settings from the environment, degraded cache, 503 on database loss, queued mail."""

import json
import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core import mail
from django.core.cache import caches
from django.db import OperationalError, connection
from django.test import Client, RequestFactory, override_settings
from django.utils import translation
from django_tasks import default_task_backend
from django_tasks.signals import task_enqueued

from oneinfive.cache_backends import DegradingRedisCache
from oneinfive.database_unavailable import server_error
from pact_pages.core.tasks import enqueue_email, send_email
from tests.test_onboarding import JOIN_DATA

ROOT = Path(__file__).resolve().parent.parent
# Nothing listens on port 1: every connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/0"
SECRET = secrets.token_urlsafe(50)  # check --deploy rejects a weak key (W009)


def run_production(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Runs manage.py or python under the production settings with exactly this environment."""
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}
    }
    # DJANGO_ALLOW_ASYNC_UNSAFE: set by the browser tests' conftest for Playwright in the same
    # pytest process; a production server never has it (check --deploy refuses it).
    for name in (
        "REDIS_URL",
        "AWS_STORAGE_BUCKET_NAME",
        "WAGTAILSEARCH_URL",
        "SENTRY_DSN",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
    ):
        clean.pop(name, None)
    clean.update(DJANGO_SETTINGS_MODULE="oneinfive.settings.production", **env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


class TestProductionSettings:
    def test_refuses_to_start_without_a_secret_key_and_says_how_to_make_one(self):
        result = run_production("manage.py", "check", ALLOWED_HOSTS="example.org")

        assert result.returncode != 0
        assert "SECRET_KEY is not set" in result.stderr
        assert "secrets.token_urlsafe" in result.stderr

    @pytest.mark.parametrize(
        "extra",
        [{}, {"REDIS_URL": DEAD_REDIS, "AWS_STORAGE_BUCKET_NAME": "media"}],
        ids=["minimal", "redis-and-object-storage"],
    )
    def test_check_deploy_reports_nothing(self, extra):
        result = run_production(
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            SECRET_KEY=SECRET,
            ALLOWED_HOSTS="example.org",
            **extra,
        )

        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout
        assert "WARNINGS" not in result.stdout + result.stderr

    def test_everything_comes_from_the_environment(self):
        script = (
            "import json, sys, django; django.setup(); from django.conf import settings as s;"
            "print(json.dumps({"
            "'hosts': s.ALLOWED_HOSTS, 'debug': s.DEBUG, 'db': s.DATABASES['default'],"
            "'cache': s.CACHES['default'], 'sessions': s.SESSION_ENGINE,"
            "'storages': s.STORAGES, 'search': s.WAGTAILSEARCH_BACKENDS['default'],"
            "'tasks': s.TASKS['default']['BACKEND'], 'apps': s.INSTALLED_APPS,"
            "'middleware': s.MIDDLEWARE, 'email': [s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS],"
            "'cors': s.CORS_ALLOWED_ORIGINS, 'sentry': 'sentry_sdk' in sys.modules,"
            "}, default=str))"
        )
        result = run_production(
            "-c",
            script,
            SECRET_KEY=SECRET,
            ALLOWED_HOSTS="pact.example.org,www.pact.example.org",
            DATABASE_URL="postgres://pact:pw@db.internal:5432/pact",
            REDIS_URL="redis://cache.internal:6379/1",
            AWS_STORAGE_BUCKET_NAME="pact-media",
            AWS_S3_ENDPOINT_URL="https://s3.example.org",
            WAGTAILSEARCH_URL="https://search.internal:9200",
            WAGTAILSEARCH_BACKEND="opensearch2",
            EMAIL_HOST="smtp.example.org",
            EMAIL_PORT="587",
            EMAIL_USE_TLS="1",
            CORS_ALLOWED_ORIGINS="https://front.example.org",
        )
        assert result.returncode == 0, result.stderr
        values = json.loads(result.stdout.strip().splitlines()[-1])

        assert values["hosts"] == ["pact.example.org", "www.pact.example.org"]
        assert values["debug"] is False
        db = values["db"]
        assert (db["ENGINE"], db["HOST"], db["NAME"]) == (
            "django.db.backends.postgresql",
            "db.internal",
            "pact",
        )
        assert db["CONN_MAX_AGE"] == 60 and db["CONN_HEALTH_CHECKS"] is True
        assert values["cache"]["BACKEND"] == "oneinfive.cache_backends.DegradingRedisCache"
        assert values["cache"]["LOCATION"] == "redis://cache.internal:6379/1"
        assert values["sessions"] == "django.contrib.sessions.backends.cached_db"
        assert values["storages"]["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
        assert values["storages"]["default"]["OPTIONS"]["bucket_name"] == "pact-media"
        assert values["storages"]["default"]["OPTIONS"]["endpoint_url"] == "https://s3.example.org"
        assert (
            values["storages"]["staticfiles"]["BACKEND"]
            == "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
        assert values["search"]["BACKEND"] == "wagtail.search.backends.opensearch2"
        assert values["search"]["URLS"] == ["https://search.internal:9200"]
        assert values["tasks"] == "django_tasks_db.DatabaseBackend"
        assert "django_tasks_db" in values["apps"]
        security = values["middleware"].index("django.middleware.security.SecurityMiddleware")
        assert values["middleware"][security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"
        assert values["email"] == ["smtp.example.org", 587, True]
        assert values["cors"] == ["https://front.example.org"]
        # Sentry is an optional extra: without SENTRY_DSN it is not even imported.
        assert values["sentry"] is False

    def test_defaults_are_postgres_search_in_the_database_and_media_on_disk(self):
        script = (
            "import django; django.setup(); from django.conf import settings as s;"
            "print(s.WAGTAILSEARCH_BACKENDS['default']['BACKEND'],"
            " s.STORAGES['default']['BACKEND'], s.CACHES['default']['BACKEND'])"
        )
        result = run_production("-c", script, SECRET_KEY=SECRET, ALLOWED_HOSTS="example.org")

        assert result.returncode == 0, result.stderr
        assert result.stdout.split()[-3:] == [
            "wagtail.search.backends.database",
            "django.core.files.storage.FileSystemStorage",
            "django.core.cache.backends.locmem.LocMemCache",
        ]


DEAD_CACHE = {
    "default": {
        "BACKEND": "oneinfive.cache_backends.DegradingRedisCache",
        "LOCATION": DEAD_REDIS,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 5},
    }
}
DEAD_CACHE["api"] = DEAD_CACHE["default"]  # the API's response cache, on the same Redis


class TestRedisDown:
    def test_every_cache_call_degrades_to_a_miss_and_is_logged(self, caplog):
        dead = DegradingRedisCache(DEAD_REDIS, {"OPTIONS": {"RETRY_AFTER": 0}})

        assert dead.get("k", "fallback") == "fallback"
        dead.set("k", 1)
        assert dead.add("k", 1) is False
        assert dead.get_many(["a", "b"]) == {}
        assert dead.has_key("k") is False
        assert dead.delete("k") is False
        assert dead.set_many({"a": 1}) == ["a"]
        dead.delete_many(["a"])
        assert dead.get_or_set("k", 42) == 42
        with pytest.raises(ValueError):  # as for a missing key: callers fall back to add()
            dead.incr("counter")
        assert "Cache unavailable" in caplog.text

    def test_after_a_failure_redis_is_left_alone_for_a_while(self, caplog):
        dead = DegradingRedisCache(DEAD_REDIS, {"OPTIONS": {"RETRY_AFTER": 60}})
        dead.get("k")
        caplog.clear()

        started = time.monotonic()
        for _ in range(1000):
            dead.get("k")
        elapsed = time.monotonic() - started

        assert caplog.text == ""  # not one more connection attempt, not one more log line
        assert elapsed < 0.5

    @override_settings(
        CACHES=DEAD_CACHE, SESSION_ENGINE="django.contrib.sessions.backends.cached_db"
    )
    def test_the_site_and_the_admin_still_serve_with_sessions_in_the_database(
        self, client, home_page, admin_user
    ):
        assert isinstance(caches["default"], DegradingRedisCache)
        assert client.get("/en/").status_code == 200
        assert client.get("/api/pact/v1/signatories").status_code == 200

        client.force_login(admin_user)  # the session is written to the database
        response = client.get("/admin/")

        assert response.status_code == 200
        assert client.get("/admin/").wsgi_request.user == admin_user


def _database_down(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


class TestDatabaseDown:
    def test_pages_answer_a_clean_503_in_the_site_design(self, client, home_page):
        with connection.execute_wrapper(_database_down):
            response = client.get("/en/")

        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        html = response.content.decode()
        assert "Service temporarily unavailable" in html
        assert "css/site.css" in html and 'class="site-header"' in html
        assert "Traceback" not in html and "OperationalError" not in html
        assert "<script" not in html and "style=" not in html

    def test_the_503_page_is_in_the_reader_language(self, client, home_page, fr_locale):
        with connection.execute_wrapper(_database_down):
            response = client.get("/fr/")

        assert response.status_code == 503
        assert '<html lang="fr">' in response.content.decode()
        with translation.override("fr"):
            assert translation.gettext("Service temporarily unavailable") in (
                response.content.decode()
            )

    def test_the_api_answers_problem_details(self, client, home_page):
        with connection.execute_wrapper(_database_down):
            response = client.get("/api/pact/v1/signatories")

        assert response.status_code == 503
        assert response["Content-Type"] == "application/problem+json"
        assert response["Retry-After"] == "30"
        body = response.json()
        assert body["status"] == 503 and body["title"] == "Service unavailable"

    def test_a_form_post_gets_the_503_too(self, client, join_page):
        url = join_page.url
        with connection.execute_wrapper(_database_down):
            response = client.post(url, JOIN_DATA)

        assert response.status_code == 503
        assert "it was not saved" in response.content.decode()

    def test_errors_raised_outside_views_are_handled_by_the_500_handler(self, db):
        request = RequestFactory().get("/en/")
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError:
            response = server_error(request)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"

        try:
            raise RuntimeError("a bug, not an outage")
        except RuntimeError:
            response = server_error(request)
        assert response.status_code == 500

    def test_the_site_recovers_by_itself_once_the_database_is_back(self, home_page):
        client = Client(raise_request_exception=False)
        with connection.execute_wrapper(_database_down):
            assert client.get("/en/").status_code == 503

        assert client.get("/en/").status_code == 200


class TestQueuedMail:
    def test_a_queued_mail_is_sent_with_its_headers_and_html(self):
        result = enqueue_email(
            "Your\n  newsletter",
            "Plain text",
            ["reader@example.org"],
            html_body="<p>HTML</p>",
            headers={"List-Unsubscribe": "<https://example.org/u/1>"},
        )

        assert result.status == "SUCCESSFUL"
        (message,) = mail.outbox
        assert message.subject == "Your newsletter"
        assert message.to == ["reader@example.org"]
        assert message.extra_headers["List-Unsubscribe"] == "<https://example.org/u/1>"
        assert message.alternatives[0][0] == "<p>HTML</p>"

    def test_the_join_acknowledgement_goes_through_the_task(self, client, join_page):  # noqa: F811
        enqueued = []

        def record(sender, task_result, **kwargs):
            enqueued.append(task_result.task)

        task_enqueued.connect(record)
        try:
            response = client.post(join_page.url, JOIN_DATA)
        finally:
            task_enqueued.disconnect(record)

        assert response.status_code == 302
        # Saving the request also queues Wagtail's own tasks (search index, references).
        assert [task.func for task in enqueued if task.func is send_email.func] == [send_email.func]
        assert mail.outbox[0].to == [JOIN_DATA["email"]]

    @override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
    def test_with_a_queue_the_request_does_not_send_the_worker_does(
        self,
        client,
        join_page,  # noqa: F811
    ):
        response = client.post(join_page.url, JOIN_DATA)

        assert response.status_code == 302
        assert mail.outbox == []  # the request only queued it
        (queued,) = [r for r in default_task_backend.results if r.task.func is send_email.func]
        assert queued.kwargs["to"] == [JOIN_DATA["email"]]
        json.dumps(queued.kwargs)  # storable as the database backend stores it

        send_email.call(*queued.args, **queued.kwargs)  # what the worker does
        assert mail.outbox[0].subject and "Ville de Namur" in mail.outbox[0].body
