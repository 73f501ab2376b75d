"""The overview page's field tooltips, apart from the help dialog (`desktop.dialogs.help`, with its Qt classes and
the rules' HTML): they are set when a plan opens, the dialog loads when first asked for."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desktop.i18n import t

OVERVIEW_HELP: dict[str, str] = {
    "title_edit": "Planens titel, som den står på bilaget og rapporten",
    "municipality": "Kommunen huset ligger i; regionen følger af den, og lægedækningen tjekkes ud fra den",
    "address": "Husets adresse",
    "project_type": "Nybyg, tilbygning, ombygning eller modernisering",
    "pool_round": "Puljens ansøgningsrunde: afgør reglerne tjekket bruger (se Hjælp, F1)",
    "years": "Årene projektet løber over, f.eks. 2019-2021",
    "price_year": "Året beløbene er i prisniveau for",
    "vat": "Sæt flueben, hvis beløbene er inklusive moms",
    "gross_factor": "Bruttoareal = nettoareal × bruttofaktor (gange, vægge, teknik); typisk 1,3–1,5",
    "applicant_name": "Den, der søger: kommune, region eller almen praksis",
    "applicant_type": "Ansøgertypen; puljens regler siger, hvem der kan søge",
    "partners": "Parterne i huset, én pr. linje",
    "gp_with": "Læger udenfor huset, der samarbejdes med (hvis ingen lægepraksis er lejer)",
    "gp_description": "Hvad samarbejdet med lægerne går ud på",
    "contact_name": "Kontaktperson for ansøgningen",
    "contact_email": "Kontaktpersonens e-mail",
    "contact_phone": "Kontaktpersonens telefon",
    "description": "Kort beskrivelse af projektet til ansøgningen",
}


def apply_overview_tooltips(page: QWidget) -> None:
    """Tooltips on every field of the overview page (those without one of their own)."""
    for attr, text in OVERVIEW_HELP.items():
        widget = getattr(page, attr, None)
        if isinstance(widget, QWidget) and not widget.toolTip():
            widget.setToolTip(t(text))
