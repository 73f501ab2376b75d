"""Validity rules of what a case officer asks for before submission (issue 16.6) and of a scenario's notes
(issue 15.7): the applicant's CVR and EAN numbers, the signatory and the project leader, the political
approval, the timetable, sub-projects, tenants' commitments, a cost line's grant and sources of rates.

The number checks, bounds and messages; `validation` and `scenario_validation` apply them (`validate_plan_readiness`,
`validate_scenario_readiness`), so this module imports nothing of the model's rules (no import cycle). What is merely *missing* before submission is not invalid: the checks report
it (`planners.checks.readiness`); here only values that cannot be right are refused.

The number checks:
- CVR: 8 digits, the first not 0, and the modulus-11 check: the digits weighted 2, 7, 6, 5, 4, 3, 2, 1 sum to
  a multiple of 11. Source: Erhvervsstyrelsen, "Modulus 11 kontrol" (erhvervsstyrelsen.dk/modulus_11): "Alle
  CVR-numre overholder det såkaldte modulus 11-check", worked example 13 74 81 36; Danmarks Statistik's
  variable CVRNR says the same (8 digits, the eighth a modulus-11 check digit).
- EAN (a GLN, GS1's Global Location Number, as Danish public bodies use for e-invoicing): 13 digits whose last
  is GS1's check digit — the other twelve weighted 1, 3, 1, 3, … from the left, and the check digit makes the
  sum a multiple of 10.
"""

from __future__ import annotations

import re

from planners.model.i18n import N_, Message

# Realistic bounds (issue 20.8's spirit): a name is a line, a note a paragraph, the notes of a workshop pages.
MAX_NAME = 200
MAX_NOTE = 2_000
MAX_SOURCE = 1_000
MAX_NOTES = 20_000
MAX_MILESTONES = 200
MAX_SUBPROJECTS = 100
MAX_PRIORITY = 100
# A date of an application: its decisions, milestones and commitments fall within these years.
FIRST_YEAR = 2000
LAST_YEAR = 2100

# Compiled when first used (a module-level compile is paid by every start, issue 19): see __getattr__.
EMAIL_PATTERN: re.Pattern[str]


def __getattr__(name: str) -> object:
    if name == "EMAIL_PATTERN":
        pattern = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")
        globals()[name] = pattern
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _digits(text: str) -> bool:
    """`text` is one or more of the digits 0-9 (what `[0-9]+\\Z` matches), without a regular expression."""
    return text.isascii() and text.isdigit()

NOT_DATE = N_("skal være en dato (ÅÅÅÅ-MM-DD)")
DATE_RANGE = Message.of(N_("datoen skal ligge mellem år {first} og {last}"), first=FIRST_YEAR, last=LAST_YEAR)
BAD_CVR = N_("et CVR-nummer har 8 cifre og skal bestå modulus 11-kontrollen")
BAD_EAN = N_("et EAN-nummer har 13 cifre, hvor det sidste er kontrolcifferet")
BAD_EMAIL = N_("skal være en e-mailadresse (navn@domæne.dk)")


def cvr_valid(cvr: str) -> bool:
    """True for a CVR number that passes the modulus-11 check (8 digits, the first not 0)."""
    if len(cvr) != 8 or not _digits(cvr) or cvr[0] == "0":
        return False
    return sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2, 1), cvr, strict=True)) % 11 == 0


def gln_check_digit(first12: str) -> int:
    """GS1's check digit of the first twelve digits of a GLN/EAN-13."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def ean_valid(ean: str) -> bool:
    """True for a 13-digit EAN (GLN) whose last digit is its check digit."""
    return len(ean) == 13 and _digits(ean) and gln_check_digit(ean[:12]) == int(ean[12])
