"""Static files as ``make run`` stores them: production's, with fingerprinted URLs in DEBUG too."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class FingerprintedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's fingerprinted, gzip-compressed storage, whose URLs keep their fingerprint
    while DEBUG is on (Django's manifest storage drops it in DEBUG, for files edited live).

    With fingerprinted names, WhiteNoise answers a one-year ``immutable`` Cache-Control, so a
    reader of ``make run`` downloads the CSS, scripts and fonts once, as in production.
    """

    def url(self, name: str | None, force: bool = False) -> str:
        return super().url(name, force=True)
