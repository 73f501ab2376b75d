"""Application readiness (issue 16.6) and a scenario's notes (15.7): the new fields in the model, the file
(schema version 5 and the migration from a version-4 file), JSON format 1 (new keys optional, written only where
given), the validity rules with their Danish messages, and the edits with their undo."""

from __future__ import annotations

import dataclasses
import datetime
import json
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.interchange.plan_json import dump_json, load_json, plan_from_dict, plan_to_dict
from planners.model import (
    Approval,
    ApprovalStatus,
    Commitment,
    CommitmentStatus,
    Milestone,
    Person,
    Plan,
    RunningRate,
    SubProject,
)
from planners.model.errors import InvalidPlan
from planners.model.readiness import cvr_valid, ean_valid, gln_check_digit
from planners.model.validation import validate_plan
from planners.reference import known_names
from planners.store import schema
from planners.store.operations import (
    DeleteTenant,
    SetCommitment,
    SetPlanFields,
    SetRunningRateSource,
    SetScenarioFields,
    UpdateLine,
)
from planners.store.planfile import PlanFile, create_plan_file, read_plan
from tests.planners.plans import rich_plan, small_plan

DATE = datetime.date


def _filled(plan: Plan) -> Plan:
    """The plan with the defaults an import fills in (a tenant's sector from its kind)."""
    for scenario in plan.scenarios:
        for tenant in scenario.tenants:
            if tenant.sector is None:
                tenant.sector = plan.catalogs.tenant_kinds[tenant.kind].sector
    return plan


def readiness_plan() -> Plan:
    """`rich_plan()` with every field of issue 16.6 and 15.7 given (Danish letters and emoji in the texts)."""
    plan = _filled(rich_plan())
    plan.cvr = "29189846"
    plan.ean = "5798000000001"
    plan.signatory = Person("Borgmester Åse Ø", "Borgmester", "aase@aeroe.dk")
    plan.project_leader = Person("Jens Jensen 🏗️", "Projektleder", "jj@aeroe.dk")
    plan.approval = Approval(ApprovalStatus.IN_PROCESS, DATE(2027, 3, 1))
    plan.milestones = [Milestone("Ansøgning sendt", DATE(2027, 4, 15)), Milestone("Byggestart", None, "Efter udbud ✅")]
    plan.subprojects = [SubProject("Hovedhus", 1), SubProject("Træningssal", 2)]
    for scenario in plan.scenarios:
        scenario.notes = "Workshoppen besluttede: 🅰️ vælges.\nAnden linje."
        scenario.commitments = {"gp": Commitment(CommitmentStatus.SIGNED_LEASE, DATE(2027, 1, 10)),
                                "fys": Commitment(CommitmentStatus.LETTER_OF_INTENT, None)}  # fmt: skip
        scenario.running.sources = {RunningRate.UTILITIES: "Egne regnskaber 2025", RunningRate.CLEANING: "Tilbud"}
        scenario.costs[0].subproject = "Hovedhus"
        scenario.costs[0].grant = D("2500000.5")
        scenario.costs[0].source = "Molio prisdata 2026, kontorhuse"
        scenario.costs[1].subproject = "Træningssal"
        scenario.costs[1].grant = D("499999.5")
    return plan


# --- the number checks, by hand ------------------------------------------------------------------------


def test_cvr_modulus_11_by_hand() -> None:
    # Erhvervsstyrelsen's worked example 13 74 81 36: 1·2+3·7+7·6+4·5+8·4+1·3+3·2 = 126 = 11·11+5, 11−5 = 6.
    assert cvr_valid("13748136")
    assert not cvr_valid("13748137")  # the check digit one off
    # 2·2+4·7+2·6+5·5+6·4+7·3+9·2+0·1 = 132 = 12·11
    assert cvr_valid("24256790") and not cvr_valid("24256791")
    assert not cvr_valid("1374813") and not cvr_valid("137481360") and not cvr_valid("1374813a")
    assert not cvr_valid("00000000")  # sums to 0, but no CVR number starts with 0


