"""Validity rules of DESIGN §3 ("invalid": refused) on the dataclasses of `planners.model`: a whole plan
(`validate_plan`), its own fields (`validate_plan_fields`, with the application's: `validate_plan_readiness`) and
its catalogs.

Inconsistencies across lines (shares not summing to 100, cycles, unbalanced financing, pool rules) are
NOT checked here: they are stored and reported as findings by `planners.checks.findings`.

Paths are JSON-style (`scenarios[0].rooms[3].net_m2`) so that `import-json` and the GUI report the same.
Messages are Danish first (`skal være større end 0`), English second.

Every range, code and reference rule is written once, in three modules: the single-value rules, their messages
and `REPORTED` in `planners.model.value_rules`; a scenario's and its lines' rules in
`planners.model.scenario_validation`, which `validate_plan` imports only when it has a scenario to validate (a
reading command of a sound file has none: the store proved them in SQL; issue 19); the plan's here.
`planners.interchange.plan_json` only converts JSON types (and reports wrong types, unknown keys and the JSON-only
rules); it then runs these functions. A value the parser has already reported as invalid is stored as `REPORTED`,
which every check skips, so a problem is never listed twice.

What only the bundled reference knows (the pool rounds, the municipalities) is passed in as `Known`
(`planners.reference.known_names()` gives it): the model imports nothing of ours above it.
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum

from planners.model import (
    Applicant,
    ApplicantType,
    Approval,
    ApprovalStatus,
    Catalogs,
    Contact,
    EquipmentItem,
    GPCollaboration,
    Milestone,
    Person,
    Plan,
    ProjectType,
    RoomType,
    RoomTypeInfo,
    RunningRate,
    Scenario,
    Sector,
    SubProject,
    TenantKind,
    TenantKindInfo,
    readiness,
)
from planners.model.errors import Problem
from planners.model.i18n import N_, Message
from planners.model.prebuilt import dataclass
from planners.model.value_rules import (
    KR,
    M2,
    MAX_AREA_M2,
    MAX_COUNT,
    MAX_PRICE,
    MAX_YEARS,
    MISSING,
    NON_NEGATIVE,
    NOT_EMPTY,
    NOT_LIST,
    NOT_OBJECT,
    NOT_TEXT,
    POSITIVE,
    REPORTED,
    YEARS,
    Problems,
    check_at_most,
    check_bool,
    check_bounded_text,
    check_code,
    check_date,
    check_integer,
    check_number,
    check_rates,
    check_text,
    check_year,
    index_path,
    join,
    key_path,
    reported,
    suggestion,
)


@dataclass(frozen=True)
class Known:
    """The names a plan's fields must be one of, read from the bundled reference by the caller (the store,
    the JSON reader: `planners.reference.known_names()`): the pool rounds' codes, sorted, and the
    municipalities' Danish names."""

    pool_rounds: tuple[str, ...]
    municipalities: tuple[str, ...]


YEARS_ORDER = N_("årene skal være forskellige og stigende")
NO_SCENARIO = N_("planen skal have mindst ét scenarie")


# --- plan ----------------------------------------------------------------------------------------


def validate_plan(plan: Plan, known: Known, scenarios: Collection[int] | None = None) -> list[Problem]:
    """Every problem of a whole plan: plan fields, unique scenario names, every scenario, its catalogs.
    `known`: the pool rounds and municipalities the plan's fields may name. With `scenarios`, only the scenarios at
    those positions are validated (the store has proved the others in SQL, `filecheck.doubted_scenarios`; their
    names still count for the plan's fields and the names' uniqueness): the problems are those of the whole plan
    wherever the others have none, in the same order and with the same paths."""
    out = Problems()
    if not isinstance(plan, Plan):
        out.add("plan", NOT_OBJECT)
        return out
    _plan_fields(out, plan, "plan", known)
    if not reported(plan.scenarios):
        if not isinstance(plan.scenarios, list):
            out.add("scenarios", NOT_LIST)
        else:
            if not plan.scenarios:
                out.add("scenarios", NO_SCENARIO)
            shown = [i for i in range(len(plan.scenarios)) if scenarios is None or i in scenarios]
            if shown:
                # The scenarios' rules only when a scenario is to be validated: a reading command of a sound file
                # asks for none (SQL proved them) and never loads them (issue 19).
                from planners.model.scenario_validation import validate_scenario

                for i in shown:
                    out.extend(validate_scenario(plan.scenarios[i], plan, index_path("scenarios", i)))
    _catalogs(out, plan.catalogs, "catalogs")
    return out


