"""A signatory's contact person and e-mail: for its own editors and staff only (issue 14,
hole 7).

Translators edit every signatory page of their locale, and the page editor, its revisions
comparison and wagtail-localize's editor showed them the contact details (editable). The
fields are left out of the form, and their panels out of the editor and the comparison, for
anyone else; wagtail-localize copies them from the source and does not offer them to
override (``SynchronizedField(..., overridable=False)`` on the model).
"""

from django.apps import apps
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel

# pact_pages.translation.translators' (imported by the models: that module imports them).
ALL_LOCALES_PERMISSION = "pact_pages.review_signuprequest"
CONTACT_FIELDS = ("contact_person", "contact_email", "contact_public")


def may_see_contact(user, page) -> bool:
    """Staff, and the editors of the signatory whose page (in any locale) this is."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm(ALL_LOCALES_PERMISSION):
        return True
    if page is None or page.pk is None:
        return False
    access = apps.get_model("pact_pages", "SignatoryAccess")
    return access.objects.filter(translation_key=page.translation_key, group__user=user).exists()


class ContactFieldPanel(FieldPanel):
    """A contact field, shown (and compared between revisions) to those who may see it."""

    class BoundPanel(FieldPanel.BoundPanel):
        def is_shown(self):
            if self.request is not None and not may_see_contact(self.request.user, self.instance):
                return False
            return super().is_shown()


class SignatoryPageForm(WagtailAdminPageForm):
    """The page form without the contact fields for users who may not see them (their
    values are kept: the form does not touch a field it does not have)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_see_contact(self.for_user, self.instance):
            for name in CONTACT_FIELDS:
                self.fields.pop(name, None)


def forget_contact_segments(source) -> int:
    """Remove the contact fields' overridable segments that wagtail-localize extracted before
    they were declared not overridable (what its next re-sync of the source would do): its
    editor would show their values to translators, and let them override them."""
    return source.overridablesegment_set.filter(context__path__in=CONTACT_FIELDS).delete()[0]
