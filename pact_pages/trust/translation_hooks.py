"""Admin hooks of the translation boundary (see pact_pages.trust)."""