def validate_plan_fields(plan: Plan, known: Known) -> list[Problem]:
    """The problems of the plan's own fields (title, years, applicant …; `applied_scenario` against the
    names of `plan.scenarios`): the only part of `validate_plan` a plan-level edit can change, since the
    rules of scenarios and catalogs never look at these fields."""
    out = Problems()
    _plan_fields(out, plan, "plan", known)
    return out


def _plan_fields(out: Problems, plan: Plan, path: str, known: Known) -> None:
    check_text(out, plan.title, join(path, "title"), non_empty=True)
    _pool_round(out, plan.pool_round, join(path, "pool_round"), known)
    _applicant(out, plan.applicant, join(path, "applicant"))
    partners_path = join(path, "partners")
    if not reported(plan.partners):
        if not isinstance(plan.partners, list):
            out.add(partners_path, NOT_LIST)
        else:
            for i, partner in enumerate(plan.partners):
                check_text(out, partner, index_path(partners_path, i))
    collab = plan.gp_collaboration
    collab_path = join(path, "gp_collaboration")
    if collab is not None and not reported(collab):
        if not isinstance(collab, GPCollaboration):
            out.add(collab_path, NOT_OBJECT)
        else:
            check_text(out, collab.with_, join(collab_path, "with"))
            check_text(out, collab.description, join(collab_path, "description"))
    contact = plan.contact
    contact_path = join(path, "contact")
    if not reported(contact):
        if not isinstance(contact, Contact):
            out.add(contact_path, NOT_OBJECT)
        else:
            for name in ("name", "email", "phone"):
                check_text(out, getattr(contact, name), join(contact_path, name))
    _municipality(out, plan.municipality, join(path, "municipality"), known)
    check_text(out, plan.address, join(path, "address"))
    check_code(out, plan.project_type, ProjectType, join(path, "project_type"), required=False)
    check_year(out, plan.price_year, join(path, "price_year"), required=False)
    _years(out, plan.years, join(path, "years"))
    check_bool(out, plan.amounts_include_vat, join(path, "amounts_include_vat"))
    check_text(out, plan.description, join(path, "description"))
    applied = plan.applied_scenario
    applied_path = join(path, "applied_scenario")
    if applied is not None and not reported(applied):
        if not isinstance(applied, str):
            out.add(applied_path, NOT_TEXT)
        else:
            names = (
                [s.name for s in plan.scenarios if isinstance(s, Scenario)]
                if isinstance(plan.scenarios, list)
                else []
            )
            if applied not in names:
                out.add(applied_path, N_("ukendt scenarie «{name}»"), name=applied)
    validate_plan_readiness(out, plan, path)


def _applicant(out: Problems, applicant: object, path: str) -> None:
    if applicant is REPORTED:
        return
    if not isinstance(applicant, Applicant):
        out.add(path, NOT_OBJECT)
        return
    check_text(out, applicant.name, join(path, "name"))
    check_code(out, applicant.type, ApplicantType, join(path, "type"))


def _years(out: Problems, years: object, path: str) -> None:
    """`plan.years`: a non-empty list of distinct, increasing years (every year, not a first–last pair)."""
    if years is REPORTED:
        return
    if years is None:
        out.add(path, MISSING)
        return
    if not isinstance(years, list):
        out.add(path, NOT_LIST)
        return
    if not years:
        out.add(path, NOT_EMPTY)
        return
    previous: int | None = None
    for i, year in enumerate(years):
        entry = index_path(path, i)
        before = len(out)
        check_year(out, year, entry)
        if len(out) > before or year is REPORTED:
            previous = None
            continue
        assert isinstance(year, int)
        if previous is not None and year <= previous:
            out.add(entry, YEARS_ORDER)
        previous = year


def _pool_round(out: Problems, value: object, path: str, known: Known) -> None:
    """A bundled round ("2018", "2019"); "" (or None) stands for the newest."""
    if value is REPORTED or value is None or value == "":
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    if value not in known.pool_rounds:
        out.add(
            path,
            N_("ukendt puljerunde «{value}»; kendte: {known}"),
            value=value,
            known=", ".join(known.pool_rounds),
        )


