"""The bundled reference data of `resources/`, read once and typed.

Catalogs (tenant kinds, room types, equipment, running rates, capacity), the 98 municipalities with their
regions and the GP-shortage list, the rules of each round of the pool, the plausibility benchmarks and the
plan templates. The numbers live in JSON files beside their sources (resources/README.md); nothing here is a
constant of the domain. Numbers are read as `Decimal`, exactly as written.

Every function reads its file once (cached). `bundled_catalogs()` returns a fresh deep copy each call,
because a plan owns and edits its copy of the catalogs (DESIGN §2: a plan is self-contained).
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from planners.model import (
    ApplicantType,
    Catalogs,
    CostCategory,
    EquipmentItem,
    RoomType,
    RoomTypeInfo,
    RunningRate,
    Sector,
    TenantKind,
    TenantKindInfo,
)
from planners.model.i18n import bundled_folder
from planners.model.prebuilt import dataclass

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:  # validation (with difflib) is imported only to validate: reading commands skip it
    from typing import Any

    from planners.model.validation import Known

RESOURCES_PACKAGE = "resources"


# --- records ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Municipality:
    name: str  # the short official Danish name, e.g. "Ringkøbing-Skjern", "København"
    region: str  # e.g. "Region Midtjylland"
    gp_shortage: bool  # on PLO's list of GP-shortage areas, May 2019


@dataclass(frozen=True)
class Priority:
    """A priority criterion of a round (gp_shortage, remote_area, several_gps)."""

    code: str
    name_da: str
    name_en: str
    source: str


@dataclass(frozen=True)
class RoundNote:
    """A sourced fact about a round that is not a rule (e.g. one grant seen at 50 %)."""

    da: str
    en: str
    source: str


@dataclass(frozen=True)
class PoolRound:
    """The rules of one round of the pool (resources/rounds/CODE.json).

    A rule no source gives is None with its `*_known` flag False: the checks then warn instead of erring.
    `gp_rule` is "in_house_or_collaboration" (a `gp_practice` tenant, or a recorded collaboration).
    """

    code: str
    name_da: str
    name_en: str
    total: Decimal
    total_source: str
    deadline: date
    deadline_time: str | None  # "12:00" where the source gives the hour
    deadline_source: str
    applicant_types: list[ApplicantType]
    applicant_types_source: str
    gp_rule: str
    gp_rule_level: str  # "error" or "warning"
    gp_rule_source: str
    eligible_categories: list[CostCategory] | None
    eligible_known: bool
    eligible_source: str  # the source, or why it is unknown
    max_grant: Decimal | None
    max_grant_known: bool
    max_grant_source: str
    max_grant_share: Decimal | None  # a fraction: 0.5 is 50 %
    max_grant_share_known: bool
    max_grant_share_source: str
    fundable_da: str
    fundable_en: str
    fundable_source: str
    priorities: list[Priority]
    notes: list[RoundNote]
    sources: list[str]

    def priority(self, code: str) -> Priority | None:
        return next((p for p in self.priorities if p.code == code), None)


@dataclass(frozen=True)
class Range:
    """A closed plausibility range [low, high] with its source."""

    low: Decimal
    high: Decimal
    source: str
    estimate: bool = False

    def contains(self, value: Decimal) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True)
class GrantGiven:
    """One grant given by the pool (FACTS.md); `grant` is None where only a description is known."""

    year: int
    recipient: str
    grant: Decimal | None
    note: str
    source: str


@dataclass(frozen=True)
class Benchmarks:
    """Plausibility benchmarks for the warnings of DESIGN §5 (resources/benchmarks.json)."""

    establishment_per_gross_m2: Range  # kr. per gross m²
    establishment_reference: Range  # Aabenraa 2018 [derived], for messages
    establishment_reference_name: str
    rent_per_gross_m2: Range  # kr. per gross m² a year
    gross_m2: Range
    grant: Range  # the grants given, smallest to largest
    grants_given: list[GrantGiven]
    area_per_clinician: Range  # factors of the kind's m2_per_clinician norm: 0.5 to 2.0


@dataclass(frozen=True)
class Capacity:
    """Defaults of the capacity aid (resources/catalogs/capacity.json)."""

    patients_per_gp: Decimal
    patients_per_gp_source: str
    catchment_listed_share: Decimal | None  # a fraction; None where no source gives it
    catchment_listed_share_source: str


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    title_da: str
    title_en: str
    file: str


# --- files -----------------------------------------------------------------------------------------


@cache
def resources_dir() -> Path:
    """The folder of the bundled data (works from a checkout, an installed wheel and a PyInstaller bundle). Found
    once a process: it does not move while the app runs, and a summary asked for it five times, each with two
    `stat`s (s20-imp)."""
    # The resources package sits beside planners/ in every layout the app ships in (a checkout, a wheel, the
    # PyInstaller bundle): found there without importing it (an import a summary needs for nothing else; s20-imp).
    beside = Path(__file__).resolve().parent.parent / RESOURCES_PACKAGE
    if (beside / "__init__.py").is_file():
        return beside
    try:  # pragma: no cover - a layout without the folder on disk
        path = bundled_folder()
        if path.is_dir():
            return path
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - only a broken install gets here
        pass
    return beside  # pragma: no cover


_user_dir: Path | None = None


def set_user_data_dir(path: Path | str | None) -> None:
    """Also read the user's data folder (the app's AppDataLocation): `<path>/rounds/*.json` are pool rounds
    added to the bundled ones, and `<path>/catalogs/<name>.json` replaces a bundled catalog file (app-wide
    defaults for new plans and for "reset to the bundled values"). None: the bundled data only."""
    global _user_dir
    _user_dir = Path(path) if path is not None else None
    for cached in (_catalogs, capacity, _pool_rounds):
        cached.cache_clear()


def user_data_dir() -> Path | None:
    return _user_dir


def _read_path(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal, parse_int=Decimal)


def _read_catalog(relative: str) -> Any:
    """A catalog file: the user's own copy where there is one, else the bundled file."""
    if _user_dir is not None and (_user_dir / relative).is_file():
        return _read_path(_user_dir / relative)
    return _read(relative)


