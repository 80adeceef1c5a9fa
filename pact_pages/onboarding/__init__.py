"""Joining the Pact: the public Join page, sign-up requests, their review."""
