"""Screenshots of every page type at 360 and 1440 px, into docs/screenshots/ (the README's).

    make screenshots                              # a fresh demo, every screenshot
    python benchmarks/screenshots.py --keep       # reuse the demo database of the last run
    python benchmarks/screenshots.py --only map join-errors   # some of them

The demo is loaded into a database of its own (``.screenshots/demo.sqlite3``, git-ignored,
with its media beside it), fresh each run unless ``--keep``: the pictures show the demo that
``make run`` loads today. The site runs on a free port between 8100 and 8999 with the
development settings and DEBUG off (benchmarks/screenshot_settings.py: the real 404 page).
Debian's chromium (Playwright, headless) opens each page, refuses any request that leaves the
site (no map tiles, nothing third-party), waits for the fonts, every picture (lazy ones
included) and, on the map, the markers, then keeps the page from its top: the whole page up
to 2,400 px high on a phone (360 px wide), 1,800 px at 1440 px. The PNGs are reduced to 256
colours with Pillow (a third of the size; screenshots have few colours).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.lighthouse import start_server  # noqa: E402

WORK = ROOT / ".screenshots"
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


@dataclass(frozen=True)
class Width:
    name: str
    width: int
    height: int  # the viewport's
    cap: int  # the tallest picture kept


PHONE = Width("360", 360, 800, 2400)
DESKTOP = Width("1440", 1440, 900, 1800)


@dataclass(frozen=True)
class Shot:
    name: str
    route: str  # a key of routes()
    widths: tuple[Width, ...] = (PHONE, DESKTOP)
    action: str = ""  # "submit-empty", "map", "admin"


SHOTS = [
    Shot("home", "home"),
    Shot("home-fr", "home_fr"),
    Shot("standard", "standard"),
    Shot("directory", "directory"),
    Shot("signatory", "signatory"),
    Shot("signatory-fr", "signatory_fr"),
    Shot("initiative", "initiative"),
    Shot("library", "library"),
    Shot("pillar", "pillar"),
    Shot("map", "map", action="map"),
    Shot("search", "search"),
    Shot("join", "join"),
    Shot("join-errors", "join", action="submit-empty"),
    Shot("newsletter", "newsletter"),
    Shot("404", "missing"),
    Shot("admin-editor", "admin", widths=(DESKTOP,), action="admin"),
]

ROUTES_SCRIPT = """
import json
from home.demo.builder import DEMO_USERS
from home.models import StandardPage
from pact_pages.models import (InitiativeLibraryPage, InitiativePage, JoinPage, MapPage,
    NewsletterPage, Pillar, SignatoryIndexPage, SignatoryPage)
def first(model, language="en", **filters):
    return (model.objects.live().public().filter(locale__language_code=language, **filters)
            .order_by("path").first())
strasbourg = first(SignatoryPage, slug="strasbourg") or first(SignatoryPage)
initiative = (InitiativePage.objects.live().public().child_of(strasbourg)
              .exclude(featured_image=None).order_by("-first_published_at").first()
              or first(InitiativePage))
french = (SignatoryPage.objects.live().public().filter(locale__language_code="fr")
          .exclude(alias_of__isnull=False).order_by("path").first())
