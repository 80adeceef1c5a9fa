"""Plans and reports translated like pages (issue 20): texts translated, figures, dates,
statuses and the round kept in step; readers see only published reports."""

import datetime

import pytest
from django.test import Client
from wagtail_localize.models import StringSegment, TranslationSource

from pact_pages.follow_up import queries
from pact_pages.models import ActionPlanPage, Pillar, PlanAction
from tests import follow_up_factories as fu
from tests.factories import SignatoryPageFactory, publish
from tests.test_i18n import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_pillars(fr_locale, django_capture_on_commit_callbacks):
    for pillar in Pillar.objects.filter(locale__language_code="en"):
        translate(
            pillar, fr_locale, {"Prevention": "Prévention"}, django_capture_on_commit_callbacks
        )


def test_a_plan_is_translated_and_its_figures_follow_the_source(
    signatory, fr_locale, french_pillars, django_capture_on_commit_callbacks
):
    plan = fu.action_plan(signatory, (("prevention", "Train teachers"),))
    source, _ = TranslationSource.update_or_create_from_instance(plan)
    offered = set(
        StringSegment.objects.filter(source=source).values_list("string__data", flat=True)
    )
    # The texts are offered to translators; dates and figures are not.
    assert {"Train teachers", "What we will do.", "professionals trained"} <= offered
    assert not offered & {"100", "2027-06-30"}

    strings = {
        "Train teachers": "Former les enseignants",
        "What we will do.": "Ce que nous ferons.",
    }
    french = translate(plan, fr_locale, strings, django_capture_on_commit_callbacks)
    action = french.actions.get()
    assert action.title == "Former les enseignants"
    assert action.pillar.locale == fr_locale and action.pillar.name == "Prévention"
    assert action.translation_key == plan.actions.get().translation_key

    # A new target in the source reaches the translation when it is updated.
    source_action = plan.actions.get()
    source_action.indicator_target = 250
    source_action.target_date = datetime.date(2028, 1, 31)
    plan.actions = [source_action]
    publish(plan)
    french = translate(
        ActionPlanPage.objects.get(pk=plan.pk),
        fr_locale,
        strings,
        django_capture_on_commit_callbacks,
    )
    action = PlanAction.objects.get(page=french)
    assert (action.indicator_target, action.target_date) == (250, datetime.date(2028, 1, 31))
    assert action.title == "Former les enseignants"
    assert queries.plan_of(signatory, fr_locale).pk == french.pk


def test_a_report_translation_keeps_round_status_and_figures(
    home_page, signatory, fr_locale, french_pillars, django_capture_on_commit_callbacks
):
    round = fu.reporting_round(fu.round_index(home_page))
    plan = fu.action_plan(signatory)
    report = fu.report(signatory, round, plan)
    entry = report.entries.first()
    entry.helped = "The schools' support."
    report.entries = [entry, *report.entries.all()[1:]]
    publish(report)
    strings = {"The schools' support.": "Le soutien des écoles.", "Good progress.": "Bien avancé."}
    french = translate(report, fr_locale, strings, django_capture_on_commit_callbacks)
    assert french.round_id == round.pk
    assert french.summary == "Bien avancé."
    french_entries = list(french.entries.order_by("sort_order"))
    source_entries = list(report.entries.order_by("sort_order"))
    assert [(e.status, e.progress, e.indicator_value, e.action_id) for e in french_entries] == [
        (e.status, e.progress, e.indicator_value, e.action_id) for e in source_entries
    ]
    assert french_entries[0].helped == "Le soutien des écoles."
    # Still one report for the round, whatever the languages.
    assert len(queries.reports_of(round, fr_locale)) == 1
    assert queries.reports_of(round, fr_locale).get().pk == french.pk


def test_anonymous_readers_see_published_reports_only(home_page, directory, signatory):
    round = fu.reporting_round(fu.round_index(home_page))
    plan = fu.action_plan(signatory)
    published = fu.report(signatory, round, plan)
    other = SignatoryPageFactory(parent=directory, title="Berlin")
    draft = fu.report(other, round, live=False, summary="Secret draft words")
    reader = Client()
    assert reader.get(draft.url).status_code == 404
    page = reader.get(published.url)
    assert page.status_code == 200
    assert "Train teachers" in page.content.decode()
    # A published report of an unpublished signatory is not served either.
    signatory.unpublish()
    assert reader.get(published.url).status_code == 404
    assert reader.get(plan.url).status_code == 404
    assert list(queries.reports_of(round)) == []
