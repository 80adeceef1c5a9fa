"""The scale benchmark (benchmarks/scale.py) runs: its data builder, every route, the
interleaved rounds and the report, on a tiny data set in the test database, so that a change
to a page or a URL cannot leave `make bench` broken until someone runs it."""

import pytest
from django.urls import path

from benchmarks import scale, scale_report
from benchmarks.floor import floor_items
from benchmarks.scale_data import place_name
from benchmarks.scale_worker import Bench
from oneinfive.urls import urlpatterns as site_urlpatterns

# The site's URLs and the benchmark's floor (not benchmarks/urls.py: it mounts Wagtail API
# v3, whose app the test settings do not install).
urlpatterns = [path("bench/floor-items/", floor_items), *site_urlpatterns]


@pytest.fixture
def tiny_run(db, settings):
    settings.ROOT_URLCONF = __name__
    settings.PACT_PAGE_CACHE = "pages"  # on, as the site has it (the test settings turn it off)
    # The benchmark's settings have a dummy cache, "none", for the API's uncached routes.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "none": dummy}
    settings.PACT_SEARCH_RATE_LIMIT = (10**9, 60)  # as benchmarks/settings.py: one client
    workers = {size: scale.LocalWorker(size, Bench(migrate=False)) for size in (3, 4)}
    result = scale.run(workers, rounds=2, repeat=1)
    result["machine"] = {"before": scale_report.machine("before"), "after": {"load": [0.0]}}
    result["command"] = "tests"
    return result


def test_every_route_is_measured_at_both_sizes_and_reported(tiny_run, tmp_path):
    names = [route["name"] for route in tiny_run["routes"]]
    for expected in (
        "home",
        "home (cached)",
        "home (cached, gzip)",
        "library by 2 P",
        "search nothing",
        f"API signatories q {place_name(0)}",
        "profile",
        "initiative",
        "map.geojson",
        f"search {place_name(0)}",
        "search fr enfants",
        "API list",
        "API list (cached)",
        "Wagtail API v2",
        "floor",
        f"API q {place_name(0)}",
    ):
        assert expected in names
    for size in (3, 4):
        assert all(len(tiny_run["latencies"][size][name]) >= 2 for name in names)
    assert tiny_run["setups"][4]["counts"]["english initiatives"] == 40
    # The compared lists hold the same 100 (here: all 40) initiatives.
    stats = tiny_run["stats"][4]
    assert stats["API list"]["items"] == stats["Wagtail API v2"]["items"] == stats["floor"]["items"]
    assert stats["floor"]["queries"] == 1
    assert stats["home (cached)"]["queries"] == 0 < stats["home"]["queries"]
    assert stats["home (cached, gzip)"]["queries"] == 0
    assert stats[f"API signatories q {place_name(0)}"]["items"] == 1
    # The rare word (a place's name) finds some of its place's ten initiatives, no others.
    assert 1 <= stats[f"API q {place_name(0)}"]["items"] <= 10

    text, _missed = scale_report.report(tiny_run)
    for target in ("p50 home, 4 / 3", "API list / floor", "p95 API list", "uncached / cached"):
        assert target in text
    docs = tmp_path / "performance.md"
    # A marker no report holds ("old" did: the machine's load names other processes' paths).
    stale = "STALE-TABLE-9f3c"
    docs.write_text(
        f"before\n<!-- scale-sqlite:start -->\n{stale}\n<!-- scale-sqlite:end -->\nafter\n"
    )
    tiny_run["info"]["engine"] = "SQLite 3"
    scale_report.write_docs(tiny_run, docs)
    written = docs.read_text()
    assert stale not in written and "| API list |" in written
    assert written.startswith("before\n") and written.endswith("after\n")