library = first(InitiativeLibraryPage)
pillar = Pillar.objects.filter(locale__language_code="en").order_by("sort_order").first()
editor = next(user for user in DEMO_USERS if user.username == "editor")
print(json.dumps({
    "editor": [editor.username, editor.password],
    "home": "/en/",
    "home_fr": "/fr/",
    "standard": first(StandardPage).url,
    "directory": first(SignatoryIndexPage).url,
    "signatory": strasbourg.url,
    "signatory_fr": (french or strasbourg).url,
    "initiative": initiative.url,
    "library": library.url,
    "pillar": f"{library.url}?pillar={pillar.slug}",
    "map": first(MapPage).url,
    "search": "/en/search/?q=school",
    "join": first(JoinPage).url,
    "newsletter": first(NewsletterPage).url,
    "missing": "/en/no-such-page/",
    "admin": "/admin/",
}))
"""

# Lazy pictures load when scrolled to; a screenshot of the whole page needs them all.
LOAD_EVERYTHING = """
async () => {
    for (const image of document.querySelectorAll('img[loading="lazy"]')) image.loading = "eager";
    await document.fonts.ready;
    await Promise.all([...document.images].filter(image => !image.complete).map(image =>
        new Promise(done => { image.onload = image.onerror = done; })));
    return document.documentElement.scrollHeight;
}
"""


def site_environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchmarks.screenshot_settings",
        "DATABASE_URL": f"sqlite:///{WORK / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(WORK / "media"),
    }


def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return done.stdout if capture else ""


def prepare(env: dict[str, str], keep: bool) -> None:
    """A fresh demo (or the last run's with ``keep``)."""
    database = WORK / "demo.sqlite3"
    if not keep:
        database.unlink(missing_ok=True)
        shutil.rmtree(WORK / "media", ignore_errors=True)
    WORK.mkdir(exist_ok=True)
    if not database.exists():
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_demo", "--no-progress")


def routes(env: dict[str, str]) -> dict:
    """The pages' addresses in the demo, and the signatory editor's login."""
    output = manage(env, "shell", "-c", ROUTES_SCRIPT, capture=True)
    return json.loads(output.strip().splitlines()[-1])


def free_port(first: int = 8100, last: int = 8999) -> int:
    for port in range(first, last + 1):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port between {first} and {last}")


def only_the_site(origin: str):
    """Playwright route handler: the site's own requests go through, the rest are refused."""

    def handle(route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            route.abort()

    return handle


def sign_in(page, origin: str, login: list[str]) -> None:
    """The demo's signatory editor (Strasbourg), through the admin's sign-in form."""
    page.goto(f"{origin}/admin/login/")
    page.fill("#id_username", login[0])
    page.fill("#id_password", login[1])
    with page.expect_navigation():
        page.click("button[type=submit], input[type=submit]")


def act(page, shot: Shot) -> None:
    """What happens between loading the page and the picture."""
    if shot.action == "map":
        page.wait_for_selector(".leaflet-marker-icon", state="attached", timeout=30_000)
        page.wait_for_timeout(500)  # the clusters' animation
    elif shot.action == "submit-empty":
        # The server's answer to an empty form (the browser's own checks skipped).
        form = page.locator("main form[method=post], main form[method=POST]").first
        form.evaluate("form => form.setAttribute('novalidate', '')")
        with page.expect_navigation():
            form.locator("button[type=submit], input[type=submit]").last.click()


def optimised_png(data: bytes) -> bytes:
    image = Image.open(BytesIO(data)).convert("RGB")
    reduced = image.quantize(256, method=Image.Quantize.FASTOCTREE)
    buffer = BytesIO()
    reduced.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def capture(browser, origin: str, urls: dict, shots: list[Shot], out: Path) -> list[Path]:
    written = []
    for width in (PHONE, DESKTOP):
        context = browser.new_context(
            viewport={"width": width.width, "height": width.height},
            device_scale_factor=1,
            reduced_motion="reduce",
            locale="en-GB",
        )
        context.route("**/*", only_the_site(origin))
        page = context.new_page()
        signed_in = False
        for shot in shots:
            if width not in shot.widths:
                continue
            if shot.action == "admin" and not signed_in:
                sign_in(page, origin, urls["editor"])
                signed_in = True
            page.goto(origin + urls[shot.route], wait_until="networkidle")
            act(page, shot)
            page.wait_for_load_state("networkidle")
            height = page.evaluate(LOAD_EVERYTHING)
            clip = {"x": 0, "y": 0, "width": width.width, "height": min(height, width.cap)}
            data = page.screenshot(full_page=True, clip=clip, animations="disabled")
            path = out / f"{shot.name}-{width.name}.png"
            path.write_bytes(optimised_png(data))
            written.append(path)
            print(f"  {path}  {path.stat().st_size / 1000:.0f} KB", flush=True)
        context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="reuse the last run's demo")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="these screenshots only")
    parser.add_argument("--port", type=int, help="default: the first free one from 8100")
    parser.add_argument("--out", type=Path, default=OUT, help="default: docs/screenshots/")
    options = parser.parse_args()
    shots = [shot for shot in SHOTS if not options.only or shot.name in options.only]
    if not shots:
        raise SystemExit(f"no such screenshot; the names: {', '.join(s.name for s in SHOTS)}")

    from playwright.sync_api import sync_playwright

    started = time.perf_counter()
    env = site_environment()
    prepare(env, options.keep)
    urls = routes(env)
    loaded = time.perf_counter()
    port = options.port or free_port()
    server = start_server(env, port, "--insecure")  # DEBUG off: the real 404 page
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            options.out.mkdir(parents=True, exist_ok=True)
            written = capture(browser, f"http://127.0.0.1:{port}", urls, shots, options.out)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    total = sum(path.stat().st_size for path in written)
    print(
        f"{len(written)} screenshots, {total / 1000:.0f} KB, in "
        f"{time.perf_counter() - started:.0f} s ({loaded - started:.0f} s for the demo)"
    )


if __name__ == "__main__":
    main()
