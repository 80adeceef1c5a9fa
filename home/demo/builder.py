"""Builds the demo site: pages, pictures, users. Safe to run again: it only adds what is missing."""

import datetime
import random
from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site
from wagtail.rich_text import RichText

from pact_pages.api import index as api_index
from pact_pages.models import (
    InitiativeLibraryPage,
    InitiativePage,
    InitiativePillar,
    JoinPage,
    LocaleTranslators,
    MapPage,
    NewsletterPage,
    Pillar,
    SignatoryIndexPage,
    SignatoryPage,
    SignupRequest,
)
from pact_pages.moderation.workflow import setup_moderation
from pact_pages.signatories import access

from ..models import HomePage, SocialLinks, StandardPage
from . import images, texts
from .children import build_children_versions
from .compose import initiative_texts
from .events import build_events
from .follow_up import build_follow_up
from .plan import REFERENCE_DAY, Planned
from .profiles import signatory_texts
from .sources import (  # noqa: F401 (tests and commands read them here)
    DEMO_USERS,
    EDITED_SIGNATORIES,
    DemoUser,
    demo_plan,
    read_initiatives,
    read_signatories,
)
from .translations import DemoTranslations


class DemoBuilder:
    """Creates the demo content step by step; each step skips what already exists."""

    def __init__(
        self,
        progress: Callable[[Iterable, str], Iterable] = lambda items, _: items,
        limit: int | None = None,
    ):
        """``limit`` loads only the first N signatories (plus those the demo users edit)."""
        self.progress = progress
        self.limit = limit
        self.random = random.Random(2013)
        self.pillars = {
            pillar.slug: pillar for pillar in Pillar.objects.filter(locale__language_code="en")
        }
        self.collection = self._collection("Demo pictures")
        self.plan = demo_plan()
        self.archetypes = read_initiatives()

    def build(self) -> None:
        with api_index.deferred():  # one rebuild of the API's index at the end
            self._build()

    def _build(self) -> None:
        home = HomePage.objects.filter(depth=2).first().specific
        standard_pages = self.build_home(home)
        sections = texts.EXTRA["en"]["SECTIONS"]
        directory = self._child(
            home,
            SignatoryIndexPage,
            "participants",
            title=sections["participants"],
            show_in_menus=True,
            introduction=f"<p>{sections['participants_intro']}</p>",
        )
        library = self._child(
            home,
            InitiativeLibraryPage,
            "initiatives",
            title=sections["initiatives"],
            show_in_menus=True,
            introduction=f"<p>{sections['initiatives_intro']}</p>",
        )
        map_page = self._child(
            home,
            MapPage,
            "map",
            title=sections["map"],
            show_in_menus=True,
            introduction=f"<p>{sections['map_intro']}</p>",
        )
        home.aims_link = standard_pages["campaign"]
        home.pact_link = standard_pages["pact"]
        if self._home_changed(home):
            home.save_revision().publish()
        join_pages = self.build_join(home, standard_pages)
        signatories = self.build_signatories(directory)
        DemoTranslations(self.archetypes, self.plan, read_signatories(), self.progress).build(
            home,
            {
                **standard_pages,
                **join_pages,
                "directory": directory,
                "library": library,
                "map": map_page,
            },
            signatories,
            list(self.pillars.values()),
        )
        build_children_versions(self.collection)  # 30 versions for children, 10 in French
        build_events(home, signatories)
        self.build_users(directory)
        build_follow_up(home, signatories)  # plans, rounds 2024 and 2026, reports
        self.build_signups()
        self.build_social_links()

    @staticmethod
    def build_social_links() -> None:
        """The seed page links the campaign's Facebook page and its RSS feed; the Council of
        Europe's accounts stand in for the campaign's own."""
        links = SocialLinks.for_site(Site.objects.get(is_default_site=True))
        for network, url in texts.SOCIAL_LINKS.items():
            setattr(links, network, getattr(links, network) or url)
        links.save()

    @staticmethod
    def _home_changed(home: HomePage) -> bool:
        """Whether the demo texts differ from the published home page (a rerun adds no revision)."""
        if home.live_revision_id is None:
            return True
        stored = HomePage.objects.get(pk=home.pk)
        fields = ["title", "introduction", "aims_heading", "aims_text", "pact_heading"]
        fields += ["pact_text", "aims_link_id", "pact_link_id"]
        return any(getattr(home, field) != getattr(stored, field) for field in fields)

    def build_home(self, home: HomePage) -> dict[str, StandardPage]:
        home.title = texts.EXTRA["en"]["SECTIONS"]["home"]
        home.introduction = texts.INTRODUCTION
        home.aims_heading = texts.AIMS_HEADING
        home.aims_text = texts.AIMS_TEXT
        home.pact_heading = texts.PACT_HEADING
        home.pact_text = texts.PACT_TEXT
        pages = {}
        for slug, (title, introduction, paragraphs) in texts.STANDARD_PAGES.items():
            pages[slug] = self._child(
                home,
                StandardPage,
                slug,
                title=title,
                introduction=introduction,
                show_in_menus=True,
                body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
            )
        return pages

    def build_join(
        self, home: HomePage, standard_pages: dict[str, StandardPage]
    ) -> dict[str, Page]:
        title, introduction, paragraphs = texts.PRIVACY_NOTICE
        privacy = self._child(
            home,
            StandardPage,
            "privacy",
            title=title,
            introduction=introduction,
            body=[("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
        )
        join = self._child(
            home,
            JoinPage,
            "join",
            title=texts.EXTRA["en"]["SECTIONS"]["join"],
            show_in_menus=True,
            introduction=texts.JOIN_INTRODUCTION,
            pact_page=standard_pages["pact"],
            privacy_page=privacy,
        )
        sections = texts.EXTRA["en"]["SECTIONS"]
        newsletter = self._child(
            home,
            NewsletterPage,
            "newsletter",
            title=sections["newsletter"],
            introduction=f"<p>{sections['newsletter_intro']}</p>",
            privacy_page=privacy,
        )
        return {"join": join, "privacy": privacy, "newsletter": newsletter}

    def build_signups(self) -> None:
        """A few requests waiting for the moderators."""
        for fields in texts.PENDING_SIGNUPS:
            SignupRequest.objects.get_or_create(
                email=fields["email"],
                defaults={**fields, "accepted_pact": True, "accepted_privacy": True},
            )

    def build_signatories(self, directory: SignatoryIndexPage) -> list[SignatoryPage]:
        """The signatories in the CSV's order, those of the demo editors first."""
        signatories = []
        for row in self.progress(self._rows(), "Signatories"):
            planned = self.plan[slugify(row["name"])]
            signatory = self._signatory(directory, row, planned)
            if self._planned_here(signatory, row, planned):
                for item in planned:
                    self._initiative(signatory, row, item)
            signatories.append(signatory)
        edited = set(EDITED_SIGNATORIES.values())
        return sorted(signatories, key=lambda page: page.slug not in edited)

    def _rows(self) -> list[dict[str, str]]:
        rows = read_signatories()
        if self.limit is None:
            return rows
        edited = set(EDITED_SIGNATORIES.values())
        return [
            row
            for number, row in enumerate(rows)
            if number < self.limit or slugify(row["name"]) in edited
        ]

    def _planned_here(self, signatory: SignatoryPage, row: dict, planned: list[Planned]) -> bool:
        """Whether to add the planned initiatives: not under a signatory that an earlier demo
        loader filled with other ones (its pages are left as they are, not doubled)."""
        existing = set(signatory.get_children().values_list("slug", flat=True))
        return not existing or bool(existing & {self._slug(row, item) for item in planned})

    def _texts(self, row: dict, item: Planned) -> dict:
        archetype = self.archetypes[item.archetype]
        return initiative_texts(archetype, archetype, item, row, "en")

    def _slug(self, row: dict, item: Planned) -> str:
        return slugify(self._texts(row, item)["title"])[:80]

    def _signatory(
        self, directory: SignatoryIndexPage, row: dict[str, str], planned: list[Planned]
    ) -> SignatoryPage:
        slug = slugify(row["name"])
        existing = SignatoryPage.objects.child_of(directory).filter(slug=slug).first()
        if existing:
            return existing
        place = row["name"]
        focus = self.archetypes[planned[0].archetype]["pillars"][0] if planned else None
        profile = signatory_texts(row, focus, "en")
        commitments = {f"commitment_{p}": text for p, text in profile["commitments"].items()}
        page = SignatoryPage(
            title=place,
            slug=slug,
            official_name=row["official_name"] or place,
            signatory_type=row["type"],
            country=row["country"],
            latitude=row["latitude"] or None,
            longitude=row["longitude"] or None,
            population=row["population"] or None,
            website=row["website"],
            contact_person=row["contact_person"],
            contact_email=f"pact@{slug}.example.org",
            contact_public=self.random.random() < 0.3,
            signed_on=datetime.date.fromisoformat(row["signed_on"]),
            introduction=profile["introduction"],
            body=[("paragraph", RichText(f"<p>{text}</p>")) for text in profile["body"]],
            **commitments,
        )
        with transaction.atomic():
            directory.add_child(instance=page)
            # As on approval: the signatory's own group and collection; its logo goes there.
            collection = access.ensure_access(page).collection
            page.logo = self._image(
                f"Emblem of {place}",
                lambda: images.emblem(row["type"], slug, f"emblem-{slug}.png"),
                collection,
            )
            page.save_revision().publish()
        self._backdate(page, page.signed_on)
        return page

    def _initiative(self, signatory: SignatoryPage, row: dict, item: Planned) -> None:
        archetype = self.archetypes[item.archetype]
        content = self._texts(row, item)
        slug = slugify(content["title"])[:80]
        if InitiativePage.objects.child_of(signatory).filter(slug=slug).exists():
            return
        picture = self._image(
            f"Illustration: {content['title']}",
            lambda: images.illustration(
                [self.pillars[p].colour for p in archetype["pillars"]],
                archetype["tags"],
                item.seed,
                f"initiative-{slug[:60]}.png",
            ),
        )
        page = InitiativePage(
            title=content["title"],
            slug=slug,
            summary=content["summary"],
            status=item.status,
            start_date=item.start,
            end_date=item.end,
            target_groups=content["target_groups"],
            partners=content["partners"],
            results=content["results"],
            featured_image=picture,
            body=self._body(content, picture),
            pillar_links=[
                InitiativePillar(pillar=self.pillars[slug], sort_order=order)
                for order, slug in enumerate(archetype["pillars"])
            ],
        )
        page.tags.add(*archetype["tags"])
        self._publish(signatory, page)
        # A planned initiative is announced before it starts: dated some weeks before the
        # demo's day, so the newest stories are not all plans.
        announced = REFERENCE_DAY - datetime.timedelta(days=30 + item.seed % 700)
        self._backdate(page, item.start if item.start <= REFERENCE_DAY else announced)

    @staticmethod
    def _body(content: dict, picture) -> list:
        paragraphs = content["body"]
        body = [("paragraph", RichText(f"<p>{paragraphs[0]}</p>"))]
        if content["key_figures"]:
            body.append(("key_figures", {"figures": content["key_figures"]}))
        if content["heading"]:
            body.append(("heading", content["heading"]))
        body += [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs[1:]]
        if content["quote"]:
            body.append(("quote", content["quote"]))
        body.append(("image", {"image": picture, "alt_text": "", "caption": content["title"]}))
        return body

    def build_users(self, directory: SignatoryIndexPage) -> None:
        """Demo accounts, given their rights by the same code as real onboarding."""
        User = get_user_model()
        users = {}
        for demo in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=demo.username,
                defaults={
                    "email": f"{demo.username}@example.org",
                    "first_name": demo.username.title(),
                },
            )
            if created:
                user.set_password(demo.password)
                user.is_superuser = user.is_staff = demo.username == "admin"
                user.save()
            users[demo.username] = user
        # The campaign's own site: the whole tree, home pages included, is moderated.
        moderation = setup_moderation(whole_tree=True)  # also the translator groups
        users["moderator"].groups.add(moderation.group)
        for username, slug in EDITED_SIGNATORIES.items():
            access.grant(users[username], SignatoryPage.objects.child_of(directory).get(slug=slug))
        french = LocaleTranslators.objects.get(locale__language_code="fr")
        users["translator"].groups.add(french.group)

    def _collection(self, name: str) -> Collection:
        existing = Collection.objects.filter(name=name).first()
        return existing or Collection.get_first_root_node().add_child(name=name)

    def _image(self, title: str, draw: Callable, collection: Collection | None = None):
        Image = get_image_model()
        collection = collection or self.collection
        existing = Image.objects.filter(title=title, collection=collection).first()
        if existing:
            return existing
        return Image.objects.create(title=title, file=draw(), collection=collection)

    def _child(self, parent: Page, page_class: type[Page], slug: str, **fields) -> Page:
        existing = page_class.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        return self._publish(parent, page_class(slug=slug, **fields))

    @staticmethod
    def _backdate(page: Page, day: datetime.date) -> None:
        """Dates the publication like a real site's history, so "latest" lists vary."""
        moment = min(
            timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
            timezone.now(),
        )
        # A queryset update sends no signal; the API's index is rebuilt after the load.
        Page.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)

    @staticmethod
    def _publish(parent: Page, page: Page) -> Page:
        with transaction.atomic():
            parent.add_child(instance=page)
            page.save_revision().publish()
        return page
