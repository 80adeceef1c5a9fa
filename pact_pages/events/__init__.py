"""Events: a signatory's or the Congress's trainings, conferences and days, with a calendar."""