def test_ean_gln_check_digit_by_hand() -> None:
    # 5 7 9 8 0 … 0 weighted 1 3 1 3 …: 5 + 21 + 9 + 24 = 59; 10 − 9 = 1
    assert gln_check_digit("579800000000") == 1
    assert ean_valid("5798000000001") and not ean_valid("5798000000002")
    # 4 0 0 6 3 8 1 3 3 3 9 3: 4+0+0+18+3+24+1+9+3+9+9+9 = 89; 10 − 9 = 1
    assert ean_valid("4006381333931")
    assert not ean_valid("579800000001") and not ean_valid("57980000000010")


# --- the file -------------------------------------------------------------------------------------------


def test_every_new_field_survives_the_file(tmp_path: Path) -> None:
    plan = readiness_plan()
    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, plan).close()
    assert read_plan(path) == plan


def _make_version_4(path: Path) -> None:
    """A version-4 file as version 4 wrote it: none of version 5's columns and tables."""
    create_plan_file(path, small_plan()).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for statement in schema.READINESS_DDL:
        conn.execute(f"DROP TABLE {statement.split()[2]}")
    for name, _decl in schema.PLAN_READINESS_COLUMNS:
        conn.execute(f"ALTER TABLE plan DROP COLUMN {name}")
    conn.execute("ALTER TABLE scenario DROP COLUMN notes")
    for column in ("subproject", "grant_amount", "source"):
        conn.execute(f"ALTER TABLE cost_line DROP COLUMN {column}")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()


def test_a_version_4_file_is_upgraded_and_reads_with_nothing_given(tmp_path: Path) -> None:
    path = tmp_path / "v4.sundhedshus"
    _make_version_4(path)
    with PlanFile.open(path) as pf:
        plan = pf.load()
        assert plan == small_plan()
        assert plan.cvr == "" and plan.milestones == [] and plan.approval == Approval()
        assert plan.scenarios[0].notes == "" and plan.scenarios[0].commitments == {}
        sid = plan.scenarios[0].row_id
        assert sid is not None
        pf.apply(SetScenarioFields(sid, {"notes": "Besluttet"}))
    assert path.with_name(path.name + ".bak-v4").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION == 6
    conn.close()
    assert read_plan(path).scenarios[0].notes == "Besluttet"
    # the upgraded file's tables have exactly a new file's columns, in the same order
    fresh = tmp_path / "ny.sundhedshus"
    create_plan_file(fresh, small_plan()).close()
    for table in ("plan", "scenario", "cost_line", "milestone", "subproject", "tenant_commitment"):
        columns = [
            [tuple(r) for r in sqlite3.connect(p).execute(f"PRAGMA table_info({table})")] for p in (path, fresh)
        ]
        assert columns[0] == columns[1], table


# --- JSON -----------------------------------------------------------------------------------------------


def test_json_round_trip_with_the_new_keys() -> None:
    plan = readiness_plan()
    text = dump_json(plan)
    assert load_json(text.encode()) == plan
    doc = json.loads(text)
    assert doc["plan"]["applicant"]["cvr"] == "29189846" and doc["plan"]["applicant"]["ean"] == "5798000000001"
    assert doc["plan"]["approval"] == {"status": "in_process", "date": "2027-03-01"}
    assert doc["plan"]["milestones"][1] == {"name": "Byggestart", "date": None, "note": "Efter udbud ✅"}
    assert doc["plan"]["subprojects"] == [{"name": "Hovedhus", "priority": 1}, {"name": "Træningssal", "priority": 2}]
    s = doc["scenarios"][0]
    assert s["commitments"]["gp"] == {"status": "signed_lease", "date": "2027-01-10"}
    assert s["costs"][0]["grant"] == D("2500000.5") or s["costs"][0]["grant"] == 2500000.5
    assert s["costs"][0]["subproject"] == "Hovedhus" and "source" not in s["costs"][1]
    assert s["running"]["sources"] == {"utilities": "Egne regnskaber 2025", "cleaning": "Tilbud"}
    assert dump_json(load_json(text.encode())) == text


