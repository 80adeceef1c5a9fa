"""The Wagtail admin driven by Django's test client as a browser would: its page forms read
back from their HTML and posted. Used by check_host.py inside the host project (Django is set
up before this module is imported)."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup  # a dependency of Wagtail
from django.test import Client
from django.urls import reverse
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html


def body_text(response) -> str:
    return response.content.decode(errors="replace")


def expect_status(response, status: int, what: str) -> None:
    if response.status_code != status:
        # A form sent back: its errors say why; otherwise the start of the page.
        form = (response.context or {}).get("form")
        errors = form.errors.as_text() if form is not None and form.errors else ""
        if form is not None:
            for name, formset in getattr(form, "formsets", {}).items():
                errors += "".join(f"\n{name}: {e}" for e in formset.non_form_errors())
        detail = errors or body_text(response)[:3000]
        location = response.get("Location", "")
        raise AssertionError(
            f"{what}: {response.status_code} (expected {status}) {location}\n{detail}"
        )


def stylesheets(html: str) -> set[str]:
    soup = BeautifulSoup(html, "html.parser")
    return {link["href"] for link in soup.select('link[rel~="stylesheet"][href]')}


def page_form(client: Client, url: str, model: type[Page]) -> dict[str, Any]:
    """The fields of Wagtail's page form as the browser would post them back."""
    response = client.get(url)
    expect_status(response, 200, f"GET {url}")
    data = querydict_from_html(body_text(response), form_id="page-edit-form")
    form = {
        key: values if len(values) > 1 else values[0]
        for key, values in data.lists()
        if "__prefix__" not in key
    }
    # StreamFields are rendered by JavaScript: sent empty.
    for field in model._meta.get_fields():
        if isinstance(field, StreamField):
            form[f"{field.name}-count"] = "0"
    return form


def add_url(model: type[Page], parent: Page) -> str:
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def create_page(client: Client, model: type[Page], parent: Page, fields: dict, action: str) -> Page:
    """Posts the admin's create form of ``model`` under ``parent``; the new page."""
    url = add_url(model, parent)
    data = page_form(client, url, model) | fields
    if action:
        data[action] = action
    response = client.post(url, data)
    if response.status_code != 302:
        expect_status(response, 302, f"POST {url} (the form's errors follow)")
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    assert page is not None, f"POST {url} answered 302 but made no {model.__name__}"
    return page


def refused(response) -> bool:
    """Wagtail refuses with 403, or with a redirect to the admin's home or sign-in."""
    if response.status_code == 403:
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and "/edit/" not in location and "/add/" not in location
