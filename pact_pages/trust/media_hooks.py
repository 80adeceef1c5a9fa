"""Admin hooks of the media boundary (see pact_pages.trust)."""