def test_a_plan_without_the_new_fields_exports_without_their_keys_and_old_json_imports() -> None:
    doc = plan_to_dict(rich_plan())
    text = json.dumps(doc, default=str)
    for key in ("cvr", "ean", "signatory", "project_leader", "approval", "milestones", "subprojects", "notes",
                "commitments", "sources", "subproject"):  # fmt: skip
        assert f'"{key}"' not in text, key
    assert all("grant" not in cost for s in doc["scenarios"] for cost in s["costs"])
    assert plan_from_dict(doc) == _filled(rich_plan())


def test_json_reports_bad_new_values_with_their_paths() -> None:
    doc = plan_to_dict(readiness_plan())
    doc["plan"]["applicant"]["cvr"] = "12345678"
    doc["plan"]["applicant"]["ean"] = "123"
    doc["plan"]["approval"] = {"status": "maybe", "date": "1.3.2027"}
    doc["plan"]["milestones"][0]["date"] = "1850-01-01"
    doc["plan"]["signatory"]["email"] = "ikke en adresse"
    doc["scenarios"][0]["commitments"]["ukendt"] = {"status": "signed_lease"}
    doc["scenarios"][0]["costs"][0]["grant"] = -1
    with pytest.raises(InvalidPlan) as caught:
        plan_from_dict(doc)
    found = {(p.path, p.message_da) for p in caught.value.problems}
    assert ("plan.applicant.cvr", "et CVR-nummer har 8 cifre og skal bestå modulus 11-kontrollen") in found
    assert ("plan.applicant.ean", "et EAN-nummer har 13 cifre, hvor det sidste er kontrolcifferet") in found
    assert ("plan.approval.date", "skal være en dato (ÅÅÅÅ-MM-DD)") in found
    assert any(p == "plan.approval.status" and m.startswith("ukendt kode") for p, m in found)
    assert ("plan.milestones[0].date", "datoen skal ligge mellem år 2000 og 2100") in found
    assert ("plan.signatory.email", "skal være en e-mailadresse (navn@domæne.dk)") in found
    assert ('scenarios[0].commitments["ukendt"]', "ukendt lejer «ukendt»") in found or any(
        "ukendt" in p and m == "ukendt lejer «ukendt»" for p, m in found)
    assert ("scenarios[0].costs[0].grant", "må ikke være negativ") in found


# --- the validity rules ---------------------------------------------------------------------------------


def _messages(plan: Plan) -> dict[str, str]:
    return {p.path: p.message_da for p in validate_plan(plan, known_names())}


def test_the_rules_refuse_what_cannot_be_right() -> None:
    plan = readiness_plan()
    assert _messages(plan) == {}
    plan.subprojects.append(SubProject("Hovedhus", 0))
    plan.milestones.append(Milestone("  "))
    plan.scenarios[0].notes = "x" * 20_001
    plan.scenarios[0].costs[2].source = "k" * 1_001
    found = _messages(plan)
    assert found["plan.subprojects[2].name"] == "delprojektet «Hovedhus» findes allerede"
    assert found["plan.subprojects[2].priority"] == "skal være mellem 1 og 100"
    assert found["plan.milestones[2].name"] == "må ikke være tom"
    assert found["scenarios[0].notes"] == "teksten er for lang (højst 20.000 tegn)"
    assert found["scenarios[0].costs[2].source"] == "teksten er for lang (højst 1.000 tegn)"


# --- the edits and their undo ---------------------------------------------------------------------------


@pytest.fixture
def pf(tmp_path: Path):  # type: ignore[no-untyped-def]
    with create_plan_file(tmp_path / "p.sundhedshus", rich_plan()) as plan_file:
        yield plan_file


