"""Admin hooks of the chooser boundary (see pact_pages.trust)."""
