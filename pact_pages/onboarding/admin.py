"""Admin for sign-up requests: a filtered listing, and a review screen to approve or reject.

Nobody edits a request (it is the applicant's own words) or adds one by hand; staff with
the "review" permission decide, staff with "delete" may erase one (e.g. on a GDPR request).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from pact_pages.onboarding.decisions import OnboardingError, approve, reject
from pact_pages.onboarding.models import SignupRequest
from pact_pages.signatories.models import SignatoryAccess

REVIEW_PERMISSION = "pact_pages.review_signuprequest"


class RestrictedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, minus actions that nobody may take in the admin."""

    denied_actions: frozenset[str] = frozenset()

    def user_has_permission(self, user, action):
        if action in self.denied_actions:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class SignupPermissionPolicy(RestrictedPermissionPolicy):
    """Requests come from the public form only, and are never edited afterwards."""

    denied_actions = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        if action == "view" and user.has_perm(REVIEW_PERMISSION):
            return True
        return super().user_has_permission(user, action)


class AccessPermissionPolicy(RestrictedPermissionPolicy):
    """Access records are made by approval and go with their signatory."""

    denied_actions = frozenset({"add", "delete"})


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (sent to the applicant)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )


def _approved_message(result) -> str:
    if result.user is None:
        # Never bound by the address alone: its owner adds the signatory by a signed link.
        return _(
            "Approved: the draft page of %(name)s is ready. An account already uses the "
            "applicant's address: the applicant was sent a link to add the page to it."
        ) % {"name": result.signatory.title}
    return _("Approved: the draft page of %(name)s and its editor's access are ready.") % {
        "name": result.signatory.title
    }


def review_view(request, pk: int):
    if not request.user.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied
    signup = get_object_or_404(SignupRequest, pk=pk)
    reject_form = RejectForm(request.POST if request.POST.get("action") == "reject" else None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "approve":
                result = approve(signup, by=request.user)
                messages.success(request, _approved_message(result))
                return redirect("wagtailadmin_pages:edit", result.signatory.pk)
            if reject_form.is_valid():
                reject(signup, by=request.user, reason=reject_form.cleaned_data["reason"])
                messages.success(request, _("Rejected; the applicant has been told why."))
                return redirect("pact_signups:index")
        except OnboardingError as error:
            messages.error(request, str(error))
            return redirect("pact_signups:review", signup.pk)
    return TemplateResponse(
        request,
        "pact_pages/admin/signup_review.html",
        {"signup": signup, "reject_form": reject_form, "index_url": reverse("pact_signups:index")},
        status=400 if reject_form.errors else 200,
    )


class SignupRequestViewSet(ModelViewSet):
    model = SignupRequest
    icon = "user"
    menu_label = gettext_lazy("Sign-up requests")
    menu_order = 310
    add_to_admin_menu = True
    url_prefix = "pact/signups"
    name = "pact_signups"
    inspect_view_enabled = True
    list_display = [
        TitleColumn(
            "name", label=gettext_lazy("Organisation or person"), url_name="pact_signups:review"
        ),
        Column("get_signatory_type_display", label=gettext_lazy("Type")),
        Column("country_name", label=gettext_lazy("Country")),
        Column("contact_person", label=gettext_lazy("Contact")),
        Column("get_status_display", label=gettext_lazy("Status")),
        DateColumn("created_at", label=gettext_lazy("Received")),
    ]
    list_filter = ["status", "signatory_type", "country"]
    search_fields = ["name", "place", "contact_person"]
    ordering = ["-created_at"]
    form_fields = ["rejection_reason"]  # never used: add and change are refused

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("review/<int:pk>/", review_view, name="review"),
        ]


class SignatoryAccessViewSet(ModelViewSet):
    """Staff decide here which signatories may publish without moderation."""

    model = SignatoryAccess
    icon = "group"
    menu_label = gettext_lazy("Signatory access")
    menu_order = 320
    add_to_admin_menu = True
    url_prefix = "pact/access"
    name = "pact_access"
    list_display = [
        TitleColumn("group", label=gettext_lazy("Group"), url_name="pact_access:edit"),
        Column("collection", label=gettext_lazy("Media collection")),
        Column("can_publish", label=gettext_lazy("May publish without moderation")),
    ]
    list_filter = ["can_publish"]
    form_fields = ["can_publish"]