def test_plan_level_edits_undo(pf: PlanFile) -> None:
    before = pf.load()
    values = {"cvr": "13748136", "approval": Approval(ApprovalStatus.APPROVED, DATE(2027, 2, 2)),
              "milestones": [Milestone("Start", DATE(2027, 1, 1))], "subprojects": [SubProject("A", 2)],
              "signatory": Person("Åse", "Borgmester", "a@b.dk")}  # fmt: skip
    change = pf.apply(SetPlanFields(values))
    after = pf.load()
    assert {k: getattr(after, k) for k in values} == values
    pf.apply(change.inverse)
    assert pf.load() == before
    with pytest.raises(InvalidPlan, match="modulus 11"):
        pf.apply(SetPlanFields({"cvr": "13748137"}))


def test_scenario_edits_undo(pf: PlanFile) -> None:
    before = pf.load()
    scenario = before.scenarios[0]
    sid = scenario.row_id
    assert sid is not None
    steps = [
        SetScenarioFields(sid, {"notes": "Vi valgte A"}),
        SetCommitment(sid, "gp", Commitment(CommitmentStatus.LETTER_OF_INTENT, DATE(2027, 5, 1))),
        SetRunningRateSource(sid, RunningRate.CLEANING, "Rengøringstilbud 2026"),
        UpdateLine("cost", scenario.costs[0].row_id, {"grant": D(1000), "subproject": "Hovedhus",  # type: ignore[arg-type]
                                                       "source": "Molio"}),
    ]
    inverses = [pf.apply(step).inverse for step in steps]
    after = pf.load().scenarios[0]
    assert after.notes == "Vi valgte A"
    assert after.commitments == {"gp": Commitment(CommitmentStatus.LETTER_OF_INTENT, DATE(2027, 5, 1))}
    assert after.running.sources == {RunningRate.CLEANING: "Rengøringstilbud 2026"}
    assert (after.costs[0].grant, after.costs[0].subproject, after.costs[0].source) == (D(1000), "Hovedhus", "Molio")
    for inverse in reversed(inverses):
        pf.apply(inverse)
    assert pf.load() == before
    with pytest.raises(InvalidPlan, match="ukendt lejer"):
        pf.apply(SetCommitment(sid, "nobody", Commitment(CommitmentStatus.SIGNED_LEASE)))


def test_deleting_a_tenant_takes_its_commitment_and_undo_brings_it_back(pf: PlanFile) -> None:
    scenario = pf.load().scenarios[0]
    sid = scenario.row_id
    assert sid is not None
    pf.apply(SetCommitment(sid, "fys", Commitment(CommitmentStatus.SIGNED_LEASE, DATE(2027, 6, 1))))
    before = pf.load()
    fys = before.scenarios[0].tenant("fys")
    assert fys is not None and fys.row_id is not None
    change = pf.apply(DeleteTenant(fys.row_id))
    assert "fys" not in pf.load().scenarios[0].commitments
    pf.apply(change.inverse)
    assert pf.load() == before


def test_renaming_a_tenant_carries_its_commitment(pf: PlanFile) -> None:
    scenario = pf.load().scenarios[0]
    assert scenario.row_id is not None
    pf.apply(SetCommitment(scenario.row_id, "fys", Commitment(CommitmentStatus.SIGNED_LEASE)))
    fys = scenario.tenant("fys")
    assert fys is not None
    pf.apply(UpdateLine("tenant", fys.row_id, {"id": "fysio"}))  # type: ignore[arg-type]
    assert pf.load().scenarios[0].commitments == {"fysio": Commitment(CommitmentStatus.SIGNED_LEASE)}


def test_a_scenario_copy_keeps_its_notes_and_commitments(pf: PlanFile) -> None:
    from planners.store.operations import DuplicateScenario

    scenario = pf.load().scenarios[0]
    assert scenario.row_id is not None
    pf.apply(SetScenarioFields(scenario.row_id, {"notes": "N"}))
    pf.apply(SetCommitment(scenario.row_id, "gp", Commitment(CommitmentStatus.SIGNED_LEASE)))
    pf.apply(DuplicateScenario(scenario.row_id, "Kopi"))
    copy = next(s for s in pf.load().scenarios if s.name == "Kopi")
    assert copy.notes == "N" and copy.commitments == {"gp": Commitment(CommitmentStatus.SIGNED_LEASE)}
    assert dataclasses.replace(copy, name=scenario.name, row_id=None) is not None


