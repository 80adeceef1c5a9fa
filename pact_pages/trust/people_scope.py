"""Which accounts a signatory editor or a translator may see named in the admin (issue 14).

Wagtail's listings offer users as filter choices ("requested by", "owner", "edited by",
"locked by", "user" of a history): every requester, owner or editor of the whole site. For
a signatory editor that is the list of every other signatory's contact people (and, as user
names were their e-mail addresses, their addresses). Here such a user sees only the accounts
that share one of its groups (its signatory's co-editors, its locale's co-translators) and
itself; staff (superusers and Congress moderators) are left out of its lists altogether.
Staff see everyone, as before.

Every Wagtail listing builds its filters in ``BaseListingView.filters``: wrapping that one
property scopes every filter whose choices are users, in Wagtail's listings and in any new
one (a report, a model viewset with ``list_filter = ["owner"]``), without naming them.
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils.functional import cached_property
from wagtail.admin.views.generic.base import BaseListingView

from pact_pages.onboarding.admin import REVIEW_PERMISSION
from pact_pages.signatories.models import SignatoryAccess
from pact_pages.translation.models import LocaleTranslators
from pact_pages.trust.plugin_users import limited_by_plugin


def is_staff_viewer(user) -> bool:
    """Superusers, staff and Congress moderators see every account."""
    return bool(
        user.is_superuser or getattr(user, "is_staff", False) or user.has_perm(REVIEW_PERMISSION)
    )


def visible_users(user) -> QuerySet | None:
    """The accounts ``user`` may see named; None: everyone (staff)."""
    User = get_user_model()
    if not user.is_authenticated:
        return User.objects.none()
    if is_staff_viewer(user) or not limited_by_plugin(user):
        return None  # staff, and a host's own editors (pact_pages.trust.plugin_users)
    groups = user.groups.filter(
        pk__in=list(SignatoryAccess.objects.values_list("group_id", flat=True))
        + list(LocaleTranslators.objects.values_list("group_id", flat=True))
    )
    peers = User.objects.filter(groups__in=groups).filter(is_superuser=False)
    ids = set(peers.values_list("pk", flat=True)) | {user.pk}
    staff = {peer.pk for peer in User.objects.filter(pk__in=ids) if is_staff_viewer(peer)}
    return User.objects.filter(pk__in=(ids - staff) | {user.pk})


def _user_queryset(filter_, request) -> QuerySet | None:
    """The filter's choices if they are users (a queryset, or a callable of the request)."""
    queryset = getattr(filter_, "queryset", None)
    if callable(queryset):
        queryset = queryset(request)
    if queryset is None:
        queryset = filter_.extra.get("queryset")
    if isinstance(queryset, QuerySet) and issubclass(queryset.model, get_user_model()):
        return queryset
    return None


def scope_user_filters(filterset, request) -> list[str]:
    """Narrows every user-choice filter of ``filterset`` to what ``request.user`` may see;
    returns the names of the filters narrowed."""
    visible = visible_users(request.user)
    if visible is None:
        return []
    narrowed = []
    for name, filter_ in filterset.filters.items():
        queryset = _user_queryset(filter_, request)
        if queryset is None:
            continue
        scoped = queryset.filter(pk__in=visible.values("pk"))
        filter_.queryset = scoped
        filter_.extra["queryset"] = scoped
        filter_.__dict__.pop("_field", None)  # a field built with the old choices
        narrowed.append(name)
    if narrowed:
        filterset.__dict__.pop("_form", None)  # the form is rebuilt with the new choices
    return narrowed


def _scoped_filters(original):
    @wraps(original)
    def filters(view):
        filterset = original(view)
        if filterset is not None:
            scope_user_filters(filterset, view.request)
        return filterset

    return filters


def install() -> None:
    """Wraps ``BaseListingView.filters`` once (Wagtail has no hook for listing filters)."""
    current = BaseListingView.__dict__["filters"]
    if getattr(current.func, "pact_people_scoped", False):
        return
    wrapped = _scoped_filters(current.func)
    wrapped.pact_people_scoped = True
    prop = cached_property(wrapped)
    prop.__set_name__(BaseListingView, "filters")
    BaseListingView.filters = prop
