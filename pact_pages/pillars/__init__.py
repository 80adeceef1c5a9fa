"""The four Ps (Prevention, Protection, Prosecution, Participation) as translatable data."""
