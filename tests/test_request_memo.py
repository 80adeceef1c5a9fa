"""Values read once a request (pact_pages.core.request_memo): kept inside a request only,
forgotten on any save, and never across requests, so a new view restriction hides its pages
from the very next list."""

from contextlib import contextmanager

from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from wagtail.models import PageViewRestriction

from pact_pages.core import request_memo
from pact_pages.core.queries import private_q
from tests import follow_up_factories as fu


@contextmanager
def in_a_request():
    """Django's request signals, without closing the test's connection (as its test client)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        yield
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def counter():
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    return calls, compute


def test_outside_a_request_every_call_computes():
    calls, compute = counter()
    assert [request_memo.remembered("x", compute) for _ in range(3)] == [1, 2, 3]


def test_inside_a_request_the_first_answer_is_kept_until_a_save_or_the_end(db, home_page):
    calls, compute = counter()
    with in_a_request():
        assert [request_memo.remembered("x", compute) for _ in range(3)] == [1, 1, 1]
        home_page.save_revision()  # any save (here a revision) may change the answer
        assert request_memo.remembered("x", compute) == 2
    assert request_memo.remembered("x", compute) == 3


def test_a_restriction_made_in_a_request_applies_to_its_next_list(db, home_page, directory):
    with in_a_request():
        assert str(private_q()) == str(private_q())  # kept: one query for both
        PageViewRestriction.objects.create(page=directory, restriction_type="login")
        assert directory.path in str(private_q())


def test_a_round_taken_back_leaves_the_profile_at_once(client, home_page, directory, signatory):
    round_page = fu.reporting_round(fu.round_index(home_page), title="Round 2031")
    fu.report(signatory, round_page, plan=fu.action_plan(signatory), title="Our report")
    assert "Reported in Round 2031" in client.get(signatory.url).content.decode()

    round_page.unpublish()

    html = client.get(signatory.url).content.decode()
    assert "Round 2031" not in html
    assert "Train teachers" in html  # the plan is still shown
