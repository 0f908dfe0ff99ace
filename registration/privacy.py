"""Warnings when free text seems to identify someone: shown to the worker, never blocking."""

import re

from django.utils.translation import gettext_lazy as _

PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s.-]?\d){8,13}(?![\w])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w.+-])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}")

DESCRIBE_HINT = _("Beschrijf wat er gebeurde, zonder namen, nummers of accountnamen: gebruik een pseudoniem.")


def identifying_text_warnings(text):
    """The warnings for one free text: a phone number, an email address or an @handle."""
    if not text:
        return []
    warnings = []
    if PHONE.search(text):
        warnings.append(_("De tekst lijkt een telefoonnummer te bevatten."))
    if EMAIL.search(text):
        warnings.append(_("De tekst lijkt een e-mailadres te bevatten."))
    if HANDLE.search(EMAIL.sub("", text)):
        warnings.append(_("De tekst lijkt een @accountnaam te bevatten."))
    return warnings