@cache
def _read(relative: str) -> Any:
    """One JSON file of resources/, numbers as Decimal (exact; never float)."""
    # The bytes decoded as UTF-8 in one piece: the same text as a text-mode file gives for our files (valid UTF-8,
    # no BOM; a newline translated or not is the same JSON), without a TextIOWrapper and its codec per file.
    text = (resources_dir() / relative).read_bytes().decode("utf-8")
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _opt_dec(value: Any) -> Decimal | None:
    return None if value is None else _dec(value)


# --- catalogs --------------------------------------------------------------------------------------


@cache
def _catalogs() -> Catalogs:
    kinds_doc = _read_catalog("catalogs/tenant_kinds.json")["kinds"]
    tenant_kinds = {
        TenantKind(code): TenantKindInfo(
            name_da=row["name_da"],
            name_en=row["name_en"],
            sector=Sector(row["sector"]),
            rooms_per_clinician={RoomType(k): _dec(v) for k, v in row["rooms_per_clinician"].items()},
            m2_per_clinician=_dec(row["m2_per_clinician"]),
            source=row["source"],
        )
        for code, row in kinds_doc.items()
    }
    rooms_doc = _read_catalog("catalogs/room_types.json")["room_types"]
    room_types = {
        RoomType(code): RoomTypeInfo(
            name_da=row["name_da"],
            name_en=row["name_en"],
            default_net_m2=_dec(row["default_net_m2"]),
            source=row["source"],
        )
        for code, row in rooms_doc.items()
    }
    equipment_doc = _read_catalog("catalogs/equipment.json")["items"]
    equipment = {
        code: EquipmentItem(
            name_da=row["name_da"],
            name_en=row["name_en"],
            unit_price=_dec(row["unit_price"]),
            lifetime_years=_dec(row["lifetime_years"]),
            annual_service=_dec(row["annual_service"]),
            source=row["source"],
        )
        for code, row in equipment_doc.items()
    }
    rates_doc = _read_catalog("catalogs/running_rates.json")["rates"]
    # In the enum's order, so a plan's rates read in the order of the JSON format (DESIGN §9).
    running_rates = {rate: _dec(rates_doc[rate.value]["value"]) for rate in RunningRate}
    return Catalogs(
        tenant_kinds=tenant_kinds,
        room_types=room_types,
        equipment=equipment,
        running_rates=running_rates,
        patients_per_gp=capacity().patients_per_gp,
        running_rate_sources={rate: str(rates_doc[rate.value]["source"]) for rate in RunningRate
                              if str(rates_doc[rate.value].get("source", "")).strip()},
    )


def bundled_catalogs() -> Catalogs:
    """The bundled catalogs and rates, a fresh deep copy each call (plans mutate theirs)."""
    import copy  # here: a start that makes no plan does not import it (with weakref ≈ 0,8 ms CPU, issue 19)

    return copy.deepcopy(_catalogs())


