"""Addresses of the links in newsletter mails (``pact_pages.urls`` mounts them under
``newsletter/``, outside any language prefix)."""

from django.urls import path

from pact_pages.newsletter.views import confirm_view, unsubscribe_view

urlpatterns = [
    path("confirm/<str:token>/", confirm_view, name="pact_newsletter_confirm"),
    path("unsubscribe/<str:token>/", unsubscribe_view, name="pact_newsletter_unsubscribe"),
]
