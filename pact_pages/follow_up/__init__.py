"""Follow-up of the Pact (issue 20): action plans, reporting rounds, progress reports, reminders."""
