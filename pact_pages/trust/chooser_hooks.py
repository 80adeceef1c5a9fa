"""Admin hooks of the chooser boundary (see pact_pages.trust): choosers, autocompletes,
messages and saved ids stay within one's own pages and media."""

from wagtail import hooks

from pact_pages.trust.foreign_ids import guard_forms


@hooks.register("register_admin_urls")
def refuse_foreign_ids_in_forms():
    # The admin's URLs are built after every app's wagtail_hooks registered its snippets,
    # and before the snippet views take their form classes: the one moment when every
    # page and snippet form can still get the check (pact_pages.trust.foreign_ids).
    guard_forms()
    return []
