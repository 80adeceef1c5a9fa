"""The map of signatories and the browser libraries it vendors."""
