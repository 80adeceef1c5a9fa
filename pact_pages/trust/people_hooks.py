"""Admin hooks of the people boundary (see pact_pages.trust)."""
