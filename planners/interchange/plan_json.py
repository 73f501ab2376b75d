"""The JSON interchange format of a plan, version 1 (DESIGN §9; documented in docs/plan-format.md).

Reading (`load_json`, `plan_from_dict`) converts JSON types into the dataclasses of `planners.model`,
reporting wrong types, unknown and duplicated keys and the few rules only JSON can break (a loan without
`interest_pct`); every range, code and reference rule is then checked by `planners.model.validation` (with
`value_rules` and `scenario_validation`), so the store, the GUI and the import refuse the same things with the same
messages. All problems are collected before `InvalidPlan` is raised: a user fixes a file in one go, not one error
per run.

Writing (`plan_to_dict`, `dump_json`) writes every key, defaults filled in, in the order of DESIGN §9's
example; numbers are exact (a `Decimal` is written with its own digits, never through a float).
Round trip: `plan_to_dict(plan_from_dict(d))` is a fixed point, and `plan_from_dict(plan_to_dict(p)) == p`
for every valid plan whose derived defaults are filled in (tenant sectors, the pool round, and catalogs
holding at least the bundled rows), as every plan read by this module or made from a template is.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
import json
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from planners.interchange import exactjson, timeline_json
from planners.model import (
    ZERO,
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    Approval,
    ApprovalStatus,
    Catalogs,
    Commitment,
    CommitmentStatus,
    Contact,
    CostCategory,
    EquipmentItem,
    FinancingSource,
    GPCollaboration,
    Milestone,
    Person,
    Plan,
    ProjectType,
    RoomType,
    RoomTypeInfo,
    Running,
    RunningRate,
    Scenario,
    Sector,
    SubProject,
    Tenant,
    TenantKind,
    TenantKindInfo,
    default_running_rates,
)
from planners.model.errors import InvalidPlan, PlanError, Problem
from planners.model.i18n import N_, Message
from planners.model.linekinds import LINES, Form, LineField, LineKind
from planners.model.readiness import NOT_DATE
from planners.model.validation import validate_plan
from planners.model.value_rules import (
    BAD_CHARACTER,
    DUPLICATE_KEY,
    MISSING,
    NOT_BOOL,
    NOT_FINITE,
    NOT_INTEGER,
    NOT_LIST,
    NOT_NUMBER,
    NOT_OBJECT,
    NOT_TEXT,
    NOT_YEAR,
    REPORTED,
    UNKNOWN_KEY,
    Problems,
    encodable,
    index_path,
    join,
    key_path,
    suggestion,
)

FORMAT = "sundhedshus-plan"
FORMAT_VERSION = 1

# Keys of each object, in the order they are written (DESIGN §9's example, then the model's other fields).
TOP_KEYS = ("format", "format_version", "plan", "scenarios", "catalogs")
PLAN_KEYS = (
    "title", "pool_round", "applicant", "partners", "gp_collaboration", "contact", "municipality", "address",
    "project_type", "price_year", "years", "amounts_include_vat", "description", "applied_scenario",
    "market_rent",
    # issue 16.6: optional, written only where given
    "signatory", "project_leader", "approval", "milestones", "subprojects",
)  # fmt: skip
APPLICANT_KEYS = ("name", "type", "cvr", "ean")  # cvr and ean (issue 16.6) written only where given
PERSON_KEYS = ("name", "title", "email")
APPROVAL_KEYS = ("status", "date")
MILESTONE_KEYS = ("name", "date", "note")
SUBPROJECT_KEYS = ("name", "priority")
COMMITMENT_KEYS = ("status", "date")
COLLABORATION_KEYS = ("with", "description")
CONTACT_KEYS = ("name", "email", "phone")
SCENARIO_KEYS = (
    "name", "gross_factor", "tenants", "rooms", "equipment", "costs", "financing", "running", "timeline",
    "notes", "commitments",  # issue 15.7 and 16.6: written only where given
)  # fmt: skip
# A line's keys are its fields' JSON keys in the registry (`planners.model.linekinds`), in their order.
TENANT_KEYS = LINES[LineKind.TENANT].json_keys
ROOM_KEYS = LINES[LineKind.ROOM].json_keys
ALLOCATION_KEYS = ("key", "shares")
EQUIPMENT_KEYS = LINES[LineKind.EQUIPMENT].json_keys
# `vacant` is accepted on equipment lines (false or null, i.e. absent) so a line can move between the room and
# equipment tables of a script; `true` is refused by the placement rule. It is never written.
EQUIPMENT_READ_KEYS = (*EQUIPMENT_KEYS, "vacant")
COST_KEYS = LINES[LineKind.COST].json_keys
FINANCING_KEYS = LINES[LineKind.FINANCING].json_keys
RUNNING_KEYS = ("per_gross_m2", "services", "sources")  # sources (issue 16.6): written only where given
SERVICE_KEYS = LINES[LineKind.SERVICE].json_keys
# The keys a line may have when read (equipment also accepts `vacant`, see above).
_READ_KEYS: dict[LineKind, tuple[str, ...]] = {
    **{kind: info.json_keys for kind, info in LINES.items()},
    LineKind.EQUIPMENT: EQUIPMENT_READ_KEYS,
}
# running_rate_sources (issue 16.6): written only where a source differs from the bundled one ("" removes it).
CATALOG_KEYS = ("tenant_kinds", "room_types", "equipment", "running_rates", "patients_per_gp",
                "running_rate_sources")
TENANT_KIND_KEYS = ("name_da", "name_en", "sector", "rooms_per_clinician", "m2_per_clinician", "source")
ROOM_TYPE_KEYS = ("name_da", "name_en", "default_net_m2", "source")
EQUIPMENT_ITEM_KEYS = ("name_da", "name_en", "unit_price", "lifetime_years", "annual_service", "source")

_YEAR_KEY = re.compile(r"[1-9][0-9]{0,5}\Z")  # no leading zero: "02019" would merge with "2019"
# Integers are converted to `int` only below this many digits; a longer one is refused before `int()`.
_MAX_INT_DIGITS = 18
_TOO_LARGE = N_("er for stort")

E = TypeVar("E", bound=StrEnum)


# --- reading -------------------------------------------------------------------------------------


class _NonFinite:
    """JSON's non-standard NaN / Infinity, which Python's reader accepts: kept to be reported with a path."""

    def __init__(self, text: str) -> None:
        self.text = text


class _JSONObject(dict[str, Any]):
    """A JSON object that remembers keys written twice (the reader would otherwise keep the last silently)."""

    duplicates: list[str]


def _object_pairs(pairs: list[tuple[str, Any]]) -> _JSONObject:
    obj = _JSONObject()
    obj.duplicates = []
    for key, value in pairs:
        if key in obj and key not in obj.duplicates:
            obj.duplicates.append(key)
        obj[key] = value
    return obj


_MISSING_VALUE = object()


class _Reader:
    """Converts parsed JSON into model objects, collecting type and shape problems with their paths."""

    def __init__(self) -> None:
        self.problems = Problems()
        # Objects that were missing or not objects: read as empty, and the validation's problems inside
        # them are dropped (they would only repeat the one problem already reported).
        self.muted: list[str] = []

    # -- shapes --

    def obj(self, value: object, path: str, allowed: tuple[str, ...] | None) -> Mapping[str, Any] | None:
        """`value` as an object, reporting duplicated and (with `allowed`) unknown keys; None if not one."""
        if not isinstance(value, Mapping):
            self.problems.add(path, NOT_OBJECT)
            return None
        for key in getattr(value, "duplicates", ()):
            self.problems.add(key_path(path, key), DUPLICATE_KEY)
        if allowed is not None:
            for key in value:
                if key not in allowed:
                    near = suggestion(str(key), allowed)
                    if near:
                        self.problems.add(key_path(path, key), N_("ukendt nøgle (mente du «{near}»?)"), near=near)
                    else:
                        self.problems.add(key_path(path, key), UNKNOWN_KEY)
        return value

    def section(self, d: Mapping[str, Any], key: str, path: str, allowed: tuple[str, ...] | None) -> Mapping:
        """A nested object that may be absent (null or missing = empty)."""
        value = d.get(key)
        if value is None:
            return {}
        found = self.obj(value, join(path, key), allowed)
        if found is None:
            self.muted.append(join(path, key))
            return {}
        return found

    def items(self, d: Mapping[str, Any], key: str, path: str) -> list[Any] | None:
        value = d.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.problems.add(join(path, key), NOT_LIST)
            return None
        return value

    # -- values: `default` is what null or a missing key means; a required value defaults to None and
    #    the validation reports it as missing --

    def number(self, value: object, path: str, default: Decimal | None = None) -> Any:
        if value is None:
            return default
        if isinstance(value, bool):
            return self._bad(path, NOT_NUMBER)
        if isinstance(value, int):
            return Decimal(value)
        if isinstance(value, float):
            # A dict built in Python (not read by `load_json`): the float's shortest repr is what was typed.
            return (
                Decimal(repr(value))
                if value == value and abs(value) != float("inf")
                else self._bad(path, NOT_FINITE)
            )
        if isinstance(value, Decimal):
            return value if value.is_finite() else self._bad(path, NOT_FINITE)
        if isinstance(value, _NonFinite):
            return self._bad(path, NOT_FINITE)
        return self._bad(path, NOT_NUMBER)

    def integer(self, value: object, path: str, default: int | None = None) -> Any:
        if isinstance(value, (str, bool, list, dict)):
            return self._bad(path, NOT_INTEGER)
        number = self.number(value, path, None)
        if number is None:
            return default
        if number is REPORTED:
            return REPORTED
        assert isinstance(number, Decimal)
        if number != number.to_integral_value():
            return self._bad(path, NOT_INTEGER)
        if number != 0 and number.adjusted() >= _MAX_INT_DIGITS:
            return self._bad(path, _TOO_LARGE)
        return int(number)

    def text(self, value: object, path: str, default: str | None = None) -> Any:
        if value is None:
            return default
        if not isinstance(value, str):
            return self._bad(path, NOT_TEXT)
        return value if encodable(value) else self._bad(path, BAD_CHARACTER)

    def boolean(self, value: object, path: str, default: bool) -> Any:
        if value is None:
            return default
        return value if isinstance(value, bool) else self._bad(path, NOT_BOOL)

    def code(self, codes: type[E], value: object, path: str, default: E | None = None) -> Any:
        """An enum member; an unknown code stays a string, for the validation to report."""
        if value is None:
            return default
        if not isinstance(value, str):
            return self._bad(path, NOT_TEXT)
        try:
            return codes(value)
        except ValueError:
            return value

    def _bad(self, path: str, message: str | Message) -> Any:
        self.problems.add(path, message)
        return REPORTED

    # -- shorthands for a key of an object --

    def num(self, d: Mapping[str, Any], key: str, path: str, default: Decimal | None = None) -> Any:
        return self.number(d.get(key), join(path, key), default)

    def int_(self, d: Mapping[str, Any], key: str, path: str, default: int | None = None) -> Any:
        return self.integer(d.get(key), join(path, key), default)

    def str_(self, d: Mapping[str, Any], key: str, path: str, default: str | None = "") -> Any:
        return self.text(d.get(key), join(path, key), default)

    def bool_(self, d: Mapping[str, Any], key: str, path: str, default: bool) -> Any:
        return self.boolean(d.get(key), join(path, key), default)

    def code_(
        self, codes: type[E], d: Mapping[str, Any], key: str, path: str, default: E | None = None
    ) -> Any:
        return self.code(codes, d.get(key), join(path, key), default)

    def lines(
        self,
        d: Mapping[str, Any],
        key: str,
        path: str,
        allowed: tuple[str, ...],
        read: Callable[[Mapping, str], Any],
    ) -> Any:
        """A list of objects; an entry that is not an object is reported and kept as REPORTED (so the
        positions, and the paths, of the others stay right)."""
        values = self.items(d, key, path)
        if values is None:
            return REPORTED
        result = []
        for i, value in enumerate(values):
            item_path = index_path(join(path, key), i)
            found = self.obj(value, item_path, allowed)
            result.append(REPORTED if found is None else read(found, item_path))
        return result

    # -- the document --

    def plan(self, doc: Mapping[str, Any]) -> Plan:
        self._format(doc)
        self.obj(doc, "", TOP_KEYS)
        path = "plan"
        p = self.section(doc, "plan", "", PLAN_KEYS)
        if doc.get("plan") is None:
            self.problems.add(path, MISSING)
            self.muted.append(path)
        fields = {
            "title": self.str_(p, "title", path, None),
            "pool_round": self.str_(p, "pool_round", path, ""),
            "applicant": self.applicant(p, path),
            "partners": self.texts(p, "partners", path),
            "gp_collaboration": self.collaboration(p, path),
            "contact": self.contact(p, path),
            "municipality": self.str_(p, "municipality", path, None),
            "address": self.str_(p, "address", path),
            "project_type": self.code_(ProjectType, p, "project_type", path),
            "price_year": self.int_(p, "price_year", path),
            "years": self.years(p, path),
            "amounts_include_vat": self.bool_(p, "amounts_include_vat", path, False),
            "description": self.str_(p, "description", path),
            "applied_scenario": self.str_(p, "applied_scenario", path, None),
            "market_rent": timeline_json.read_market_rent(self, p, path),
            **self.readiness(p, path),
        }
        scenarios = self.lines(doc, "scenarios", "", SCENARIO_KEYS, self.scenario)
        if doc.get("scenarios") is None:
            self.problems.add("scenarios", MISSING)
            scenarios = REPORTED
        plan = Plan(scenarios=scenarios, catalogs=self.catalogs(doc), **fields)
        _fill_defaults(plan)
        return plan

    def texts(self, d: Mapping[str, Any], key: str, path: str) -> Any:
        values = self.items(d, key, path)
        if values is None:
            return REPORTED
        return [self.text(x, index_path(join(path, key), i), None) for i, x in enumerate(values)]

    def years(self, p: Mapping[str, Any], path: str) -> Any:
        """`plan.years`; a null year is a wrong type here (the validation reports a missing list)."""
        raw = p.get("years")
        if raw is None:
            return None
        path = join(path, "years")
        if not isinstance(raw, list):
            return self._bad(path, NOT_LIST)
        years = []
        for i, value in enumerate(raw):
            year = self.integer(value, index_path(path, i))
            years.append(self._bad(index_path(path, i), NOT_INTEGER) if year is None else year)
        return years

    def _format(self, doc: Mapping[str, Any]) -> None:
        fmt = doc.get("format")
        if fmt != FORMAT:
            raise InvalidPlan(
                [
                    Problem(
                        "format",
                        "ikke en Sundhedshus-plan: «format» skal være «{format}»",
                        format=FORMAT,
                    )
                ]
            )
        version = doc.get("format_version")
        if version is None:
            self.problems.add("format_version", MISSING)
            return
        number = self.integer(version, "format_version")
        if number is REPORTED:
            return
        if number > FORMAT_VERSION:
            raise InvalidPlan(
                [
                    Problem(
                        "format_version",
                        "planen er skrevet af en nyere Sundhedshus (formatversion {number}; denne version læser "
                        "version {newest}): opdater Sundhedshus for at åbne den",
                        number=number,
                        newest=FORMAT_VERSION,
                    )
                ]
            )
        if number < FORMAT_VERSION:
            self.problems.add("format_version", N_("ukendt formatversion {number}"), number=number)

    def applicant(self, p: Mapping[str, Any], path: str) -> Applicant:
        path = join(path, "applicant")
        a = self.section(p, "applicant", "plan", APPLICANT_KEYS)
        return Applicant(
            name=self.str_(a, "name", path),
            type=self.code_(ApplicantType, a, "type", path, ApplicantType.MUNICIPALITY),
        )

    # -- issue 16.6: the application's fields, each optional (an older file has none of them) --

    def readiness(self, p: Mapping[str, Any], path: str) -> dict[str, Any]:
        found = p.get("applicant")
        a: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        applicant_path = join(path, "applicant")
        approval = self.section(p, "approval", path, APPROVAL_KEYS)
        approval_path = join(path, "approval")
        return {
            "cvr": self.str_(a, "cvr", applicant_path),
            "ean": self.str_(a, "ean", applicant_path),
            "signatory": self.person(p, "signatory", path),
            "project_leader": self.person(p, "project_leader", path),
            "approval": Approval(
                status=self.code_(ApprovalStatus, approval, "status", approval_path, ApprovalStatus.NONE),
                date=self.date(approval.get("date"), join(approval_path, "date")),
            ),
            "milestones": self.lines(p, "milestones", path, MILESTONE_KEYS, lambda m, mp: Milestone(
                name=self.str_(m, "name", mp, None), date=self.date(m.get("date"), join(mp, "date")),
                note=self.str_(m, "note", mp))),
            "subprojects": self.lines(p, "subprojects", path, SUBPROJECT_KEYS, lambda sp, spp: SubProject(
                name=self.str_(sp, "name", spp, None), priority=self.int_(sp, "priority", spp, 1))),
        }  # fmt: skip

    def person(self, p: Mapping[str, Any], key: str, path: str) -> Person:
        d = self.section(p, key, path, PERSON_KEYS)
        path = join(path, key)
        return Person(name=self.str_(d, "name", path), title=self.str_(d, "title", path),
                      email=self.str_(d, "email", path))  # fmt: skip

    def date(self, value: object, path: str) -> Any:
        """An ISO date ("2027-03-01"); null or missing: none."""
        if value is None:
            return None
        if not isinstance(value, str):
            return self._bad(path, NOT_TEXT)
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
                raise ValueError(value)
            return datetime.date.fromisoformat(value)
        except ValueError:
            return self._bad(path, NOT_DATE)

    def commitments(self, s: Mapping[str, Any], path: str) -> Any:
        found = self.section(s, "commitments", path, None)
        path = join(path, "commitments")
        result: dict[str, Any] = {}
        for code, value in found.items():
            entry = key_path(path, code)
            c = self.obj(value, entry, COMMITMENT_KEYS)
            result[code] = REPORTED if c is None else Commitment(
                status=self.code_(CommitmentStatus, c, "status", entry, CommitmentStatus.NONE),
                date=self.date(c.get("date"), join(entry, "date")))  # fmt: skip
        return result

    def sources(self, running: Mapping[str, Any], path: str, key: str = "sources") -> Any:
        found = self.section(running, key, path, None)
        path = join(path, key)
        result: dict[Any, Any] = {}
        for key, value in found.items():
            try:
                code: Any = RunningRate(key)
            except ValueError:
                code = key
            result[code] = self.text(value, key_path(path, key), "")
        return result

    def collaboration(self, p: Mapping[str, Any], path: str) -> Any:
        value = p.get("gp_collaboration")
        if value is None:
            return None
        path = join(path, "gp_collaboration")
        c = self.obj(value, path, COLLABORATION_KEYS)
        if c is None:
            return REPORTED
        return GPCollaboration(
            with_=self.str_(c, "with", path), description=self.str_(c, "description", path)
        )

    def contact(self, p: Mapping[str, Any], path: str) -> Contact:
        c = self.section(p, "contact", path, CONTACT_KEYS)
        path = join(path, "contact")
        return Contact(name=self.str_(c, "name", path), email=self.str_(c, "email", path),
                       phone=self.str_(c, "phone", path))  # fmt: skip

    def scenario(self, s: Mapping[str, Any], path: str) -> Scenario:
        running = self.section(s, "running", path, RUNNING_KEYS)
        running_path = join(path, "running")
        lists = {
            info.attr: self.lines(s, info.json_key, path, _READ_KEYS[kind], self.line_reader(kind))
            for kind, info in LINES.items()
            if kind is not LineKind.SERVICE
        }
        return Scenario(
            name=self.str_(s, "name", path, None),
            gross_factor=self.num(s, "gross_factor", path, Decimal("1.35")),
            **lists,
            running=Running(
                per_gross_m2=self.rates(
                    running.get("per_gross_m2"), join(running_path, "per_gross_m2"), default_running_rates()
                ),  # fmt: skip
                services=self.lines(running, LINES[LineKind.SERVICE].json_key, running_path,
                                    _READ_KEYS[LineKind.SERVICE], self.line_reader(LineKind.SERVICE)),  # fmt: skip
                sources=self.sources(running, running_path),
            ),
            timeline=timeline_json.read_timeline(self, s, path),
            notes=self.str_(s, "notes", path),
            commitments=self.commitments(s, path),
        )

    def line_reader(self, kind: LineKind) -> Callable[[Mapping, str], Any]:
        return lambda d, path: self.line(kind, d, path)

    def line(self, kind: LineKind, d: Mapping[str, Any], path: str) -> Any:
        """A line of `kind`: each field of the registry read by its form; a key that is null or missing
        means the dataclass's default (None for a required field: the validation reports it missing)."""
        info = LINES[kind]
        # A loan without the key "repaid_by_rent" is paid back by the rent (FinancingLine's default by source).
        if kind is LineKind.FINANCING and d.get("source") == FinancingSource.LOAN.value \
                and d.get("repaid_by_rent") is not False:
            if d.get("interest_pct") is None:
                # The model defaults the rate to 0; a loan the rent repays must state it (DESIGN §9); one it does
                # not repay (issue 14.4) counts nothing in the rent.
                self.problems.add(join(path, "interest_pct"), MISSING)
        values = {f.attr: self.field(f, d, path, _default(info.cls, f.attr)) for f in info.fields}
        if kind is LineKind.EQUIPMENT and self.bool_(d, "vacant", path, False) is True:
            # Equipment cannot stand vacant: the placement rule's message, at the line.
            self.problems.add(path, N_("præcis én af tenant og shared skal angives (udstyr kan ikke stå ledigt)"))
            values["tenant"] = values["shared"] = REPORTED
        return info.cls(**values)

    def field(self, f: LineField, d: Mapping[str, Any], path: str, default: Any) -> Any:
        key = f.json_key
        if f.form is Form.TEXT:
            return self.str_(d, key, path, default)
        if f.form is Form.DECIMAL:
            return self.num(d, key, path, default)
        if f.form is Form.INT:
            return self.int_(d, key, path, default)
        if f.form is Form.BOOL:
            return self.bool_(d, key, path, default)
        if f.form is Form.CODE:
            assert f.codes is not None
            return self.code_(f.codes, d, key, path, default)
        if f.form is Form.ALLOCATION:
            shared = self.allocation(d.get(key), join(path, key))
            return Allocation() if shared is None and not f.optional else shared
        if f.form is Form.CATEGORIES:
            raw = self.items(d, key, path)
            if raw is None:
                return REPORTED
            return [self.code(CostCategory, x, index_path(join(path, key), i)) for i, x in enumerate(raw)]
        assert f.form is Form.SPREAD
        return self.spread(d.get(key), join(path, key))

    def tenant(self, t: Mapping[str, Any], path: str) -> Tenant:
        return self.line(LineKind.TENANT, t, path)

    def allocation(self, value: object, path: str) -> Any:
        if value is None:
            return None
        a = self.obj(value, path, ALLOCATION_KEYS)
        if a is None:
            return REPORTED
        shares: Any = {}
        raw = a.get("shares")
        if raw is not None:
            found = self.obj(raw, join(path, "shares"), None)
            if found is None:
                shares = REPORTED
            else:
                shares = {
                    key: self.number(v, key_path(join(path, "shares"), key)) for key, v in found.items()
                }
        return Allocation(key=self.code_(AllocationKey, a, "key", path, AllocationKey.AREA), shares=shares)

    def spread(self, value: object, path: str) -> Any:
        if value is None:
            return {}
        found = self.obj(value, path, None)
        if found is None:
            return REPORTED
        spread: dict[Any, Any] = {}
        for key, share in found.items():
            if not isinstance(key, str) or not _YEAR_KEY.match(key):
                self.problems.add(key_path(path, key), NOT_YEAR)
                continue
            spread[int(key)] = self.number(share, key_path(path, key))
        return spread

    def rates(self, value: object, path: str, rates: dict[Any, Decimal]) -> Any:
        """Running rates by code, over `rates` (the defaults); an unknown code is left for the validation."""
        if value is None:
            return rates
        found = self.obj(value, path, None)
        if found is None:
            return REPORTED
        for key, rate in found.items():
            try:
                code: Any = RunningRate(key)
            except ValueError:
                code = key
            rates[code] = self.number(rate, key_path(path, key))
        return rates

    # -- catalogs: the bundled rows with the plan's own rows over them --

    def catalogs(self, doc: Mapping[str, Any]) -> Catalogs:
        from planners.reference import bundled_catalogs

        catalogs = copy.deepcopy(bundled_catalogs())
        c = self.section(doc, "catalogs", "", CATALOG_KEYS)
        path = "catalogs"
        for code, row, row_path in self._rows(c, "tenant_kinds", path):
            norms_raw = row.get("rooms_per_clinician")
            norms: Any = {}
            norms_path = join(row_path, "rooms_per_clinician")
            if norms_raw is not None:
                found = self.obj(norms_raw, norms_path, None)
                norms = (
                    REPORTED
                    if found is None
                    else {
                        self.code(RoomType, k, key_path(norms_path, k)): self.number(
                            v, key_path(norms_path, k)
                        )
                        for k, v in found.items()
                    }
                )
            catalogs.tenant_kinds[self.code(TenantKind, code, row_path)] = TenantKindInfo(
                name_da=self.str_(row, "name_da", row_path, None),
                name_en=self.str_(row, "name_en", row_path, None),
                sector=self.code_(Sector, row, "sector", row_path),
                rooms_per_clinician=norms,
                m2_per_clinician=self.num(row, "m2_per_clinician", row_path, ZERO),
                source=self.str_(row, "source", row_path),
            )
        for code, row, row_path in self._rows(c, "room_types", path):
            catalogs.room_types[self.code(RoomType, code, row_path)] = RoomTypeInfo(
                name_da=self.str_(row, "name_da", row_path, None),
                name_en=self.str_(row, "name_en", row_path, None),
                default_net_m2=self.num(row, "default_net_m2", row_path),
                source=self.str_(row, "source", row_path),
            )
        equipment = c.get("equipment")
        if isinstance(equipment, Mapping):
            for code in [code for code, row in equipment.items() if row is None]:
                catalogs.equipment.pop(code, None)  # null: a bundled item this plan removed
        for code, row, row_path in self._rows(c, "equipment", path):
            catalogs.equipment[code] = EquipmentItem(
                name_da=self.str_(row, "name_da", row_path, None),
                name_en=self.str_(row, "name_en", row_path, None),
                unit_price=self.num(row, "unit_price", row_path),
                lifetime_years=self.num(row, "lifetime_years", row_path),
                annual_service=self.num(row, "annual_service", row_path, ZERO),
                source=self.str_(row, "source", row_path),
            )
        self.rates(c.get("running_rates"), join(path, "running_rates"), catalogs.running_rates)  # in place
        catalogs.patients_per_gp = self.num(c, "patients_per_gp", path, catalogs.patients_per_gp)
        if c.get("running_rate_sources") is not None:
            for code, source in self.sources(c, path, "running_rate_sources").items():
                if source:
                    catalogs.running_rate_sources[code] = source
                else:
                    catalogs.running_rate_sources.pop(code, None)  # "": a bundled source this plan removed
        return catalogs

    def _rows(
        self, c: Mapping[str, Any], section: str, path: str
    ) -> list[tuple[str, Mapping[str, Any], str]]:
        allowed = {"tenant_kinds": TENANT_KIND_KEYS, "room_types": ROOM_TYPE_KEYS}.get(
            section, EQUIPMENT_ITEM_KEYS
        )
        rows = self.section(c, section, path, None)
        result = []
        for code, value in rows.items():
            if value is None and section == "equipment":
                continue  # a removed item (see `catalogs`)
            row_path = key_path(join(path, section), code)
            row = self.obj(value, row_path, allowed)
            if row is not None:
                result.append((code, row, row_path))
        return result


