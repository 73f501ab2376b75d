"""Help: the tooltips that explain each term, and the help dialog (F1) with the pool's rules for the plan's
round and their sources (`planners.reference.pool_rounds()`), and a short glossary.

Tooltips are looked up by (line kind, field) and then by field alone, so every column of every table says
what its term means (what is a fordelingsnøgle, what is eligible); the overview's fields by their name.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from desktop.i18n import APPLICANT_TYPES, COST_CATEGORIES, lang, source_text, t
from desktop.numbers import show_kr, show_pct
from desktop.overview_help import OVERVIEW_HELP, apply_overview_tooltips  # noqa: F401 (their home before)
from planners import reference
from planners.checks.findings import to_look_up
from planners.model.money import format_date

if TYPE_CHECKING:
    from desktop.session import PlanSession

# (kind, field) or field → the explanation (Danish; the key of its English twin in en.json).
FIELD_HELP: dict[str | tuple[str, str], str] = {
    "name": "Navnet, som det står i ansøgningen og i rapporten",
    ("tenant", "kind"): "Lejertypen bestemmer normerne (rum og m² pr. behandler) fra planens kataloger",
    ("tenant", "sector"): "Sektoren lejeren hører til; tom betyder lejertypens standard",
    "clinicians": "Læger/behandlere, fuldtidsstillinger",
    "staff": "Øvrigt personale (sekretærer, sygeplejersker …) i fuldtidsstillinger; bruges af nøglen "
             "«efter hovedantal»",
    "listed_patients": "Tilmeldte patienter hos praksis; kapacitetshjælpen regner lægebehovet ud fra dem",
    "provider_numbers": "Praksis' ydernumre (almen praksis' aftale med regionen)",
    "weekly_hours": "Åbningstid i timer pr. uge (valgfri oplysning)",
    "current_annual_rent": "Lejerens husleje i dag pr. år; sammenlignes med udgiften i det nye hus",
    "note": "En note til dig selv; kommer ikke med i ansøgningen",
    ("room", "type"): "Rumtypen: bestemmer standardstørrelsen og normerne",
    "label": "Din egen betegnelse for rummet (f.eks. «Konsultation 3»)",
    "count": "Antal ens rum på linjen",
    "quantity": "Antal styk",
    "net_m2": "Nettoareal pr. rum (gulvareal i rummet); bruttoarealet er netto gange bruttofaktoren",
    "tenant": "Hvem der bruger linjen: én lejer, fælles efter en fordelingsnøgle, eller ledig. En "
              "fordelingsnøgle fordeler et fælles rum, udstyr eller en ydelse mellem lejerne: efter areal, "
              "efter hovedantal, ligeligt eller efter aftalte andele",
    "shared": "Fordelingsnøglen for en fælles linje: efter areal, efter hovedantal, ligeligt eller efter "
              "aftalte andele (procent pr. lejer, dobbeltklik for at fordele)",
    ("equipment", "item"): "Varen i planens udstyrskatalog; pris, levetid og service hentes derfra for nye linjer",
    "unit_price": "Pris pr. styk uden moms",
    "lifetime_years": "Antal år udstyret afskrives over: årlig udgift = pris / levetid + service",
    "annual_service": "Årlig service og vedligehold pr. styk",
    "in_project": "Købes udstyret i projektet, indgår det i anlægsbudgettet; ellers betaler lejerne det "
                  "over den årlige udgift",
    ("cost", "category"): "Anlægsudgiftens kategori; puljens regler siger, hvilke kategorier der er "
                          "tilskudsberettigede",
    "text": "Beskrivelse af linjen",
    ("cost", "amount"): "Hvordan beløbet findes: et fast beløb, en pris pr. m² eller en procent af andre poster",
    ("cost", "per_m2"): "Beløbet i kr., prisen pr. m² eller procentsatsen, efter grundlaget",
    "m2": "Arealet prisen pr. m² ganges med; tom betyder hele bruttoarealet",
    "of": "De kategorier procentsatsen regnes af",
    "eligible": "Tilskudsberettiget: udgiften kan dækkes af puljens tilskud (puljens regler afgør hvilke "
                "kategorier); andre udgifter må finansieres på anden vis",
    "spread": "Hvordan udgiften fordeles på projektets år (procent pr. år); tom betyder jævnt",
    ("financing", "source"): "Hvor pengene kommer fra: puljens tilskud, egenfinansiering, lån eller anden fond",
    ("financing", "amount"): "Beløbet i kr.",
    "interest_pct": "Årlig rente i procent for et lån",
    "years": "Lånets løbetid i år",
    "repaid_by_rent": "Betales lånet (eller egne midler) tilbage over huslejen, indgår ydelsen i "
                      "kapitaludgiften",
    ("service", "name"): "Fælles ydelse, f.eks. reception, rengøring af fællesarealer eller IT",
    "annual": "Den årlige udgift til ydelsen i kr.",
}

HEADER_HELP: dict[str, str] = {
    # The running-costs page's two tables (not line tables), by their Danish header.
    "Driftsudgift": "Udgifter til driften af bygningen, fordelt efter areal",
    "Kr. pr. brutto-m² pr. år": "Scenariets sats: kr. pr. brutto-m² pr. år",
    "I alt (kr./år)": "Hele husets udgift pr. år",
    "Lejer": "Lejeren",
    "Areal (brutto m²)": "Lejerens eget areal plus dens andel af de fælles arealer, brutto",
    "Husleje (kr./år)": "Areal × husleje pr. brutto-m² (kapital og drift, efter tilskud)",
    "Udstyr (kr./år)": "Lejerens eget udstyr plus dens andel af det fælles (afskrivning og service)",
    "Fælles ydelser (kr./år)": "Lejerens andel af de fælles ydelser efter deres fordelingsnøgler",
    "Pr. måned (kr.)": "Årlig udgift i alt / 12",
    "Pr. brutto-m² (kr.)": "Årlig udgift i alt / lejerens bruttoareal",
    "Pr. behandler (kr./år)": "Årlig udgift i alt / antal behandlere",
    "Husleje i dag (kr./år)": "Lejerens husleje i dag, som angivet på siden Lejere",
    "Ændring": "Udgiften i det nye hus minus husleje i dag (og i procent)",
}


def field_help(kind: str, field: str | None) -> str:
    if field is None:
        return ""
    text = FIELD_HELP.get((kind, field)) or FIELD_HELP.get(field) or ""
    return t(text) if text else ""


def _e(text: object) -> str:
    return html.escape(str(text))


def rules_html(round_code: str) -> str:
    """The pool's rules for one round, each with its source, as HTML."""
    rounds = reference.pool_rounds()
    code = round_code or reference.newest_round()
    r = rounds.get(code)
    if r is None:
        return "<p>" + _e(t("Runden «{kode}» kendes ikke.").format(kode=code)) + "</p>"
    en = lang() == "en"
    src = lambda s, known=True: f"<br><small><i>{_e(t('Kilde'))}: {_e(source_text(s, known))}</i></small>"  # noqa: E731
    unknown = t("ikke kendt")
    rows = [
        (t("Puljens samlede beløb"), show_kr(r.total), r.total_source),
        (t("Ansøgningsfrist"), format_date(r.deadline, lang()) + (f" {r.deadline_time}" if r.deadline_time else ""),
         r.deadline_source),
        (t("Hvem kan søge"), ", ".join(APPLICANT_TYPES[a] for a in r.applicant_types), r.applicant_types_source),
        (t("Krav om læger"), t("En lægepraksis i huset eller et aftalt samarbejde med læger"), r.gp_rule_source),
        (t("Tilskudsberettigede kategorier"),
         ", ".join(COST_CATEGORIES[c] for c in r.eligible_categories) if r.eligible_categories else unknown,
         r.eligible_source, r.eligible_known),
        (t("Største tilskud"), show_kr(r.max_grant) if r.max_grant is not None else unknown, r.max_grant_source,
         r.max_grant_known),
        (t("Største tilskudsandel"), show_pct(r.max_grant_share) if r.max_grant_share is not None else unknown,
         r.max_grant_share_source, r.max_grant_share_known),
        (t("Hvad kan støttes"), r.fundable_en if en else r.fundable_da, r.fundable_source),
    ]  # fmt: skip
    out = [f"<h2>{_e(r.name_en if en else r.name_da)}</h2><table cellpadding='4'>"]
    for label, value, source, *known in rows:
        out.append(f"<tr><td valign='top'><b>{_e(label)}</b></td><td>{_e(value)}{src(source, *known)}</td></tr>")
    out.append("</table>")
    out.append(look_up_html(code))  # right under the rules it concerns
    if r.priorities:
        out.append(f"<h3>{_e(t('Prioriteres'))}</h3><ul>")
        out += [f"<li>{_e(p.name_en if en else p.name_da)}{src(p.source)}</li>" for p in r.priorities]
        out.append("</ul>")
    if r.notes:
        out.append(f"<h3>{_e(t('Bemærk'))}</h3><ul>")
        out += [f"<li>{_e(n.en if en else n.da)}{src(n.source)}</li>" for n in r.notes]
        out.append("</ul>")
    if r.sources:
        out.append(f"<h3>{_e(t('Kilder'))}</h3><ul>")
        out += [f"<li>{_e(source_text(s))}</li>" for s in dict.fromkeys(r.sources)]
        out.append("</ul>")
    others = [x for x in rounds if x != code]
    if others:
        out.append("<p>" + _e(t("Andre kendte runder: {runder}").format(runder=", ".join(others))) + "</p>")
    return "".join(out)


