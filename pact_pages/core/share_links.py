"""Plain share links for a page: no third-party script, no request to those services until
the reader follows a link."""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # stable key, used as a CSS class
    label: str
    url: str


def share_links(url: str, title: str) -> list[ShareLink]:
    """Links that share ``url`` (absolute) by e-mail and on LinkedIn, Facebook, X and Bluesky."""

    def query(**params) -> str:
        # quote, not quote_plus: mail clients show "+" literally in a mailto body.
        return urlencode(params, quote_via=quote)

    return [
        ShareLink("email", _("Share by e-mail"), "mailto:?" + query(subject=title, body=url)),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + query(url=url),
        ),
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + query(u=url)
        ),
        ShareLink("x", "X (Twitter)", "https://x.com/intent/tweet?" + query(url=url, text=title)),
        ShareLink(
            "bluesky", "Bluesky", "https://bsky.app/intent/compose?" + query(text=f"{title} {url}")
        ),
    ]