def _default(cls: type, attr: str) -> Any:
    """What a missing key means for a field: the dataclass's default, None for a required field."""
    default = {f.name: f.default for f in dataclasses.fields(cls)}[attr]
    return None if default is dataclasses.MISSING else default


def _fill_defaults(plan: Plan) -> None:
    """The defaults that depend on data: the newest bundled round; a tenant's sector from its kind."""
    if plan.pool_round in ("", None):
        from planners.reference import newest_round

        plan.pool_round = newest_round()
    kinds = plan.catalogs.tenant_kinds
    for scenario in plan.scenarios if isinstance(plan.scenarios, list) else []:
        if not isinstance(scenario, Scenario) or not isinstance(scenario.tenants, list):
            continue
        for tenant in scenario.tenants:
            if isinstance(tenant, Tenant) and tenant.sector is None and isinstance(tenant.kind, TenantKind):
                info = kinds.get(tenant.kind)
                if info is not None and isinstance(info.sector, Sector):
                    tenant.sector = info.sector


def _within(path: str, parent: str) -> bool:
    return path == parent or path.startswith((parent + ".", parent + "["))


def plan_from_dict(data: object) -> Plan:
    """A plan from a parsed JSON document (format and version checked, every problem collected).

    Raises `InvalidPlan` listing every problem, each with its JSON path. Numbers may be `int`, `Decimal`
    (as `json.loads(..., parse_float=Decimal)` gives) or `float` (taken by its shortest repr).
    """
    if not isinstance(data, Mapping):
        raise InvalidPlan(
            [
                Problem(
                    "",
                    "ikke en Sundhedshus-plan: dokumentet skal være et JSON-objekt",
                )
            ]  # fmt: skip
        )
    from planners.reference import known_names

    reader = _Reader()
    plan = reader.plan(data)
    problems = list(reader.problems)
    seen = {(p.path, p.message_da) for p in problems}
    for problem in validate_plan(plan, known_names()):
        if any(_within(problem.path, muted) for muted in reader.muted):
            continue
        if (problem.path, problem.message_da) not in seen:
            seen.add((problem.path, problem.message_da))
            problems.append(problem)
    if problems:
        raise InvalidPlan(sorted(problems, key=lambda p: _path_order(p.path)))
    return plan


