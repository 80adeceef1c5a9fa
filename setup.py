"""The wheel carries the plugin's compiled catalogues (.mo), built from the committed .po files.

The .mo files are not committed (`make translations` compiles them in a checkout); without
them the plugin's interface would be English in every language. Babel compiles them, as in
the Makefile, so building needs no GNU gettext. Everything else is in pyproject.toml.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

LOCALE = Path(__file__).resolve().parent / "pact_pages" / "locale"


class BuildPyWithCatalogues(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # an editable install reads the checkout's catalogues (make translations)
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
            target = Path(self.build_lib) / po.relative_to(LOCALE.parent.parent).with_suffix(".mo")
            with po.open("rb") as source:
                catalogue = read_po(source, locale=po.parent.parent.name)
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("wb") as compiled:
                write_mo(compiled, catalogue)  # fuzzy entries left out, as pybabel compile


setup(cmdclass={"build_py": BuildPyWithCatalogues})
