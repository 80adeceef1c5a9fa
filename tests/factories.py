"""Factories for the Pact's pages, built on wagtail_factories.

Every page factory needs a ``parent`` (a page already in the tree): the page is attached
with ``parent.add_child(instance=page)``, like an editor creating it in the admin. Pages are
live and dated as published unless ``live=False`` is passed.
"""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Collection, Locale, Page

from home.models import StandardPage
from pact_pages.models import (
    InitiativeLibraryPage,
    InitiativePage,
    InitiativePillar,
    InitiativeStatus,
    Pillar,
    SignatoryIndexPage,
    SignatoryPage,
    SignatoryType,
)


def pillar(slug: str, locale: Locale | None = None) -> Pillar:
    """One of the four Ps seeded by the migrations (English unless ``locale`` is given)."""
    return Pillar.objects.get(slug=slug, locale=locale or Locale.get_default())


def publish(page: Page) -> Page:
    """Publishes a page through a revision, as the admin's "Publish" button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class ImageFactory(wagtail_factories.ImageFactory):
    """An image in the root collection (wagtail_factories would add a new root per image)."""

    title = factory.Sequence(lambda n: f"Picture {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=32, height=18, color="#1f6f43")


class BasePageFactory(wagtail_factories.PageFactory):
    """A live page with a publication date, so "newest first" listings have an order."""

    live = True
    first_published_at = factory.LazyAttribute(lambda page: timezone.now() if page.live else None)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if kwargs.get("parent") is None:
            raise ValueError(f"{cls.__name__} needs a parent page: the tree has one root.")
        return super()._create(model_class, *args, **kwargs)


class StandardPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"About the campaign {n}")
    introduction = "Why the Council of Europe runs the ONE in FIVE campaign."

    class Meta:
        model = StandardPage


class SignatoryIndexPageFactory(BasePageFactory):
    title = "Participants"
    slug = "participants"
    introduction = "<p>Towns and regions that signed the Pact.</p>"

    class Meta:
        model = SignatoryIndexPage


class InitiativeLibraryPageFactory(BasePageFactory):
    title = "Initiatives"
    slug = "initiatives"
    introduction = "<p>What signatories do under the four Ps.</p>"

    class Meta:
        model = InitiativeLibraryPage


class SignatoryPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"Town {n}")
    official_name = factory.LazyAttribute(lambda page: f"Ville de {page.title}")
    signatory_type = SignatoryType.TOWN
    country = "FR"
    signed_on = datetime.date(2021, 11, 18)
    latitude = Decimal("48.583900")
    longitude = Decimal("7.745500")
    introduction = factory.LazyAttribute(lambda page: f"{page.title} signed the Pact.")

    class Meta:
        model = SignatoryPage


class InitiativePageFactory(BasePageFactory):
    """An initiative under a signatory, with its Ps (``pillars``, slugs) and free ``tags``.

    The P links and tags are set on the page before it is added to the tree, as the admin's
    create form does, so the page never exists without a P.
    """

    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = factory.LazyAttribute(lambda page: f"What {page.title} does for children.")
    status = InitiativeStatus.ONGOING
    start_date = datetime.date(2022, 3, 1)

    class Meta:
        model = InitiativePage

    class Params:
        pillars = ("prevention",)

    pillar_links = factory.LazyAttribute(
        lambda page: [
            InitiativePillar(pillar=pillar(slug, page.parent.locale), sort_order=order)
            for order, slug in enumerate(page.pillars)
        ]
    )

    @classmethod
    def _create(cls, model_class, *args, tags=(), **kwargs):
        if kwargs.get("parent") is None:
            raise ValueError("InitiativePageFactory needs a parent signatory page.")
        parent = kwargs.pop("parent")
        page = model_class(**kwargs)
        page.tags.add(*tags)
        parent.add_child(instance=page)
        return page
