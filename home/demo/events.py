"""The demo's events: 40 across the last and next 12 months (from the day the demo is
loaded), under the signatories and the Congress's calendar; some online, some all-day (the
European Day, 18 November), the calendar's own translated into French and German."""

import datetime
from decimal import Decimal

from django.db import transaction
from wagtail.models import Locale, Page

from pact_pages.models import CalendarPage, EventPage, EventPillar, Pillar, SignatoryPage

from .translations import needs_translation, translate

COUNT = 40
EUROPEAN_DAY = (11, 18)
CALENDAR_TITLES = {"en": "Events", "fr": "Agenda", "de": "Veranstaltungen"}
# (title, summary, Ps, attendance); "{place}" is the signatory's name.
KINDS = [
    (
        "Training for teachers in {place}",
        "Recognising the signs of sexual abuse and knowing whom to call.",
        ("prevention",),
        "in_person",
    ),
    (
        "Webinar: keeping children safe online",
        "How grooming works online and what parents can do.",
        ("prevention", "protection"),
        "online",
    ),
    (
        "Child-friendly hearings: a workshop for judges",
        "Interviewing children without harming them again.",
        ("prosecution",),
        "hybrid",
    ),
    (
        "Children's council meets the mayor of {place}",
        "Children present their proposals for safer neighbourhoods.",
        ("participation",),
        "in_person",
    ),
    (
        "Barnahus open day in {place}",
        "Visit of the children's house: one place for hearings, care and support.",
        ("protection",),
        "in_person",
    ),
    (
        "Conference: the Lanzarote Convention in practice",
        "Signatories share what worked under the four Ps.",
        ("prevention", "prosecution"),
        "hybrid",
    ),
]
TRANSLATED = {
    "fr": (
        "Journée européenne pour la protection des enfants",
        "Une journée pour parler, écouter et agir contre les abus sexuels.",
    ),
    "de": (
        "Europäischer Tag zum Schutz von Kindern",
        "Ein Tag, um über sexuellen Missbrauch zu sprechen, zuzuhören und zu handeln.",
    ),
}
DAY_TITLE = (
    "European Day on the Protection of Children against Sexual Exploitation and Sexual Abuse"
)
DAY_SUMMARY = "A day to talk, listen and act against sexual abuse of children."
ZONES = {
    "FR": "Europe/Paris",
    "DE": "Europe/Berlin",
    "IT": "Europe/Rome",
    "ES": "Europe/Madrid",
    "PT": "Europe/Lisbon",
    "GB": "Europe/London",
    "PL": "Europe/Warsaw",
    "GR": "Europe/Athens",
    "TR": "Europe/Istanbul",
    "UA": "Europe/Kyiv",
    "NL": "Europe/Amsterdam",
    "BE": "Europe/Brussels",
}


def build_events(home: Page, signatories: list[SignatoryPage], today: datetime.date | None = None):
    """Adds the calendar and the events, unless a calendar is there already (a rerun)."""
    existing = CalendarPage.objects.child_of(home).first()
    if existing is not None:
        # A rerun adds no event; it only makes earlier plain copies wagtail-localize translations.
        days = EventPage.objects.child_of(existing).filter(all_day=True)
        _translate(existing, list(days.specific()))
        return
    today = today or datetime.date.today()
    pillars = {p.slug: p for p in Pillar.objects.filter(locale=home.locale)}
    with transaction.atomic():
        calendar = _publish(
            home, CalendarPage(title=CALENDAR_TITLES["en"], slug="calendar", show_in_menus=True)
        )
        hosts = [page for page in signatories if page.latitude is not None][:12] or signatories
        staff_events = [_european_day(calendar, day, pillars) for day in european_days(today)]
        others = COUNT - len(staff_events)
        for number in range(others):
            day = today + datetime.timedelta(days=round(-365 + number * 730 / (others - 1)))
            title, summary, slugs, attendance = KINDS[number % len(KINDS)]
            host = hosts[number % len(hosts)] if hosts else None
            parent = host if host is not None and number % 5 else calendar
            place = host.title if host is not None else "Strasbourg"
            event = _event(parent, title.format(place=place), summary, slugs, pillars, number)
            zone = ZONES.get(getattr(host, "country", ""), "Europe/Paris")
            _when(event, day, 9 + number % 9, zone, all_day=False)
            _where(event, attendance, host)
            _publish(parent, event)
            if parent is calendar:
                staff_events.append(event)
        _translate(calendar, staff_events)


def european_days(today: datetime.date) -> list[datetime.date]:
    """Every 18 November from a year back to a year ahead: one or two, never the same twice."""
    window = (today - datetime.timedelta(days=365), today + datetime.timedelta(days=365))
    days = (datetime.date(year, *EUROPEAN_DAY) for year in range(today.year - 1, today.year + 2))
    return [day for day in days if window[0] <= day <= window[1]]


def _european_day(calendar: CalendarPage, day: datetime.date, pillars) -> EventPage:
    """The European Day of ``day``'s year: an all-day, online and in-person event."""
    event = _event(
        calendar, f"{DAY_TITLE} {day.year}", DAY_SUMMARY, ("prevention", "participation"), pillars
    )
    event.slug = f"european-day-{day.year}"
    _when(event, day, 0, "Europe/Paris", all_day=True)
    _where(event, "hybrid", None)
    return _publish(calendar, event)


def _event(parent, title: str, summary: str, slugs, pillars, number: int = 0) -> EventPage:
    event = EventPage(
        title=title, slug=f"event-{number:02d}", summary=summary, event_languages=["en", "fr"]
    )
    event.pillar_links = [
        EventPillar(pillar=pillars[slug], sort_order=i)
        for i, slug in enumerate(slugs)
        if slug in pillars
    ]
    event.tags.add("demo")
    return event


def _when(event: EventPage, day: datetime.date, hour: int, zone: str, all_day: bool) -> None:
    from pact_pages.events.zones import aware

    event.time_zone, event.all_day = zone, all_day
    event.start = aware(datetime.datetime.combine(day, datetime.time(hour)), zone)
    length = datetime.timedelta(days=0) if all_day else datetime.timedelta(hours=2)
    event.end = event.start + length


def _where(event: EventPage, attendance: str, host: SignatoryPage | None) -> None:
    event.attendance = attendance
    if attendance in ("online", "hybrid"):
        event.online_url = "https://meet.example.org/pact-demo"
        event.registration_url = "https://example.org/register"
    if attendance in ("in_person", "hybrid"):
        place = host.title if host is not None else "Strasbourg"
        event.address = (
            f"Town hall, {place}"
            if host is not None
            else "Palais de l'Europe, Avenue de l'Europe, 67000 Strasbourg"
        )
        lat, lon = (
            (host.latitude, host.longitude)
            if host is not None
            else (Decimal("48.5946"), Decimal("7.7749"))
        )
        event.latitude, event.longitude = lat, lon


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _translate(calendar: CalendarPage, events: list[EventPage]) -> None:
    """The calendar and its European Days in French and German (wagtail-localize
    translations, as the rest of the demo's), where those locales exist."""
    for code, (title, summary) in TRANSLATED.items():
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None:
            continue
        if needs_translation(calendar, locale):
            translate(calendar, locale, {CALENDAR_TITLES["en"]: CALENDAR_TITLES[code]})
        for event in events:
            if event.all_day and needs_translation(event, locale):
                year = event.first_day.year
                strings = {event.title: f"{title} {year}", event.summary: summary}
                translate(event, locale, strings)