def look_up_html(round_code: str) -> str:
    """What the applicant should look up in the round's call for applications (the rules its data does not
    know), as HTML; "" where the data knows every rule. Shown in the help and on the checks page."""
    items = to_look_up(round_code, lang())
    if not items:
        return ""
    out = [f"<h3>{_e(t('Slå op i puljeopslaget'))}</h3>",
           "<p>" + _e(t("Programmet kender ikke disse regler for runden og har ikke kontrolleret dem. "
                        "Find dem i puljeopslaget, før ansøgningen sendes:")) + "</p><ul>"]
    out += [f"<li>{_e(x)}</li>" for x in items]
    out.append("</ul>")
    return "".join(out)


GLOSSARY = (
    ("Fordelingsnøgle", "Hvordan en fælles udgift eller et fælles rum fordeles mellem lejerne: efter areal, "
                        "efter hovedantal (behandlere plus øvrigt personale), ligeligt eller efter aftalte andele "
                        "(procent pr. lejer)."),
    ("Tilskudsberettiget", "En anlægsudgift, puljens tilskud må dække. Puljens regler (fanen til venstre) "
                           "siger, hvilke kategorier der er tilskudsberettigede."),
    ("Bruttoareal", "Nettoarealet (rummene) gange bruttofaktoren: med gange, vægge og teknik."),
    ("Scenarie", "En udgave af planen (f.eks. med og uden en lejer); alle sider viser det valgte scenarie."),
    ("Husleje pr. m²", "Kapitaludgift og drift pr. brutto-m² pr. år; med tilskud er kapitaludgiften mindre."),
    ("Opgørelse pr. lejer", "Siden Drift og husleje viser hver lejers årlige udgift i alt, pr. måned, pr. m², "
                            "pr. behandler og mod huslejen i dag."),
    ("Kopiér og indsæt", "Rækker kan kopieres til og fra et regneark (Ctrl+C, Ctrl+V; Ctrl+Shift+V som nye "
                         "rækker). Tal skrives på dansk: 1.234,5."),
    ("Genveje", "Ctrl+N ny plan, Ctrl+O åbn, Ctrl+Z fortryd, Ctrl+Y annullér fortryd, Ctrl+Shift+S gem kopi, "
                "Ctrl+E eksportér ansøgningsbilag, Ctrl+C / Ctrl+V kopiér og indsæt rækker, Delete slet rækker, "
                "Ctrl++ / Ctrl+- zoom, F11 workshop-tilstand, F1 hjælp."),
)


def glossary_html() -> str:
    out = [f"<h2>{_e(t('Begreber'))}</h2><dl>"]
    for term, text in GLOSSARY:
        out.append(f"<dt><b>{_e(t(term))}</b></dt><dd>{_e(t(text))}</dd>")
    out.append("</dl>")
    return "".join(out)


class HelpDialog(QDialog):
    def __init__(self, session: PlanSession | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(t("Hjælp"))
        self.resize(820, 640)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        round_code = session.plan.pool_round if session is not None else ""
        self.rules = QTextBrowser()
        self.rules.setOpenExternalLinks(True)
        self.rules.setHtml(rules_html(round_code))
        self.glossary = QTextBrowser()
        self.glossary.setHtml(glossary_html())
        self.tabs.addTab(self.rules, t("Puljens regler"))
        self.tabs.addTab(self.glossary, t("Begreber og genveje"))
        layout.addWidget(self.tabs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(t("Luk"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
