"""Validity rules of what a case officer asks for before submission (issue 16.6) and of a scenario's notes
(issue 15.7): the applicant's CVR and EAN numbers, the signatory and the project leader, the political
approval, the timetable, sub-projects, tenants' commitments, a cost line's grant and sources of rates.

Kept apart from `validation` (which calls these) so the rules of one subject stand together; the messages are
Danish msgids like every rule's. What is merely *missing* before submission is not invalid: the checks report
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

import datetime
import re
from typing import TYPE_CHECKING

from planners.model.entities import (
    Approval,
    ApprovalStatus,
    Commitment,
    CommitmentStatus,
    Milestone,
    Person,
    Plan,
    RunningRate,
    Scenario,
    SubProject,
)
from planners.model.i18n import N_, Message

if TYPE_CHECKING:
    from planners.model.validation import Problems

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

_DIGITS = re.compile(r"[0-9]+\Z")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+\Z")

NOT_DATE = N_("skal være en dato (ÅÅÅÅ-MM-DD)")
DATE_RANGE = Message.of(N_("datoen skal ligge mellem år {first} og {last}"), first=FIRST_YEAR, last=LAST_YEAR)
BAD_CVR = N_("et CVR-nummer har 8 cifre og skal bestå modulus 11-kontrollen")
BAD_EAN = N_("et EAN-nummer har 13 cifre, hvor det sidste er kontrolcifferet")
BAD_EMAIL = N_("skal være en e-mailadresse (navn@domæne.dk)")


def cvr_valid(cvr: str) -> bool:
    """True for a CVR number that passes the modulus-11 check (8 digits, the first not 0)."""
    if len(cvr) != 8 or not _DIGITS.match(cvr) or cvr[0] == "0":
        return False
    return sum(w * int(d) for w, d in zip((2, 7, 6, 5, 4, 3, 2, 1), cvr, strict=True)) % 11 == 0


def gln_check_digit(first12: str) -> int:
    """GS1's check digit of the first twelve digits of a GLN/EAN-13."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return (10 - total % 10) % 10


def ean_valid(ean: str) -> bool:
    """True for a 13-digit EAN (GLN) whose last digit is its check digit."""
    return len(ean) == 13 and bool(_DIGITS.match(ean)) and gln_check_digit(ean[:12]) == int(ean[12])


def check_bounded_text(out: Problems, value: object, path: str, limit: int, *, non_empty: bool = False,
                       required: bool = True) -> None:  # fmt: skip
    """A text (see `validation.check_text`) of at most `limit` characters."""
    from planners.model.validation import check_text

    check_text(out, value, path, non_empty=non_empty, required=required)
    if isinstance(value, str) and len(value) > limit and not any(p.path == path for p in out):
        out.add(path, Message.of(N_("teksten er for lang (højst {limit} tegn)"), limit=f"{limit:,}".replace(",", ".")))


def check_date(out: Problems, value: object, path: str) -> None:
    """An optional date of the application (None: not given)."""
    from planners.model.validation import reported

    if value is None or reported(value):
        return
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        out.add(path, NOT_DATE)
    elif not FIRST_YEAR <= value.year <= LAST_YEAR:
        out.add(path, DATE_RANGE)


def _person(out: Problems, person: object, path: str) -> None:
    from planners.model.validation import NOT_OBJECT, join, reported

    if reported(person):
        return
    if not isinstance(person, Person):
        out.add(path, NOT_OBJECT)
        return
    check_bounded_text(out, person.name, join(path, "name"), MAX_NAME)
    check_bounded_text(out, person.title, join(path, "title"), MAX_NAME)
    check_bounded_text(out, person.email, join(path, "email"), MAX_NAME)
    email = person.email
    if isinstance(email, str) and email.strip() and not _EMAIL.match(email.strip()):
        if not any(p.path == join(path, "email") for p in out):
            out.add(join(path, "email"), BAD_EMAIL)


