"""Foundations every feature uses: languages, countries, fallbacks, blocks, listings' queries."""
