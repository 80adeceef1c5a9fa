"""Signatory profiles, their directory, and the per-signatory editing rights."""