def _municipality(out: Problems, value: object, path: str, known: Known) -> None:
    """One of the 98 municipalities by its Danish name as in the bundled list, or None."""
    if value is REPORTED or value is None:
        return
    if not isinstance(value, str):
        out.add(path, NOT_TEXT)
        return
    names = known.municipalities
    if value in names:
        return
    near = suggestion(value, names)
    if near:
        out.add(path, N_("ukendt kommune «{value}» (mente du «{near}»?)"), value=value, near=near)
    else:
        out.add(path, N_("ukendt kommune «{value}»"), value=value)


# --- catalogs ------------------------------------------------------------------------------------


def _catalogs(out: Problems, catalogs: object, path: str) -> None:
    """The plan's own catalogs: every row within range (the bundled rows and the plan's overrides alike)."""
    if catalogs is REPORTED:
        return
    if not isinstance(catalogs, Catalogs):
        out.add(path, NOT_OBJECT)
        return
    sections: tuple[
        tuple[str, type[StrEnum] | None, type[TenantKindInfo] | type[RoomTypeInfo] | type[EquipmentItem]], ...
    ] = (
        ("tenant_kinds", TenantKind, TenantKindInfo),
        ("room_types", RoomType, RoomTypeInfo),
        ("equipment", None, EquipmentItem),
    )
    for name, codes, row_type in sections:
        rows = getattr(catalogs, name)
        section_path = join(path, name)
        if rows is REPORTED:
            continue
        if not isinstance(rows, dict):
            out.add(section_path, NOT_OBJECT)
            continue
        for code, row in rows.items():
            entry = key_path(section_path, code)
            if codes is not None:
                check_code(out, code, codes, entry)
            else:
                check_text(out, code, entry, non_empty=True)
            if row is REPORTED:
                continue
            if not isinstance(row, row_type):
                out.add(entry, NOT_OBJECT)
                continue
            assert isinstance(row, (TenantKindInfo, RoomTypeInfo, EquipmentItem))
            check_text(out, row.name_da, join(entry, "name_da"))
            check_text(out, row.name_en, join(entry, "name_en"))
            check_text(out, row.source, join(entry, "source"))
            if isinstance(row, TenantKindInfo):
                check_code(out, row.sector, Sector, join(entry, "sector"))
                norms_path = join(entry, "rooms_per_clinician")
                if not reported(row.rooms_per_clinician):
                    if not isinstance(row.rooms_per_clinician, dict):
                        out.add(norms_path, NOT_OBJECT)
                    else:
                        for room_type, n in row.rooms_per_clinician.items():
                            norm = key_path(norms_path, room_type)
                            check_code(out, room_type, RoomType, norm)
                            check_number(out, n, norm, NON_NEGATIVE)
                            check_at_most(out, n, norm, MAX_COUNT)
                check_number(out, row.m2_per_clinician, join(entry, "m2_per_clinician"), NON_NEGATIVE)
                check_at_most(out, row.m2_per_clinician, join(entry, "m2_per_clinician"), MAX_AREA_M2, M2)
            elif isinstance(row, RoomTypeInfo):
                check_number(out, row.default_net_m2, join(entry, "default_net_m2"), POSITIVE)
                check_at_most(out, row.default_net_m2, join(entry, "default_net_m2"), MAX_AREA_M2, M2)
            else:
                assert isinstance(row, EquipmentItem)
                check_number(out, row.unit_price, join(entry, "unit_price"), NON_NEGATIVE)
                check_number(out, row.lifetime_years, join(entry, "lifetime_years"), POSITIVE)
                check_number(out, row.annual_service, join(entry, "annual_service"), NON_NEGATIVE)
                check_at_most(out, row.unit_price, join(entry, "unit_price"), MAX_PRICE, KR)
                check_at_most(out, row.lifetime_years, join(entry, "lifetime_years"), MAX_YEARS, YEARS)
                check_at_most(out, row.annual_service, join(entry, "annual_service"), MAX_PRICE, KR)
    check_rates(out, catalogs.running_rates, join(path, "running_rates"))
    # The default rates' sources (issue 16.6), bounded as the scenario's rate sources.
    s_path = join(path, "running_rate_sources")
    for code, source in getattr(catalogs, "running_rate_sources", {}).items():
        entry = key_path(s_path, code)
        check_code(out, code, RunningRate, entry)
        check_bounded_text(out, source, entry, readiness.MAX_SOURCE)
    check_number(out, catalogs.patients_per_gp, join(path, "patients_per_gp"), POSITIVE)
    check_at_most(out, catalogs.patients_per_gp, join(path, "patients_per_gp"), MAX_AREA_M2)