@cache
def capacity() -> Capacity:
    doc = _read_catalog("catalogs/capacity.json")
    share = doc["catchment_listed_share"]
    return Capacity(
        patients_per_gp=_dec(doc["patients_per_gp"]["value"]),
        patients_per_gp_source=doc["patients_per_gp"]["source"],
        catchment_listed_share=_opt_dec(share["value"]),
        catchment_listed_share_source=share.get("source") or share.get("why", ""),
    )


def catalog_sources() -> dict[str, dict[str, str]]:
    """Each catalog row's source, by catalog ("tenant_kinds", "room_types", "equipment", "running_rates")."""
    return {
        "tenant_kinds": {c: r["source"] for c, r in _read_catalog("catalogs/tenant_kinds.json")["kinds"].items()},
        "room_types": {c: r["source"] for c, r in _read_catalog("catalogs/room_types.json")["room_types"].items()},
        "equipment": {c: r["source"] for c, r in _read_catalog("catalogs/equipment.json")["items"].items()},
        "running_rates": {c: r["source"] for c, r in _read_catalog("catalogs/running_rates.json")["rates"].items()},
    }


# --- municipalities --------------------------------------------------------------------------------


@cache
def _municipalities() -> dict[str, Municipality]:
    doc = _read("municipalities.json")
    # (by position, in the order of the fields: name, region, gp_shortage; 98 rows at every summary)
    return {row["name"]: Municipality(row["name"], row["region"], bool(row["gp_shortage"]))
            for row in doc["municipalities"]}


def municipalities() -> dict[str, Municipality]:
    """The 98 municipalities by Danish name, in the file's order (by region, then name)."""
    return dict(_municipalities())


def municipality(name: str) -> Municipality | None:
    """The municipality of that Danish name, as `municipalities().get(name)`, without making the other 97 records
    (a summary's checks look up one name; the 98 records ≈ 1,3 M instructions, issue 19). The last row of a name
    wins, as in the dict."""
    for row in reversed(_read("municipalities.json")["municipalities"]):
        if row["name"] == name:
            return Municipality(row["name"], row["region"], bool(row["gp_shortage"]))
    return None


def _municipality_names() -> tuple[str, ...]:
    """The municipalities' names as `tuple(_municipalities())` gives them (the file's order, each once), read from
    the rows without making the records."""
    return tuple(dict.fromkeys([row["name"] for row in _read("municipalities.json")["municipalities"]]))


def regions() -> list[str]:
    """The five regions as "Region Hovedstaden" … "Region Nordjylland"."""
    return list(_read("municipalities.json")["regions"])


def gp_shortage_source() -> str:
    return str(_read("municipalities.json")["gp_shortage_source"])


# --- pool rounds -----------------------------------------------------------------------------------


def _round_from(doc: dict[str, Any]) -> PoolRound:
    def rule(key: str) -> dict[str, Any]:
        return doc[key]

    def why_or_source(entry: dict[str, Any]) -> str:
        # An unknown rule says why; the reason is what a warning should quote.
        if entry.get("known", True) is False:
            return str(entry.get("why") or entry.get("source", ""))
        return str(entry.get("source", ""))

    eligible = rule("eligible_categories")
    max_grant = rule("max_grant")
    share = rule("max_grant_share")
    return PoolRound(
        code=str(doc["code"]),
        name_da=doc["name_da"],
        name_en=doc["name_en"],
        total=_dec(doc["total"]["value"]),
        total_source=doc["total"]["source"],
        deadline=date.fromisoformat(doc["deadline"]["value"]),
        deadline_time=doc["deadline"].get("time"),
        deadline_source=doc["deadline"]["source"],
        applicant_types=[ApplicantType(t) for t in doc["applicant_types"]["value"]],
        applicant_types_source=doc["applicant_types"]["source"],
        gp_rule=doc["gp_rule"]["value"],
        gp_rule_level=doc["gp_rule"].get("level", "error"),
        gp_rule_source=doc["gp_rule"]["source"],
        eligible_categories=(
            None if eligible["value"] is None else [CostCategory(c) for c in eligible["value"]]
        ),
        eligible_known=eligible.get("known", eligible["value"] is not None) is not False,
        eligible_source=why_or_source(eligible),
        max_grant=_opt_dec(max_grant["value"]),
        max_grant_known=max_grant.get("known", True) is not False,
        max_grant_source=why_or_source(max_grant),
        max_grant_share=_opt_dec(share["value"]),
        max_grant_share_known=share.get("known", True) is not False,
        max_grant_share_source=why_or_source(share),
        fundable_da=doc["fundable"]["da"],
        fundable_en=doc["fundable"]["en"],
        fundable_source=doc["fundable"]["source"],
        priorities=[Priority(p["code"], p["name_da"], p["name_en"], p["source"]) for p in doc["priorities"]],
        notes=[RoundNote(n["da"], n["en"], n["source"]) for n in doc.get("notes", [])],
        sources=list(doc.get("sources", [])),
    )


