"""Response schemas of the API (documented in the OpenAPI schema)."""

import datetime

from ninja import Field, Schema

from pact_pages.core.queries import CARD_IMAGE_SPEC, LOGO_SPEC

# Declared image sizes (Wagtail rendition filter specs). The small ones are those the public
# listings show (and prefetch); list endpoints give those, detail endpoints all of them.
LOGO_SIZES = {"small": LOGO_SPEC, "large": "max-480x480"}
IMAGE_SIZES = {"card": CARD_IMAGE_SPEC, "large": "max-1200x1200"}


class ProblemError(Schema):
    parameter: str = Field(description="The query or path parameter at fault.")
    message: str = Field(description="What is wrong with it.")


class Problem(Schema):
    """An error, as RFC 9457 problem details."""

    type: str = Field(description="A URI identifying the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What happened, for a human reader.")
    errors: list[ProblemError] = Field(
        default_factory=list, description="One entry per invalid parameter."
    )


class Rendition(Schema):
    url: str = Field(description="Absolute URL of the resized image.")
    width: int
    height: int


class Image(Schema):
    id: int
    title: str = Field(description="The image's title in the media library.")
    alt: str = Field(description="Alternative text.")
    renditions: dict[str, Rendition] = Field(
        description="Resized versions by declared size name (see the endpoint's description)."
    )


class PageBase(Schema):
    id: int = Field(description="Wagtail page id (each translation has its own).")
    url: str | None = Field(
        description=(
            "Absolute URL of the public page in the requested language (an untranslated "
            "item's source page under the requested language prefix)."
        )
    )
    locale: str = Field(description="The requested language.")
    served_locale: str = Field(description="The language the content is written in.")
    fallback: bool = Field(
        description="True when the item is not translated into `locale` yet and is served "
        "in the source language (`served_locale`), also for a page of `locale` that only "
        "holds the source's text (wagtail-localize's alias of an untranslated page)."
    )
    translations: dict[str, str] = Field(
        description="Published translations: language code → absolute URL."
    )
    title: str
    slug: str = Field(description="The slug of this page (a translation's own).")
    first_published_at: datetime.datetime | None = Field(
        description="When the item was first published, in any language (a translation "
        "published later keeps the original's date)."
    )
    last_published_at: datetime.datetime | None = Field(
        description="When this page (this translation) was last published."
    )


class Contact(Schema):
    person: str
    email: str


class Commitment(Schema):
    pillar: str = Field(description="Slug of the P.")
    pillar_name: str = Field(description="Name of the P in the requested language.")
    text: str


class SignatorySummary(PageBase):
    official_name: str
    type: str = Field(description="Type of signatory (code).")
    type_label: str = Field(description="Type of signatory, in the requested language.")
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    country_name: str = Field(description="Country name in the requested language.")
    signed_on: datetime.date
    introduction: str
    logo: Image | None = Field(description=f"Logo, sizes {LOGO_SIZES}.")
    latitude: float | None
    longitude: float | None
    population: int | None
    website: str
    initiative_count: int = Field(description="Published initiatives (each counted once).")
    commitments: list[Commitment] = Field(description="Commitments under the four Ps.")
    contact: Contact | None = Field(
        description="Contact details, only when the signatory chose to publish them."
    )


class SignatoryDetail(SignatorySummary):
    body: str = Field(description="The profile's story as HTML, internal links resolved.")


class PillarRef(Schema):
    slug: str
    name: str = Field(description="Name in the requested language.")
    colour: str


class TagRef(Schema):
    slug: str
    name: str


class SignatoryRef(Schema):
    id: int
    title: str
    url: str | None
    country: str


class ChildrenVersion(Schema):
    summary: str = Field(description="What the initiative is about, written for children.")
    meaning: str = Field(description="What the initiative means for a child.")
    helpline: str = Field(description="Where a child can get help (e.g. 116 111), or empty.")
    image: Image | None = Field(description=f"Picture for children, sizes {IMAGE_SIZES}.")


class InitiativeSummary(PageBase):
    summary: str
    status: str
    status_label: str = Field(description="Status in the requested language.")
    start_date: datetime.date | None
    end_date: datetime.date | None
    pillars: list[PillarRef]
    tags: list[TagRef]
    image: Image | None = Field(description=f"Featured image, sizes {IMAGE_SIZES}.")
    for_children: ChildrenVersion | None = Field(
        description="The initiative's version for children (its page at `?version=children`), "
        "or null when it has none."
    )
    signatory: SignatoryRef | None


class InitiativeDetail(InitiativeSummary):
    body: str = Field(description="The story as HTML, internal links resolved.")
    target_groups: str
    partners: str
    results: str


class Paginated(Schema):
    count: int = Field(
        description=(
            "Total number of matching items. With `q`, counted up to 1,000 "
            "(`PACT_API_SEARCH_COUNT_LIMIT`): beyond, `count` is that limit, a lower bound."
        )
    )
    count_exact: bool = Field(
        description=(
            "Whether `count` is exact: false only with `q` and more matches than the limit. "
            "`next` and `next_cursor` stay correct either way."
        )
    )
    next: str | None = Field(description="URL of the next page, or null.")
    previous: str | None = Field(
        description="URL of the previous page, or null (always null with `cursor`)."
    )
    next_cursor: str | None = Field(
        description="Pass as `cursor` for the next page (keyset pagination), or null."
    )


class SignatoryList(Paginated):
    results: list[SignatorySummary]


class InitiativeList(Paginated):
    results: list[InitiativeSummary]


class PillarOut(Schema):
    slug: str = Field(description="Stable slug, used by the `pillar` filters.")
    name: str
    description: str
    colour: str
    locale: str = Field(description="Language of name and description.")
    initiative_count: int = Field(description="Published initiatives under this P.")
    signatory_count: int = Field(description="Signatories with a commitment under this P.")


class CountryOut(Schema):
    code: str = Field(description="ISO 3166-1 alpha-2 code.")
    name: str = Field(description="Name in the requested language.")
    signatory_count: int
    initiative_count: int


class TagOut(Schema):
    slug: str
    name: str
    initiative_count: int


class Stats(Schema):
    signatories: int = Field(description="Signatories, each counted once.")
    territorial: int = Field(description="Towns, municipalities and regions.")
    other: int = Field(description="Associations, representatives and other organisations.")
    countries: int = Field(description="Countries of the signatories.")
    initiatives: int = Field(description="Published initiatives, each counted once.")
    per_pillar: dict[str, int] = Field(description="Initiatives per P slug.")
    per_type: dict[str, int] = Field(description="Signatories per type code.")
    sentence: str = Field(description="The home page's headline, in the requested language.")
    locale: str