# --- the application's fields (issue 16.6) and a scenario's notes (15.7); bounds in `readiness` ----------------


def _readiness_person(out: Problems, person: object, path: str) -> None:

    if reported(person):
        return
    if not isinstance(person, Person):
        out.add(path, NOT_OBJECT)
        return
    check_bounded_text(out, person.name, join(path, "name"), readiness.MAX_NAME)
    check_bounded_text(out, person.title, join(path, "title"), readiness.MAX_NAME)
    check_bounded_text(out, person.email, join(path, "email"), readiness.MAX_NAME)
    email = person.email
    if isinstance(email, str) and email.strip() and not readiness.EMAIL_PATTERN.match(email.strip()):
        if not any(p.path == join(path, "email") for p in out):
            out.add(join(path, "email"), readiness.BAD_EMAIL)


def validate_plan_readiness(out: Problems, plan: Plan, path: str) -> None:
    """The application's plan-level fields (called by `validation` for every plan and plan-level edit)."""

    for name, rule, message in (("cvr", readiness.cvr_valid, readiness.BAD_CVR), ("ean", readiness.ean_valid, readiness.BAD_EAN)):
        value = getattr(plan, name)
        where = join(join(path, "applicant"), name)  # where JSON keeps them: the applicant's numbers
        check_bounded_text(out, value, where, 20)
        if isinstance(value, str) and value.strip() and not any(p.path == where for p in out):
            if not rule(value.strip()):
                out.add(where, message)
    _readiness_person(out, plan.signatory, join(path, "signatory"))
    _readiness_person(out, plan.project_leader, join(path, "project_leader"))
    approval = plan.approval
    approval_path = join(path, "approval")
    if not reported(approval):
        if not isinstance(approval, Approval):
            out.add(approval_path, NOT_OBJECT)
        else:
            check_code(out, approval.status, ApprovalStatus, join(approval_path, "status"))
            check_date(out, approval.date, join(approval_path, "date"))
    milestones_path = join(path, "milestones")
    if not reported(plan.milestones):
        if not isinstance(plan.milestones, list):
            out.add(milestones_path, NOT_LIST)
        else:
            if len(plan.milestones) > readiness.MAX_MILESTONES:
                out.add(milestones_path, Message.of(N_("højst {limit} milepæle"), limit=readiness.MAX_MILESTONES))
            for i, m in enumerate(plan.milestones):
                m_path = index_path(milestones_path, i)
                if reported(m):
                    continue
                if not isinstance(m, Milestone):
                    out.add(m_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, m.name, join(m_path, "name"), readiness.MAX_NAME, non_empty=True)
                check_date(out, m.date, join(m_path, "date"))
                check_bounded_text(out, m.note, join(m_path, "note"), readiness.MAX_NOTE)
    sub_path = join(path, "subprojects")
    if not reported(plan.subprojects):
        if not isinstance(plan.subprojects, list):
            out.add(sub_path, NOT_LIST)
        else:
            if len(plan.subprojects) > readiness.MAX_SUBPROJECTS:
                out.add(sub_path, Message.of(N_("højst {limit} delprojekter"), limit=readiness.MAX_SUBPROJECTS))
            seen: set[str] = set()
            for i, sp in enumerate(plan.subprojects):
                sp_path = index_path(sub_path, i)
                if reported(sp):
                    continue
                if not isinstance(sp, SubProject):
                    out.add(sp_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, sp.name, join(sp_path, "name"), readiness.MAX_NAME, non_empty=True)
                if isinstance(sp.name, str) and sp.name.strip():
                    if sp.name in seen:
                        out.add(join(sp_path, "name"), N_("delprojektet «{name}» findes allerede"), name=sp.name)
                    seen.add(sp.name)
                check_integer(out, sp.priority, join(sp_path, "priority"), None)
                if isinstance(sp.priority, int) and not isinstance(sp.priority, bool):
                    if not 1 <= sp.priority <= readiness.MAX_PRIORITY and not any(p.path == join(sp_path, "priority") for p in out):
                        out.add(join(sp_path, "priority"),
                                Message.of(N_("skal være mellem 1 og {limit}"), limit=readiness.MAX_PRIORITY))  # fmt: skip
