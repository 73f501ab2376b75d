"""One name for each concept a person reads, shared by the app, the annex and the report (issue 14.3).

The same split was called "Fælles: egne andele" in the app, "efter aftalt fordeling" in the report and "Aftalt"
in the workbook; the people in a house were "Behandlere" in a table and "klinikere" in a finding. Every place
that names one of these concepts reads it from here, so they cannot drift apart again
(tests/planners/test_glossary.py checks that the three agree).

Each entry is a Danish msgid (`N_`), translated where it is shown. The annex is Danish only and its formulas
compare the key column's words literally (SUMIF), so `Key.word` stays a plain word without wildcard characters.
"""

from __future__ import annotations

from planners.model.entities import AllocationKey, ApprovalStatus, CommitmentStatus
from planners.model.i18n import N_, translate
from planners.model.prebuilt import dataclass


@dataclass(frozen=True)
class Key:
    """How a shared line is split between the tenants, in the three forms a text needs."""

    name: str  # a choice in a list, capitalised: "Efter areal"
    phrase: str  # inside a sentence, after "Fælles": "efter areal"
    word: str  # the annex's key column, one word its formulas compare with: "Areal"

    def name_in(self, lang: str = "da") -> str:
        return translate(self.name, lang)

    def phrase_in(self, lang: str = "da") -> str:
        return translate(self.phrase, lang)


KEYS: dict[AllocationKey, Key] = {
    AllocationKey.AREA: Key(N_("Efter areal"), N_("efter areal"), "Areal"),
    # Headcount = clinicians plus other staff (the engine's key); "antal ansatte" hid the clinicians.
    AllocationKey.HEADCOUNT: Key(N_("Efter hovedantal"), N_("efter hovedantal"), "Hovedantal"),
    AllocationKey.EQUAL: Key(N_("Ligeligt"), N_("ligeligt"), "Ligeligt"),
    AllocationKey.CUSTOM: Key(N_("Efter aftalte andele"), N_("efter aftalte andele"), "Aftalte andele"),
}

# A line used by several tenants together (a room, equipment, a service), before its key.
SHARED = N_("Fælles")
# The app's list of a shared line's use: "Fælles: efter areal"; the report's room programme: "Fælles, efter areal".
SHARED_WITH_KEY_APP = N_("Fælles: {key}")
SHARED_WITH_KEY_REPORT = N_("Fælles, {key}")
# What a shared line's agreed shares are called in any sentence ("de aftalte andele").
AGREED_SHARES = N_("aftalte andele")

# The doctors, physiotherapists, midwives … of a tenant (full-time equivalents): one word everywhere.
CLINICIANS = N_("Behandlere")
CLINICIAN = N_("behandler")
# Headcount, the key's basis: clinicians plus other staff.
HEADCOUNT_EXPLAINED = N_("hovedantal = behandlere plus øvrigt personale")


def shared_text(key: AllocationKey, lang: str = "da", *, report: bool = False) -> str:
    """A shared line's use as the app ("Fælles: efter areal") or the report ("Fælles, efter areal") shows it."""
    pattern = SHARED_WITH_KEY_REPORT if report else SHARED_WITH_KEY_APP
    return translate(pattern, lang, key=KEYS[key].phrase_in(lang))


# The application's status words: the app's page, the report's status section and the annex's "Tidsplan og
# tilsagn" sheet (Danish only: a msgid is its Danish text) name them alike.
APPROVAL_NAMES = {
    ApprovalStatus.NONE: N_("Ikke sat i gang"),
    ApprovalStatus.IN_PROCESS: N_("Under behandling"),
    ApprovalStatus.APPROVED: N_("Godkendt"),
}
COMMITMENT_NAMES = {
    CommitmentStatus.NONE: N_("Intet tilsagn"),
    CommitmentStatus.LETTER_OF_INTENT: N_("Hensigtserklæring"),
    CommitmentStatus.SIGNED_LEASE: N_("Underskrevet lejekontrakt"),
}


# Core messages whose Danish names a format or a number's limit the way a programmer would: the command line
# and the tests keep them; what a person reads in the app says the same in plain words (`plain`).
PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    (N_("tallet er uden for hvad en plan kan rumme (højst 10^15, 40 decimaler)"),
     N_("tallet er for stort, eller det har for mange decimaler")),
    (N_("er for stort (højst 10^15)"), N_("er for stort")),
    (N_("Filen er ikke en Sundhedshus-plan (ikke en SQLite-database)"), N_("Filen er ikke en Sundhedshus-plan")),
    (N_("Filen er en SQLite-database, men den tilhører et andet program (ikke en Sundhedshus-plan)"),
     N_("Filen tilhører et andet program; den er ikke en Sundhedshus-plan")),
)


def plain(text: str, lang: str = "da") -> str:
    """`text` (a message already in `lang`) with every technical phrase of `PLAIN_WORDS` in plain words."""
    for technical, plain_text in PLAIN_WORDS:
        text = text.replace(translate(technical, lang), translate(plain_text, lang))
    return text
