"""Foreign ids in saved forms (issue 14, hole 5).

Wagtail applies "choose" permissions in its choosers only: a page or snippet form accepts
any image, document or page id typed into a field, a StreamField block or rich text, and
the preview then shows that object. Here every page and snippet form refuses, for
signatory editors and translators, an id of an object they may not use:

* an image or document in a collection where they have neither "choose" nor "change";
* a page whose draft they may not read (``pages_visible_to``: their own pages, or live
  pages without pending changes; another signatory's public page stays linkable);
* a snippet that does not exist, or an unpublished draft snippet they may not change.

An object that the saved version of the object being edited already uses is accepted:
an editor must be able to save a page that a moderator enriched. Moderators and
superusers are not restricted.

The check is a form mixin (``ForeignIdsFormMixin``) that ``guard_forms()`` puts under the
``base_form_class`` of every page and snippet model, the host site's included. What it
reads is what Wagtail's reference index reads: foreign keys, and the ``extract_references``
of StreamFields, rich text fields and their blocks.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms import BoundField
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.blocks.base import BlockField
from wagtail.models import DraftStateMixin, Page, ReferenceIndex, get_page_models
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from pact_pages.trust.draft_titles import pages_visible_to, sees_every_draft

Reference = tuple[type, str]  # the referenced model and the object's primary key


class ForeignIdsFormMixin:
    """Refuses ids of objects the form's user may not use (see the module)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        self._restricted = user is not None and not sees_every_draft(user)
        # Taken before validation changes the instance (its children are the formsets'
        # instances): what the saved version already uses.
        self._already_used = _saved_references(self.instance) if self._restricted else set()

    def clean(self):
        cleaned_data = super().clean()
        if self._restricted:
            self._refuse_foreign_ids(self)
        return cleaned_data

    def _refuse_foreign_ids(self, form) -> None:
        by_field = list(_submitted_references(form))
        used = {(model, pk) for _form, _name, refs in by_field for model, pk in refs}
        new = {ref for ref in used if _key(ref) not in self._already_used}
        foreign = foreign_references(self.for_user, new)
        for child_form, name, refs in by_field:
            kinds = sorted({_kind(model) for model, pk in refs if (model, pk) in foreign})
            if kinds:
                _add_error(child_form, name, kinds)


def _add_error(form, name: str, kinds: list[str]) -> None:
    field = form.fields[name]
    message = _(
        "“%(field)s”: something chosen here (%(kind)s) is not yours to use; choose again "
        "in the chooser, which offers only what you may use."
    ) % {
        "field": field.label or name,
        "kind": ", ".join(kinds),
    }
    # StreamField errors have a structure of their own: the message goes at the top.
    form.add_error(None if isinstance(field, BlockField) else name, ValidationError(message))
    # The form is shown again with its errors: the field shows its saved value, not the
    # foreign object (its title, thumbnail and file name would be shown in the chooser).
    form._foreign_fields = {*getattr(form, "_foreign_fields", ()), name}
    form._bound_fields_cache.pop(name, None)  # bound during validation, as submitted
    form.bound_field_class = SavedValueBoundField


class SavedValueBoundField(BoundField):
    """A bound field that renders the saved value if the submitted one was refused."""

    @property
    def data(self):
        if self.name in getattr(self.form, "_foreign_fields", ()):
            return self.initial
        return super().data


def _kind(model: type) -> str:
    return str(model._meta.verbose_name)


def _key(ref: Reference) -> tuple[int, str]:
    model, pk = ref
    return ReferenceIndex._get_base_content_type(model).pk, str(pk)


def _saved_references(instance) -> set[tuple[int, str]]:
    if instance is None or instance.pk is None:
        return set()
    return {
        (content_type_id, str(pk))
        for content_type_id, pk, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(instance)
        )
    }