# The keys of each kind of object, to list problems in the order of the document.
_CHILD_KEYS: dict[str, tuple[str, ...]] = {
    "plan": PLAN_KEYS,
    "applicant": APPLICANT_KEYS,
    "signatory": PERSON_KEYS,
    "project_leader": PERSON_KEYS,
    "approval": APPROVAL_KEYS,
    "milestones": MILESTONE_KEYS,
    "subprojects": SUBPROJECT_KEYS,
    "gp_collaboration": COLLABORATION_KEYS,
    "contact": CONTACT_KEYS,
    "scenarios": SCENARIO_KEYS,
    "tenants": TENANT_KEYS,
    "rooms": ROOM_KEYS,
    "equipment": EQUIPMENT_READ_KEYS,
    "shared": ALLOCATION_KEYS,
    "costs": COST_KEYS,
    "financing": FINANCING_KEYS,
    "running": RUNNING_KEYS,
    "services": SERVICE_KEYS,
    "catalogs": CATALOG_KEYS,
}
_CATALOG_ROW_KEYS = {
    "tenant_kinds": TENANT_KIND_KEYS,
    "room_types": ROOM_TYPE_KEYS,
    "equipment": EQUIPMENT_ITEM_KEYS,
}
_PATH_TOKEN = re.compile(r'\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\.?([^.\[]+)')


