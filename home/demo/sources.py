"""The demo's data files and users: what the builder, the translations and the tests share."""

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from .plan import Planned
from .plan import plan as plan_initiatives

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: str


DEMO_USERS = [
    DemoUser("admin", "admin-pact-2026", "superuser: everything"),
    DemoUser("moderator", "moderator-pact-2026", "Congress moderator: all pages, the four Ps"),
    DemoUser("editor", "editor-pact-2026", "signatory editor of Strasbourg"),
    DemoUser("editor2", "editor2-pact-2026", "signatory editor of Catalonia"),
    DemoUser("translator", "translator-pact-2026", "translator (French)"),
]
EDITED_SIGNATORIES = {"editor": "strasbourg", "editor2": "catalonia"}


def read_signatories() -> list[dict[str, str]]:
    with (DATA_DIR / "signatories.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def read_initiatives() -> list[dict]:
    with (DATA_DIR / "initiatives.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def demo_plan() -> dict[str, list[Planned]]:
    """Each signatory's initiatives (by slug), the same for the builder and the translations."""
    return plan_initiatives(read_signatories(), read_initiatives())
