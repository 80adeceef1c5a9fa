"""The newsletter: double opt-in sign-up, signed links, subscribers' admin."""
