"""The public, staff and open-data side of the follow-up (issue 20): a signatory's plan and
reports on its profile, the rounds' pages, the staff dashboard of an open round, the API and
its CSV files. The models are in :mod:`pact_pages.follow_up`."""
