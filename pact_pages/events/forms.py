"""The event editor's form: start and end as wall times of the event's own zone.

The model stores aware datetimes (UTC in the database). Editors enter a date and, unless the
event lasts whole days, a time, both read in the zone chosen on the same form; the form
turns them into aware datetimes before the model sees them, so that the model's checks (end
after start) run on the real instants and their errors land on the ``end`` field.
"""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from pact_pages.core.languages import NAMES, all_codes
from pact_pages.events import zones
from pact_pages.pillars.models import Pillar


class DateAndTimeWidget(forms.MultiWidget):
    """A native date input and an optional native time input (no script needed)."""

    template_name = "pact_pages/admin/event_date_time_widget.html"

    def __init__(self, attrs=None):
        super().__init__(
            [
                forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                forms.TimeInput(attrs={"type": "time", "data-event-time": ""}, format="%H:%M"),
            ],
            attrs,
        )

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            return [value.date(), value.time().replace(second=0, microsecond=0)]
        if isinstance(value, datetime.date):
            return [value, None]
        return [None, None]

    class Media:
        js = ["pact_pages/js/event-form.js"]


class WallTimeField(forms.MultiValueField):
    """A date and a time (optional: an all-day event has none) as a naive wall time;
    ``EventPageForm.clean`` places it in the event's zone."""

    widget = DateAndTimeWidget

    def __init__(self, **kwargs):
        fields = (forms.DateField(), forms.TimeField(required=False))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or data_list[0] is None:
            return None
        day, time = data_list[0], data_list[1] if len(data_list) > 1 else None
        return (day, time)


def event_language_choices() -> list[tuple[str, str]]:
    return [(code, NAMES[code]) for code in all_codes()]


class EventPageForm(WagtailAdminPageForm):
    """Start and end in the event's zone, the zone among the IANA names, the event's
    languages as boxes to tick, and the Ps of the page's own locale (as for initiatives)."""

    start = WallTimeField(
        label=_("start"), help_text=_("Date and time where the event takes place.")
    )
    end = WallTimeField(
        label=_("end"), help_text=_("For an all-day event, the last day; times are not needed.")
    )
    time_zone = forms.ChoiceField(label=_("time zone"), choices=zones.time_zone_choices)
    event_languages = forms.MultipleChoiceField(
        label=_("languages of the event"),
        choices=event_language_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        if event.start and event.end:
            # Shown as the wall times of the event's own zone, not the server's.
            self.initial["start"] = event.local_start.replace(tzinfo=None)
            self.initial["end"] = event.local_end.replace(tzinfo=None)
        formset = self.formsets.get("pillar_links")
        locale_id = event.locale_id or getattr(self.parent_page, "locale_id", None)
        if formset is not None and locale_id:
            queryset = Pillar.objects.filter(locale_id=locale_id).in_order()
            original_add_fields = formset.add_fields

            def add_fields(form, index):
                original_add_fields(form, index)
                form.fields["pillar"].queryset = queryset

            formset.add_fields = add_fields

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone") or zones.default_time_zone()
        all_day = cleaned_data.get("all_day", False)
        for name in ("start", "end"):
            value = cleaned_data.get(name)
            if value is None:
                continue
            day, time = value
            if all_day:
                time = datetime.time(0, 0)
            elif time is None:
                self.add_error(name, _("Give a time, or tick “all day”."))
                cleaned_data[name] = None
                continue
            wall = datetime.datetime.combine(day, time)
            if not zones.wall_time_exists(wall, zone_name):
                self.add_error(
                    name, _("This time does not exist in that time zone: the clocks go forward.")
                )
                cleaned_data[name] = None
                continue
            cleaned_data[name] = zones.aware(wall, zone_name)
        self._check_pillars()
        return cleaned_data

    def _check_pillars(self) -> None:
        formset = self.formsets.get("pillar_links")
        if formset is None or not formset.is_valid():
            return
        chosen = [
            form.cleaned_data["pillar"].translation_key
            for form in formset.forms
            if form.cleaned_data.get("pillar") and not form.cleaned_data.get("DELETE")
        ]
        if len(chosen) != len(set(chosen)):
            self.add_error(None, _("Each P can be chosen only once."))