def validate_plan_readiness(out: Problems, plan: Plan, path: str) -> None:
    """The application's plan-level fields (called by `validation` for every plan and plan-level edit)."""
    from planners.model.validation import (
        NOT_LIST,
        NOT_OBJECT,
        check_code,
        check_integer,
        index_path,
        join,
        reported,
    )

    for name, rule, message in (("cvr", cvr_valid, BAD_CVR), ("ean", ean_valid, BAD_EAN)):
        value = getattr(plan, name)
        where = join(join(path, "applicant"), name)  # where JSON keeps them: the applicant's numbers
        check_bounded_text(out, value, where, 20)
        if isinstance(value, str) and value.strip() and not any(p.path == where for p in out):
            if not rule(value.strip()):
                out.add(where, message)
    _person(out, plan.signatory, join(path, "signatory"))
    _person(out, plan.project_leader, join(path, "project_leader"))
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
            if len(plan.milestones) > MAX_MILESTONES:
                out.add(milestones_path, Message.of(N_("højst {limit} milepæle"), limit=MAX_MILESTONES))
            for i, m in enumerate(plan.milestones):
                m_path = index_path(milestones_path, i)
                if reported(m):
                    continue
                if not isinstance(m, Milestone):
                    out.add(m_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, m.name, join(m_path, "name"), MAX_NAME, non_empty=True)
                check_date(out, m.date, join(m_path, "date"))
                check_bounded_text(out, m.note, join(m_path, "note"), MAX_NOTE)
    sub_path = join(path, "subprojects")
    if not reported(plan.subprojects):
        if not isinstance(plan.subprojects, list):
            out.add(sub_path, NOT_LIST)
        else:
            if len(plan.subprojects) > MAX_SUBPROJECTS:
                out.add(sub_path, Message.of(N_("højst {limit} delprojekter"), limit=MAX_SUBPROJECTS))
            seen: set[str] = set()
            for i, sp in enumerate(plan.subprojects):
                sp_path = index_path(sub_path, i)
                if reported(sp):
                    continue
                if not isinstance(sp, SubProject):
                    out.add(sp_path, NOT_OBJECT)
                    continue
                check_bounded_text(out, sp.name, join(sp_path, "name"), MAX_NAME, non_empty=True)
                if isinstance(sp.name, str) and sp.name.strip():
                    if sp.name in seen:
                        out.add(join(sp_path, "name"), N_("delprojektet «{name}» findes allerede"), name=sp.name)
                    seen.add(sp.name)
                check_integer(out, sp.priority, join(sp_path, "priority"), None)
                if isinstance(sp.priority, int) and not isinstance(sp.priority, bool):
                    if not 1 <= sp.priority <= MAX_PRIORITY and not any(p.path == join(sp_path, "priority") for p in out):
                        out.add(join(sp_path, "priority"),
                                Message.of(N_("skal være mellem 1 og {limit}"), limit=MAX_PRIORITY))  # fmt: skip


def validate_scenario_readiness(out: Problems, scenario: Scenario, path: str) -> None:
    """A scenario's notes, its tenants' commitments and its running rates' sources."""
    from planners.model.validation import NOT_OBJECT, check_code, join, key_path, reported

    check_bounded_text(out, scenario.notes, join(path, "notes"), MAX_NOTES)
    commitments = scenario.commitments
    c_path = join(path, "commitments")
    if not reported(commitments):
        if not isinstance(commitments, dict):
            out.add(c_path, NOT_OBJECT)
        else:
            ids = {t.id for t in scenario.tenants} if isinstance(scenario.tenants, list) else set()
            for code, commitment in commitments.items():
                entry = key_path(c_path, code)
                if isinstance(scenario.tenants, list) and code not in ids:
                    out.add(entry, N_("ukendt lejer «{value}»"), value=code)
                if reported(commitment):
                    continue
                if not isinstance(commitment, Commitment):
                    out.add(entry, NOT_OBJECT)
                    continue
                check_code(out, commitment.status, CommitmentStatus, join(entry, "status"))
                check_date(out, commitment.date, join(entry, "date"))
    running = scenario.running
    sources = getattr(running, "sources", None)
    s_path = join(join(path, "running"), "sources")
    if sources is not None and not reported(sources):
        if not isinstance(sources, dict):
            out.add(s_path, NOT_OBJECT)
        else:
            for code, source in sources.items():
                entry = key_path(s_path, code)
                check_code(out, code, RunningRate, entry)
                check_bounded_text(out, source, entry, MAX_SOURCE)