def _path_order(path: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key: indices by number, keys by their written order (codes, years and ids by name)."""
    tokens: list[tuple[int, int, str]] = []
    keys: tuple[str, ...] | None = TOP_KEYS
    names: list[str] = []
    for index, quoted, name in _PATH_TOKEN.findall(path):
        if index:
            tokens.append((0, int(index), ""))
            continue
        key = quoted or name
        rank = 0 if keys is None else (keys.index(key) if key in keys else len(keys))
        tokens.append((1, rank, key))
        names.append(key)
        if names[0] == "catalogs" and len(names) == 2:
            keys = None  # catalog codes
        elif names[0] == "catalogs" and len(names) == 3:
            keys = _CATALOG_ROW_KEYS.get(names[1])
        else:
            keys = _CHILD_KEYS.get(key)
    return tuple(tokens)


# Python's JSON messages (their start) → the msgid a user reads (its English is Python's message again)
_JSON_MESSAGES = (
    ("Expecting value", N_("forventede en værdi")),
    ("Expecting ',' delimiter", N_("forventede et komma")),
    ("Expecting ':' delimiter", N_("forventede et kolon")),
    ("Expecting property name enclosed in double quotes", N_("forventede et nøglenavn i dobbelte anførselstegn")),
    ("Unterminated string", N_('teksten slutter ikke (mangler ")')),
    ("Invalid control character", N_("ugyldigt kontroltegn i en tekst")),
    ("Invalid \\escape", N_("ugyldig \\-escape i en tekst")),
    ("Invalid \\uXXXX escape", N_("ugyldig \\u-escape i en tekst")),
    ("Extra data", N_("der står mere efter JSON-dokumentet")),
)


def _syntax_problem(error: json.JSONDecodeError, text: str) -> Problem:
    if not text.strip():
        return Problem("", "filen er tom")
    known = next((Message.of(da) for en, da in _JSON_MESSAGES if error.msg.startswith(en)), None)
    return Problem("", "ugyldig JSON i linje {line}, kolonne {column}: {reason}",
                   line=error.lineno, column=error.colno, reason=known or error.msg)  # fmt: skip


def parse_json_text(text: str) -> object:
    """JSON text → Python objects with exact numbers; a syntax error → `InvalidPlan` with line and column."""
    try:
        return json.loads(
            text,
            parse_float=Decimal,
            parse_int=int,
            parse_constant=_NonFinite,
            object_pairs_hook=_object_pairs,
        )
    except json.JSONDecodeError as error:
        raise InvalidPlan([_syntax_problem(error, text)]) from None
    except (RecursionError, InvalidOperation, ValueError):
        # Nesting deeper than Python's stack, or a number Python refuses to read (an int of >4300 digits).
        raise InvalidPlan([Problem("", "ugyldig JSON: dokumentet kan ikke læses")]) from None


def load_json(source: str | Path | bytes) -> Plan:
    """A plan from a JSON file (a path; read as UTF-8, a byte-order mark allowed), from the file's bytes, or
    from JSON text (a `str` that starts with `{`).

    Raises `InvalidPlan` (bad JSON with line and column, not a plan, a newer format version, or every
    invalid value with its path) or `PlanError` (the file cannot be read).
    """
    if isinstance(source, bytes):
        raw = source
    elif isinstance(source, str) and source.lstrip().startswith("{"):
        return plan_from_dict(parse_json_text(source))
    else:
        path = Path(source)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise PlanError("Filen findes ikke: {path}", path=path) from None
        except IsADirectoryError:
            raise PlanError("{path} er en mappe, ikke en planfil", path=path) from None
        except OSError as error:
            raise PlanError("Kan ikke læse {path}: {reason}", path=path, reason=error.strerror) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidPlan(
            [
                Problem(
                    "",
                    "filen er ikke UTF-8-tekst (byte {byte})",
                    byte=error.start,
                )
            ]  # fmt: skip
        ) from None
    return plan_from_dict(parse_json_text(text))


# --- writing -------------------------------------------------------------------------------------


def json_number(value: Decimal | int | None) -> Decimal | int | None:
    """A number as it is written: an integral value as an int; else the decimal without trailing zeros
    (exact: no context rounding, unlike `Decimal.normalize`); -0 as 0."""
    if value is None or isinstance(value, int):
        return value
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value.is_zero():
        return 0
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    kept = list(digits)
    while exponent < 0 and kept[-1] == 0:
        kept.pop()
        exponent += 1
    if exponent >= 0:
        return int(value)
    return Decimal((sign, tuple(kept), exponent))


def _allocation(a: Allocation | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"key": str(a.key), "shares": {k: json_number(v) for k, v in a.shares.items()}}


def _code(value: StrEnum | str | None) -> str | None:
    return None if value is None else str(value)


def _effective_sector(tenant: Tenant, catalogs: Catalogs) -> str | None:
    if tenant.sector is not None:
        return str(tenant.sector)
    info = catalogs.tenant_kinds.get(tenant.kind)
    return str(info.sector) if info is not None else None


def _json_value(f: LineField, value: Any) -> Any:
    """A field's value as it is written, by its form in the registry."""
    if f.form is Form.DECIMAL:
        return json_number(value)
    if f.form is Form.CODE:
        return _code(value) if f.optional else str(value)
    if f.form is Form.ALLOCATION:
        return _allocation(value)
    if f.form is Form.CATEGORIES:
        return [str(x) for x in value]
    if f.form is Form.SPREAD:
        return {str(year): json_number(share) for year, share in value.items()}
    return value


def _line_dict(kind: LineKind, line: Any, catalogs: Catalogs) -> dict[str, Any]:
    """A line as a JSON object: every key of the registry, in its order."""
    info = LINES[kind]
    out = {f.json_key: _json_value(f, getattr(line, f.attr)) for f in info.fields
           if not f.only_if_set or getattr(line, f.attr) != _default(info.cls, f.attr)}  # fmt: skip
    if kind is LineKind.TENANT:
        out["sector"] = _effective_sector(line, catalogs)  # the kind's default written out
    return out


def _scenario_dict(s: Scenario, catalogs: Catalogs) -> dict[str, Any]:
    out = _scenario_lines_dict(s, catalogs)
    if not s.timeline.is_default():  # written only where given, so a plan without terms exports as before
        out["timeline"] = timeline_json.timeline_dict(s.timeline, json_number)
    if s.notes:  # issue 15.7, written only where given (as every key added to format 1 since)
        out["notes"] = s.notes
    if s.commitments:
        out["commitments"] = {code: {"status": str(c.status), "date": _iso(c.date)} for code, c in s.commitments.items()}
    if s.running.sources:
        out["running"]["sources"] = {str(rate): text for rate, text in s.running.sources.items()}
    return out


def _iso(date: datetime.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _person_dict(person: Person) -> dict[str, str]:
    return {"name": person.name, "title": person.title, "email": person.email}


def _readiness_dict(plan: Plan) -> dict[str, Any]:
    """The application's plan-level keys that are given (issue 16.6); none for a plan that gives none."""
    out: dict[str, Any] = {}
    if plan.signatory != Person():
        out["signatory"] = _person_dict(plan.signatory)
    if plan.project_leader != Person():
        out["project_leader"] = _person_dict(plan.project_leader)
    if plan.approval != Approval():
        out["approval"] = {"status": str(plan.approval.status), "date": _iso(plan.approval.date)}
    if plan.milestones:
        out["milestones"] = [{"name": m.name, "date": _iso(m.date), "note": m.note} for m in plan.milestones]
    if plan.subprojects:
        out["subprojects"] = [{"name": sp.name, "priority": sp.priority} for sp in plan.subprojects]
    return out


def _scenario_lines_dict(s: Scenario, catalogs: Catalogs) -> dict[str, Any]:
    lists = {
        info.json_key: [_line_dict(kind, line, catalogs) for line in info.lines_of(s)]
        for kind, info in LINES.items()
        if kind is not LineKind.SERVICE
    }
    services = LINES[LineKind.SERVICE]
    return {
        "name": s.name,
        "gross_factor": json_number(s.gross_factor),
        **lists,
        "running": {
            "per_gross_m2": {str(rate): json_number(s.running.per_gross_m2.get(rate, ZERO)) for rate in RunningRate},
            services.json_key: [_line_dict(LineKind.SERVICE, v, catalogs) for v in services.lines_of(s)],
        },
    }  # fmt: skip


def _catalogs_dict(own: Catalogs) -> dict[str, Any]:
    """The plan's catalog rows that differ from (or are not in) the bundled ones, each row whole."""
    from planners.reference import bundled_catalogs

    bundled = bundled_catalogs()
    n = json_number
    result: dict[str, Any] = {}
    kinds = {
        str(code): {"name_da": row.name_da, "name_en": row.name_en, "sector": str(row.sector),
                    "rooms_per_clinician": {str(k): n(v) for k, v in row.rooms_per_clinician.items()},
                    "m2_per_clinician": n(row.m2_per_clinician), "source": row.source}
        for code, row in own.tenant_kinds.items() if bundled.tenant_kinds.get(code) != row
    }  # fmt: skip
    rooms = {
        str(code): {"name_da": row.name_da, "name_en": row.name_en, "default_net_m2": n(row.default_net_m2),
                    "source": row.source}
        for code, row in own.room_types.items() if bundled.room_types.get(code) != row
    }  # fmt: skip
    items: dict[str, dict[str, str | Decimal | int | None] | None] = {
        code: {"name_da": row.name_da, "name_en": row.name_en, "unit_price": n(row.unit_price),
               "lifetime_years": n(row.lifetime_years), "annual_service": n(row.annual_service),
               "source": row.source}
        for code, row in own.equipment.items() if bundled.equipment.get(code) != row
    }  # fmt: skip
    # A bundled item the plan removed is written as null, so the removal survives an import.
    items.update({code: None for code in bundled.equipment if code not in own.equipment})
    rates = {
        str(rate): n(value)
        for rate, value in own.running_rates.items()
        if bundled.running_rates.get(rate) != value
    }
    sources = {
        str(rate): own.running_rate_sources.get(rate, "")
        for rate in (*own.running_rate_sources, *bundled.running_rate_sources)
        if own.running_rate_sources.get(rate, "") != bundled.running_rate_sources.get(rate, "")
    }
    for key, value in (
        ("tenant_kinds", kinds),
        ("room_types", rooms),
        ("equipment", items),
        ("running_rates", rates),
        ("running_rate_sources", sources),
    ):
        if value:
            result[key] = value
    if own.patients_per_gp != bundled.patients_per_gp:
        result["patients_per_gp"] = n(own.patients_per_gp)
    return result


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as a JSON document: every key, defaults filled in, in DESIGN §9's order.

    Numbers are `int` (integral values) or `Decimal` (exact); write them with `dump_json` (or
    `planners.interchange.exactjson.dumps`), not `json.dumps`, which would go through float.
    """
    if not plan.pool_round:
        from planners.reference import newest_round

        pool_round = newest_round()
    else:
        pool_round = plan.pool_round
    collab = plan.gp_collaboration
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "plan": {
            "title": plan.title,
            "pool_round": pool_round,
            "applicant": {"name": plan.applicant.name, "type": str(plan.applicant.type)},
            "partners": list(plan.partners),
            "gp_collaboration": None
            if collab is None
            else {"with": collab.with_, "description": collab.description},
            "contact": {"name": plan.contact.name, "email": plan.contact.email, "phone": plan.contact.phone},
            "municipality": plan.municipality,
            "address": plan.address,
            "project_type": _code(plan.project_type),
            "price_year": plan.price_year,
            "years": list(plan.years),
            "amounts_include_vat": plan.amounts_include_vat,
            "description": plan.description,
            "applied_scenario": plan.applied_scenario,
        },
        "scenarios": [_scenario_dict(s, plan.catalogs) for s in plan.scenarios],
        "catalogs": _catalogs_dict(plan.catalogs),
    }
    if plan.market_rent is not None:  # written only where given (issue 17)
        doc["plan"]["market_rent"] = timeline_json.market_rent_dict(plan.market_rent, json_number)
    for key in ("cvr", "ean"):  # issue 16.6, written only where given
        if getattr(plan, key):
            doc["plan"]["applicant"][key] = getattr(plan, key)
    doc["plan"].update(_readiness_dict(plan))
    return doc


def dump_json(plan: Plan) -> str:
    """The plan as JSON text: UTF-8 characters as they are (not \\u-escaped), indent 2, a final newline."""
    return exactjson.dumps(plan_to_dict(plan), indent=2) + "\n"
