"""Congress moderation: the workflow signatories submit to, and take-downs."""
