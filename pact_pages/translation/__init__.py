"""The translators' work list: what a locale still lacks, what is out of date, what is in
progress or with the moderators, each with its next step (see ``views``)."""
