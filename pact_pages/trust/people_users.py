"""Staff's user forms refuse an address another account has (issue 14).

An address identifies its owner to the site (password resets, the claim link of an approved
signatory): two accounts with one address would let either receive what is meant for the
other. Self-service changes are checked when confirmed (``people_accounts``); this viewset,
given to Wagtail as ``WagtailUsersAppConfig.user_viewset``, checks the staff's forms.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet

from pact_pages.trust.people_accounts import address_in_use


class UniqueEmailMixin:
    def clean_email(self) -> str:
        email = self.cleaned_data.get("email", "")
        if email and address_in_use(email, exclude_pk=self.instance.pk):
            raise forms.ValidationError(_("Another account uses this address."))
        return email


class UniqueEmailUserCreationForm(UniqueEmailMixin, UserCreationForm):
    pass


class UniqueEmailUserEditForm(UniqueEmailMixin, UserEditForm):
    pass


class UniqueEmailUserViewSet(UserViewSet):
    def get_form_class(self, for_update: bool = False):
        return UniqueEmailUserEditForm if for_update else UniqueEmailUserCreationForm