def _json_files(folder: Path) -> list[Path]:
    """What `folder.glob("*.json")` finds (every entry whose name ends in ".json", hidden ones too, case as written, in
    the folder's order), without the regular expression pathlib compiles for the pattern (≈ 1,3 M instructions of
    every summary; issue 19)."""
    return [path for path in folder.iterdir() if path.name.endswith(".json")]


@cache
def _pool_rounds() -> dict[str, PoolRound]:
    folder = resources_dir() / "rounds"
    rounds = [_round_from(_read(f"rounds/{path.name}")) for path in _json_files(folder)]
    # A round added by the user (<data>/rounds/CODE.json) comes after the bundled ones; the same code replaces one.
    user = user_data_dir()
    if user is not None and (user / "rounds").is_dir():
        rounds += [_round_from(_read_path(path)) for path in sorted(_json_files(user / "rounds"))]
    # A new round is a new file; the rounds are named by their year, so they sort as text.
    return {r.code: r for r in sorted(rounds, key=lambda r: r.code)}


def pool_rounds() -> dict[str, PoolRound]:
    """Every bundled round by code ("2018", "2019"), oldest first."""
    return dict(_pool_rounds())


def known_names() -> Known:
    """The names a plan's fields may take from the reference (the rounds, including the user's, and the
    municipalities), for `planners.model.validation.validate_plan`."""
    from planners.model.validation import Known

    return Known(pool_rounds=tuple(sorted(_pool_rounds())), municipalities=_municipality_names())


def newest_round() -> str:
    """The code of the newest bundled round: the default `pool_round` of a plan (DESIGN §9)."""
    return max(_pool_rounds())


# --- benchmarks ------------------------------------------------------------------------------------


def _range(entry: dict[str, Any]) -> Range:
    return Range(
        low=_dec(entry["low"]),
        high=_dec(entry["high"]),
        source=entry["source"],
        estimate=bool(entry.get("estimate", False)),
    )


@cache
def benchmarks() -> Benchmarks:
    doc = _read("benchmarks.json")
    reference = doc["establishment_per_gross_m2"]["reference"]
    return Benchmarks(
        establishment_per_gross_m2=_range(doc["establishment_per_gross_m2"]),
        establishment_reference=_range(reference),
        establishment_reference_name=reference["name"],
        rent_per_gross_m2=_range(doc["rent_per_gross_m2"]),
        gross_m2=_range(doc["gross_m2"]),
        grant=_range(doc["grant"]),
        grants_given=[
            GrantGiven(
                year=int(g["year"]),
                recipient=g["recipient"],
                grant=_opt_dec(g["grant"]),
                note=g["note"],
                source=g["source"],
            )
            for g in doc["grants_given"]
        ],
        area_per_clinician=_range(doc["area_per_clinician"]),
    )


# --- templates -------------------------------------------------------------------------------------


@cache
def _templates() -> tuple[TemplateInfo, ...]:
    doc = _read("templates/index.json")
    return tuple(
        TemplateInfo(
            name=t["name"],
            title_da=t["title_da"],
            title_en=t["title_en"],
            file=t.get("file", t["name"] + ".json"),
        )
        for t in doc["templates"]
    )


def template_names() -> list[tuple[str, str]]:
    """(name, Danish title) of every bundled template, `example` first."""
    return [(t.name, t.title_da) for t in _templates()]


def template_titles() -> list[tuple[str, str, str]]:
    """(name, Danish title, English title) of every bundled template, `example` first."""
    return [(t.name, t.title_da, t.title_en) for t in _templates()]


def template_path(name: str) -> Path:
    """The JSON plan of a bundled template; KeyError for a name that is not one."""
    for t in _templates():
        if t.name == name:
            return resources_dir() / "templates" / t.file
    raise KeyError(name)


def example_path() -> Path:
    """The template the README and `sundhedshus --example` open."""
    return template_path("example")