# --- the findings before submission ---------------------------------------------------------------------


def _findings(plan: Plan) -> list[tuple[str, str, str | None, int | None]]:
    from planners.figures.checked import run_checks

    return [(f.code, f.message_da, f.ref.entity, f.ref.index) for f in run_checks(plan)
            if f.code.startswith(("submission_", "subproject_"))]  # fmt: skip


def _complete() -> Plan:
    """`readiness_plan()` with everything a case officer asks for given, and its grant split to the krone."""
    plan = readiness_plan()
    plan.approval = Approval(ApprovalStatus.APPROVED, DATE(2027, 3, 1))
    for scenario in plan.scenarios:
        scenario.commitments["kom"] = Commitment(CommitmentStatus.LETTER_OF_INTENT)
        scenario.running.sources.update({r: "Budget 2026" for r in RunningRate})
        scenario.costs[3].source = "Vurdering 2026"  # the other per-m² line (the site)
        # the grant of the financing is 3.000.000: 2.500.000,5 + 499.999,5 on two lines
    return plan


def test_a_complete_application_has_no_finding_before_submission() -> None:
    assert _findings(_complete()) == []


def test_each_missing_part_is_a_warning_with_its_line() -> None:
    from planners.figures.checked import run_checks

    plan = _complete()
    plan.cvr = ""
    plan.signatory = Person()
    plan.project_leader = Person()
    plan.approval = Approval(ApprovalStatus.IN_PROCESS, DATE(2027, 3, 1))
    scenario = plan.scenario()  # the applied-for one: "Nybyg – 5 praksisser"
    del scenario.commitments["fys"]
    scenario.commitments["kom"] = Commitment(CommitmentStatus.NONE, DATE(2027, 1, 1))
    scenario.costs[0].source = ""
    del scenario.running.sources[RunningRate.MAINTENANCE]
    scenario.costs[1].grant = D("499999")  # 0,5 kr. short of the 3.000.000 of the financing
    scenario.costs[2].subproject = "Findes ikke"
    found = _findings(plan)
    assert found == [
        ("submission_applicant_numbers", "Før ansøgningen sendes: ansøgerens CVR-nummer mangler.", "plan", None),
        ("submission_signatory_missing", "Før ansøgningen sendes: den tegningsberettigede, som skriver under på "
                                         "ansøgningen, mangler.", "plan", None),
        ("submission_project_leader_missing", "Før ansøgningen sendes: projektlederen mangler.", "plan", None),
        ("submission_approval_missing", "Den politiske godkendelse er i gang, men ikke givet endnu.", "plan", None),
        ("submission_grant_by_line_unbalanced", "Tilskuddet fordelt på budgettets poster (2.999.999,50 kr.) er "
         "0,50 kr. mindre end tilskuddet i finansieringen (3.000.000 kr.).", "scenario", None),
        ("submission_commitment_missing", "Før ansøgningen sendes: «Øster Fysioterapi» har hverken givet en "
         "hensigtserklæring eller skrevet under på en lejekontrakt.", "tenant", 1),
        ("submission_commitment_missing", "Før ansøgningen sendes: «Sundhedsplejen» har hverken givet en "
         "hensigtserklæring eller skrevet under på en lejekontrakt.", "tenant", 2),
        ("submission_rate_without_source", "Posten «Ombygning» regnes med en sats på 14.000 kr. pr. m², men "
         "satsen har ingen kilde.", "cost", 0),
        ("subproject_unknown", "Posten «Inventar» hører til delprojektet «Findes ikke», som planen ikke har.",
         "cost", 2),
        ("submission_rate_without_source", "Driftssatser uden kilde: Vedligehold.", "running", None),
    ]
    levels = {f.level.value for f in run_checks(plan) if f.code.startswith(("submission_", "subproject_"))}
    assert levels == {"warning"}