def _submitted_references(form) -> Iterator[tuple[forms.Form, str, list[Reference]]]:
    """(form, field name, references) for each field of ``form`` and its formsets' forms."""
    model = form._meta.model
    for name, field in form.fields.items():
        if name not in form.cleaned_data:
            continue  # invalid already
        refs = list(field_references(model, name, field, form.cleaned_data[name]))
        if refs:
            yield form, name, refs
    for formset in getattr(form, "formsets", {}).values():
        if not formset.is_valid():
            continue  # its own errors stop the save
        for child in formset.forms:
            if child.cleaned_data and not formset._should_delete_form(child):
                yield from _submitted_references(child)


def field_references(model: type, name: str, field: forms.Field, value) -> Iterator[Reference]:
    """The objects that ``value``, cleaned by the form field ``name``, refers to."""
    if value is None or (isinstance(value, str) and not value):
        return
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:
        model_field = None
    if hasattr(model_field, "extract_references"):  # StreamField, RichTextField
        for to_model, pk, _model_path, _content_path in model_field.extract_references(value):
            yield to_model, str(pk)
    elif isinstance(field, forms.ModelMultipleChoiceField):
        yield from ((type(obj), str(obj.pk)) for obj in value)
    elif isinstance(field, forms.ModelChoiceField):
        yield type(value), str(value.pk)


def foreign_references(user, refs: Iterable[Reference]) -> set[Reference]:
    """The references in ``refs`` to objects that ``user`` may not use."""
    by_model: dict[type, set[str]] = defaultdict(set)
    for model, pk in refs:
        by_model[_base_model(model)].add(pk)
    foreign = set()
    for model, pks in by_model.items():
        usable = {str(pk) for pk in _usable(user, model, _valid_pks(model, pks))}
        foreign |= {(model, pk) for pk in pks if pk not in usable}
    return {(model, pk) for model, pk in refs if (_base_model(model), pk) in foreign}


def _base_model(model: type) -> type:
    return Page if issubclass(model, Page) else model._meta.concrete_model


def _valid_pks(model: type, pks: set[str]) -> list:
    valid = []
    for pk in pks:
        try:
            valid.append(model._meta.pk.to_python(pk))
        except ValidationError:
            continue  # e.g. id="x" in rich text: no such object, hence foreign
    return valid


def _usable(user, model: type, pks: list) -> Iterable:
    if model is Page:
        return pages_visible_to(user).filter(pk__in=pks).values_list("pk", flat=True)
    objects = model._default_manager.filter(pk__in=pks)
    policy = policy_registry.get_by_type(model)
    if hasattr(model, "collection") and policy is not None:
        # Images, documents: the collections the user may choose from or change.
        usable = policy.instances_user_has_any_permission_for(user, ["choose", "change"])
        return objects.filter(pk__in=usable.values("pk")).values_list("pk", flat=True)
    if issubclass(model, DraftStateMixin):
        return [
            obj.pk
            for obj in objects
            if obj.live or (policy and policy.user_has_permission_for_instance(user, "change", obj))
        ]
    return objects.values_list("pk", flat=True)  # shared snippets: the four Ps


# ---------------------------------------------------------------------------------------
# Installing the mixin under every page and snippet form
# ---------------------------------------------------------------------------------------


def guarded_form_class(base: type) -> type:
    """``base`` with the foreign-id check (``base`` itself if it has it)."""
    if issubclass(base, ForeignIdsFormMixin):
        return base
    return type(f"Guarded{base.__name__}", (ForeignIdsFormMixin, base), {"__module__": __name__})


def guard_forms() -> None:
    """Puts the check under the forms of every page model and registered snippet."""
    for model in get_page_models():
        _guard(model)
        model.get_edit_handler.cache_clear()  # built with the previous base_form_class
    for model in get_snippet_models():
        _guard(model)
        viewset = getattr(model, "snippet_viewset", None)
        _guard_panel(getattr(viewset, "edit_handler", None))


def _guard(model: type) -> None:
    base = getattr(model, "base_form_class", None) or WagtailAdminModelForm
    model.base_form_class = guarded_form_class(base)
    _guard_panel(model.__dict__.get("edit_handler"))


def _guard_panel(panel) -> None:
    """An edit handler given its own base form class (it wins over the model's)."""
    if panel is not None and getattr(panel, "base_form_class", None):
        panel.base_form_class = guarded_form_class(panel.base_form_class)
