"""Rate limits count the client, also behind trusted reverse proxies, never a forged header."""

from django.test import RequestFactory

from pact_pages.core.ratelimit import client_address, hit


def request(remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_the_header_is_ignored(settings):
    settings.PACT_TRUSTED_PROXIES = 0

    assert client_address(request(forwarded="1.2.3.4")) == "10.0.0.1"


def test_behind_one_proxy_the_last_forwarded_address(settings):
    settings.PACT_TRUSTED_PROXIES = 1

    # The client claimed 6.6.6.6; the proxy appended the address it saw.
    assert client_address(request(forwarded="6.6.6.6, 203.0.113.9")) == "203.0.113.9"
    assert client_address(request(forwarded="203.0.113.9")) == "203.0.113.9"


def test_behind_two_proxies(settings):
    settings.PACT_TRUSTED_PROXIES = 2

    assert client_address(request(forwarded="6.6.6.6, 203.0.113.9, 10.0.0.2")) == "203.0.113.9"
    # Fewer addresses than proxies: not through the proxies, the connection's address.
    assert client_address(request(forwarded="203.0.113.9")) == "10.0.0.1"


def test_clients_behind_a_proxy_are_counted_apart(settings):
    settings.PACT_TRUSTED_PROXIES = 1

    for _ in range(3):
        assert hit(request(forwarded="203.0.113.1"), "test", limit=3, window=60)
    assert not hit(request(forwarded="203.0.113.1"), "test", limit=3, window=60)
    assert hit(request(forwarded="203.0.113.2"), "test", limit=3, window=60)