def test_no_grant_split_is_one_warning_and_no_grant_needs_none() -> None:
    plan = _complete()
    for line in plan.scenario().costs:
        line.grant = None
    assert [c for c, *_ in _findings(plan)] == ["submission_grant_by_line_missing"]
    plan.scenario().financing = [f for f in plan.scenario().financing if f.source.value != "grant"]
    assert _findings(plan) == []


def test_a_plan_without_scenarios_has_no_finding_before_submission() -> None:
    from planners.checks.findings import run_checks

    plan = readiness_plan()
    plan.cvr = ""
    plan.scenarios = []
    assert [f.code for f in run_checks(plan, None, None) if f.code.startswith("submission_")] == []


def test_a_plan_not_begun_on_its_application_is_told_nothing_and_one_field_begins_it() -> None:
    plan = _filled(rich_plan())
    assert _findings(plan) == []
    plan.milestones = [Milestone("Ansøgningsfrist", DATE(2027, 4, 15))]
    codes = {c for c, *_ in _findings(plan)}
    assert {"submission_applicant_numbers", "submission_signatory_missing", "submission_approval_missing",
            "submission_commitment_missing", "submission_rate_without_source"} <= codes  # fmt: skip


def test_a_three_way_merge_keeps_each_copys_application_edits(tmp_path: Path) -> None:
    import copy

    from planners.history.merge import merge_plans

    create_plan_file(tmp_path / "p.sundhedshus", readiness_plan()).close()
    base = read_plan(tmp_path / "p.sundhedshus")  # with row ids: the copies' lines pair by them
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine.cvr = "13748136"
    mine.scenarios[0].commitments["kom"] = Commitment(CommitmentStatus.LETTER_OF_INTENT)
    theirs.milestones.append(Milestone("Indflytning", DATE(2029, 8, 1)))
    theirs.scenarios[0].notes = "Besluttet i workshop 2"
    theirs.scenarios[0].running.sources[RunningRate.ADMINISTRATION] = "Egen administration"
    result = merge_plans(base, mine, theirs)
    assert result.conflicts == []
    merged = result.plan
    assert merged.cvr == "13748136" and merged.milestones[-1].name == "Indflytning"
    assert merged.scenarios[0].notes == "Besluttet i workshop 2"
    assert merged.scenarios[0].commitments["kom"] == Commitment(CommitmentStatus.LETTER_OF_INTENT)
    assert merged.scenarios[0].running.sources[RunningRate.ADMINISTRATION] == "Egen administration"


def test_the_difference_of_two_plans_names_the_application_fields_in_words() -> None:
    from planners.history.diff import diff_plans

    old = readiness_plan()
    new = readiness_plan()
    new.approval = Approval(ApprovalStatus.APPROVED, DATE(2027, 3, 1))
    new.scenarios[0].notes = "Ny beslutning"
    new.scenarios[0].costs[0].grant = D(2_000_000)
    diff = diff_plans(old, new, figures=False)
    text = diff.text()
    assert "politisk godkendelse" in text and "godkendt, 01.03.2027" in text and "under behandling" in text
    assert "noter og beslutninger" in text and "Ny beslutning" in text
    assert "tilskud" in text and "2.000.000" in text


@pytest.mark.parametrize(("table", "column", "bad"), [("plan", "approval_date", "2027-02-31"),
                                                      ("milestone", "date", "1.3.2027"),
                                                      ("tenant_commitment", "date", "i morgen")])  # fmt: skip
def test_a_file_with_a_damaged_date_is_refused_and_left_as_it_was(tmp_path: Path, table: str, column: str,
                                                                  bad: str) -> None:  # fmt: skip
    from planners.model.errors import RefusedFile

    path = tmp_path / "p.sundhedshus"
    create_plan_file(path, readiness_plan()).close()
    conn = sqlite3.connect(path)
    conn.execute(f"UPDATE {table} SET {column} = ?", (bad,))
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(RefusedFile, match="skal være en dato"):
        PlanFile.open(path)
    assert path.read_bytes() == before
