"""The mix of `make load` and `make faults`: what readers, API clients and applicants do.

Run by benchmarks/load.py and benchmarks/faults.py (``locust --headless``); the environment
gives the files:

- ``LOAD_TARGETS``: JSON of real addresses sampled from the data set (benchmarks/dataset.py);
- ``LOAD_EVENTS``: one line per request (time, name, status, class), for the fault analysis;
- ``LOAD_ACKS``: one line per join or newsletter request the site acknowledged (the redirect
  to ``?sent=1`` that shows "received"), checked against the database afterwards;
- ``LOAD_RUN_ID``: makes the e-mail addresses of this run unique;
- ``LOAD_THINK``: seconds a client waits between requests (default 0: each of the clients
  sends its next request as soon as the previous one is answered);
- ``LOAD_FORM_WEIGHT``: weight of the join and of the newsletter task (default 1, ~2 % of
  the tasks together).

A response is "ok" when it has the status the request expects; a 503 is "clean" when it is
the site's page (its header, ``Retry-After``) or the API's problem details, and never a
traceback. Everything else counts as a failure in Locust's statistics.
"""

import itertools
import json
import os
import random
import re
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote_plus

from locust import between, constant, events, task
from locust.contrib.fasthttp import FastHttpUser

TARGETS = json.loads(Path(os.environ["LOAD_TARGETS"]).read_text())
RUN_ID = os.environ.get("LOAD_RUN_ID", uuid.uuid4().hex[:8])
THINK = float(os.environ.get("LOAD_THINK", "0"))
# Weight of each of the two forms against ~100 for the reads: the fault run raises it, so that
# many sign-ups are in flight when the database goes away.
FORM_WEIGHT = int(os.environ.get("LOAD_FORM_WEIGHT", "1"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What readers type into the site's search, from the words of the initiatives' titles and
# summaries (the demo's archetypes, which the synthetic initiatives carry too:
# benchmarks/dataset.py): topics that find a few hundred to thousands of pages, phrases, a
# town's name (its profile and its ten initiatives), a town with a topic, and a word nothing has.
TOPICS = [
    "barnahus",
    "helpline",
    "safeguarding",
    "school",
    "police",
    "sports coaches",
    "grooming",
    "kindergarten",
    "foster carers",
    "online safety",
    "youth parliament",
    "prosecutors",
    "school nurses",
    "outreach",
    "consent",
    "trauma",
    "sexual abuse",
    "child protection",
    "disabilities",
    "judges",
    "hotline",
    "awareness campaign",
    "children",
    "training",
]
TOPICS_FR = ["enfants", "protection de l'enfance", "écoles", "police", "ligne d'écoute", "barnahus"]
STATUSES = ["ongoing", "planned", "completed"]
_LOCK = threading.Lock()
_SERIAL = itertools.count(1)


class _Log:
    """Append-only line files shared by every simulated client (one Locust process)."""

    def __init__(self, variable: str) -> None:
        path = os.environ.get(variable)
        self.file = open(path, "a", buffering=1) if path else None  # noqa: SIM115 - kept open

    def write(self, *fields: object) -> None:
        if self.file is not None:
            with _LOCK:
                self.file.write("\t".join(str(f) for f in fields) + "\n")


EVENTS = _Log("LOAD_EVENTS")
ACKS = _Log("LOAD_ACKS")


def classify(response) -> str:
    """ok / 503-clean / 503-unclean / 5xx / 4xx / error; ``ok`` = the expected status."""
    status = response.status_code or 0
    if status == 0:
        return "error"
    if status < 500:
        # Pages are not decoded to be searched: Locust shares the server's cores, and with
        # DEBUG off a traceback only comes with a 500.
        return "4xx" if status >= 400 else "ok"
    text = response.text or ""
    if "Traceback (most recent call last)" in text:
        return "5xx"
    if status == 503:
        headers = response.headers or {}
        problem = "problem+json" in headers.get("Content-Type", "")
        page = 'class="brand-mark"' in text
        clean = headers.get("Retry-After") and (problem or page)
        return "503-clean" if clean else "503-unclean"
    return "5xx"


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **_kwargs) -> None:
    status = getattr(response, "status_code", 0) or 0
    kind = classify(response) if response is not None else "error"
    if exception is not None and kind == "ok":
        kind = "unexpected"  # a status other than the one the task expected
    EVENTS.write(f"{time.time():.3f}", name, status, kind, round(response_time or 0, 1))


def pick(name: str) -> str:
    return random.choice(TARGETS[name])


def search_address() -> str:
    """A search as readers make them: mostly English topics, places, now and then page 2."""
    roll = random.random()
    if roll < 0.15:
        return f"/fr/search/?q={quote_plus(random.choice(TOPICS_FR))}"
    if roll < 0.55:
        query = random.choice(TOPICS)
    elif roll < 0.75:
        query = pick("places")
    elif roll < 0.9:
        query = f"{pick('places')} {random.choice(TOPICS).split()[0]}"
    elif roll < 0.95:
        query = "zyxwvut"  # nothing found
    else:
        return f"/en/search/?q={quote_plus(random.choice(TOPICS))}&page=2"
    return f"/en/search/?q={quote_plus(query)}"


class Reader(FastHttpUser):
    """One client: a reader of the site, an API client, now and then an applicant."""

    wait_time = constant(THINK) if THINK <= 0 else between(THINK / 2, THINK * 1.5)
    # 50 clients over a few connections each; the default of 10 per client is not needed.
    concurrency = 2

    def _get(self, url: str, name: str, expect: int = 200) -> None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != expect:
                response.failure(f"status {response.status_code}")

    @task(10)
    def home(self) -> None:
        self._get(random.choice(["/en/", "/en/", "/fr/", "/de/"]), "home")

    @task(8)
    def directory(self) -> None:
        base = TARGETS["directory"]
        query = random.choice(
            [
                "",
                f"?country={pick('countries')}",
                f"?type={random.choice(['town', 'region', 'association'])}",
                f"?pillar={pick('pillars')}",
                f"?q={random.choice(['town', 'municipality', '0042'])}",
                "?page=3",
            ]
        )
        self._get(base + query, "directory")

    @task(10)
    def library(self) -> None:
        base = TARGETS["library"]
        query = random.choice(
            [
                "",
                f"?pillar={pick('pillars')}",
                f"?country={pick('countries')}",
                f"?tag={pick('tags')}",
                f"?status={random.choice(STATUSES)}",
                f"?pillar={pick('pillars')}&country={pick('countries')}&tag={pick('tags')}",
                "?page=5",
            ]
        )
        self._get(base + query, "library")

    @task(15)
    def initiative(self) -> None:
        self._get(pick("initiatives"), "initiative page")

    @task(8)
    def signatory(self) -> None:
        self._get(pick("signatories"), "signatory profile")

    @task(4)
    def map_geojson(self) -> None:
        query = random.choice(["", f"?country={pick('countries')}", f"?pillar={pick('pillars')}"])
        self._get(f"/api/pact/v1/map.geojson{query}", "api map.geojson")

    @task(1)
    def map_page(self) -> None:
        self._get(TARGETS["map"], "map page")

    @task(10)
    def api_initiatives(self) -> None:
        query = random.choice(
            [
                "limit=20",
                f"pillar={pick('pillars')}",
                f"country={pick('countries')}&locale=fr",
                f"tag={pick('tags')}&status={random.choice(STATUSES)}",
                f"q={quote_plus(random.choice(TOPICS))}",
                "limit=100&ordering=title",
                f"offset={random.randrange(0, 2000)}",
            ]
        )
        self._get(f"/api/pact/v1/initiatives?{query}", "api initiatives")

    @task(6)
    def api_initiative(self) -> None:
        self._get(f"/api/pact/v1/initiatives/{pick('initiative_ids')}", "api initiative")

    @task(4)
    def api_signatories(self) -> None:
        query = random.choice(
            [
                "limit=20",
                f"country={pick('countries')}",
                f"pillar={pick('pillars')}&ordering=-initiatives",
                "type=region&locale=de",
            ]
        )
        self._get(f"/api/pact/v1/signatories?{query}", "api signatories")

    @task(3)
    def api_signatory(self) -> None:
        self._get(f"/api/pact/v1/signatories/{pick('signatory_ids')}", "api signatory")

    @task(3)
    def api_facets(self) -> None:
        endpoint = random.choice(["stats", "pillars", "countries", "tags"])
        self._get(f"/api/pact/v1/{endpoint}?locale={random.choice(['en', 'fr'])}", "api facets")

    @task(5)
    def search(self) -> None:
        self._get(search_address(), "search")

    @task(3)
    def feed(self) -> None:
        kind = random.choice(["rss", "atom"])
        path = random.choice(["initiatives", f"initiatives/{pick('pillars')}"])
        self._get(f"/{random.choice(['en', 'fr'])}/feeds/{path}.{kind}", "feed")

    @task(FORM_WEIGHT)
    def join(self) -> None:
        email = f"join-{RUN_ID}-{next(_SERIAL)}@load.example.org"
        fields = {
            "name": f"Load test town {email}",
            "signatory_type": "town",
            "country": pick("countries"),
            "place": "Loadville",
            "contact_person": "A. Tester",
            "email": email,
            "role": "Mayor",
            "commitment_prevention": "Training for every school.",
            "accepted_pact": "on",
            "accepted_privacy": "on",
            "website_url": "",
        }
        self._post_form(TARGETS["join"], "join", email, fields)

    @task(FORM_WEIGHT)
    def newsletter(self) -> None:
        email = f"news-{RUN_ID}-{next(_SERIAL)}@load.example.org"
        fields = {
            "email": email,
            "language": random.choice(["en", "fr", "de"]),
            "pillars": pick("pillars"),
            "consent": "on",
            "website_url": "",
        }
        self._post_form(TARGETS["newsletter"], "newsletter", email, fields)

    def _post_form(self, url: str, kind: str, email: str, fields: dict[str, str]) -> None:
        """GET the form (CSRF cookie and token), POST it; note the acknowledged ones."""
        with self.client.get(url, name=f"{kind} form", catch_response=True) as form:
            match = CSRF.search(form.text or "") if form.status_code == 200 else None
            if match is None:
                form.failure(f"status {form.status_code}, no form")
                return
        fields["csrfmiddlewaretoken"] = match.group(1)
        with self.client.post(
            url,
            data=fields,
            name=f"{kind} POST",
            headers={"Referer": self.host + url},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 302 and "sent=1" in location:
                ACKS.write(f"{time.time():.3f}", kind, email)
            else:
                response.failure(f"status {response.status_code}, not acknowledged")
