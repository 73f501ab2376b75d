"""The command line of DESIGN §6, end to end: every command, refusals, exit statuses."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from planners import __version__
from planners.cli import main
from planners.reference import template_names, template_path


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


TEMPLATES = [name for name, _ in template_names()]


@pytest.fixture
def example_file(tmp_path: Path) -> Path:
    target = tmp_path / "Eksempel æøå 🏥.sundhedshus"
    code, _, err = run("new", "--template", "example", "-o", str(target))
    assert code == 0, err
    return target


def test_version_through_the_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.main", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"sundhedshus {__version__}"


def test_templates_lists_example_first() -> None:
    code, out, _ = run("templates")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 4
    assert lines[0].split("\t")[0] == "example"
    assert all(len(line.split("\t")) == 2 and line.split("\t")[1] for line in lines)


def test_new_refuses_an_existing_target(example_file: Path) -> None:
    before = digest(example_file)
    code, _, err = run("new", "--template", "example", "-o", str(example_file))
    assert code == 2
    assert "findes allerede" in err
    assert digest(example_file) == before


def test_new_unknown_template(tmp_path: Path) -> None:
    code, _, err = run("new", "--template", "findes-ikke", "-o", str(tmp_path / "x.sundhedshus"))
    assert code == 2 and "Ukendt skabelon" in err
    assert not (tmp_path / "x.sundhedshus").exists()


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_round_trip_through_the_file(name: str, tmp_path: Path) -> None:
    plan_file = tmp_path / f"{name}.sundhedshus"
    assert run("new", "--template", name, "-o", str(plan_file))[0] == 0
    code, exported, err = run("export-json", str(plan_file))
    assert code == 0, err
    first = json.loads(exported)
    # export -> import -> export gives an equal document
    json_path = tmp_path / "first.json"
    json_path.write_text(exported, encoding="utf-8")
    again = tmp_path / "again.sundhedshus"
    assert run("import-json", str(json_path), "-o", str(again))[0] == 0
    code, exported_again, _ = run("export-json", str(again))
    assert json.loads(exported_again) == first
    # and the template itself exports to the same document as the file made from it
    code, from_json, _ = run("export-json", str(template_path(name)))
    assert json.loads(from_json) == first


def test_export_json_to_a_file(example_file: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "ud.json"
    code, out, _ = run("export-json", str(example_file), "-o", str(out_path))
    assert code == 0 and out == ""
    assert json.loads(out_path.read_text(encoding="utf-8"))["format"] == "sundhedshus-plan"
    assert not list(tmp_path.glob(".ud.*"))  # no temporary file left behind


SUMMARY_KEYS = {
    "net_m2", "gross_m2", "establishment_total", "eligible_total", "grant", "financing_total",
    "annual_cost_total", "rent_per_gross_m2", "rent_per_gross_m2_without_grant", "vacancy_cost",
    "grant_share", "tenants", "years", "findings",
}  # fmt: skip
TENANT_KEYS = {
    "id", "name", "allocated_net_m2", "allocated_gross_m2", "space_rent", "equipment_share", "services_share",
    "total", "per_month", "per_gross_m2", "per_clinician", "current_annual_rent", "change", "change_pct",
}  # fmt: skip


@pytest.mark.parametrize("name", TEMPLATES)
def test_summary_json_keys_and_invariants(name: str) -> None:
    code, out, err = run("summary", str(template_path(name)), "--json")
    assert code == 0, err
    data = json.loads(out, parse_float=Decimal)
    assert SUMMARY_KEYS <= set(data)
    assert data["tenants"], "every template has tenants"
    for tenant in data["tenants"]:
        assert TENANT_KEYS <= set(tenant)
    total = sum((Decimal(t["total"]) for t in data["tenants"]), Decimal(0)) + Decimal(data["vacancy_cost"])
    assert abs(total - Decimal(data["annual_cost_total"])) <= Decimal("0.01")
    years = sum((Decimal(v) for v in data["years"].values()), Decimal(0))
    assert abs(years - Decimal(data["establishment_total"])) <= Decimal("0.01")
    assert all(year.isdigit() for year in data["years"])


def test_summary_text_is_danish(example_file: Path) -> None:
    code, out, _ = run("summary", str(example_file))
    assert code == 0
    assert "Anlægsudgifter i alt" in out and "kr." in out and "Husleje pr. m² brutto" in out


def test_unknown_scenario(example_file: Path) -> None:
    code, _, err = run("summary", str(example_file), "--scenario", "Findes ikke")
    assert code == 2 and "intet scenarie" in err


@pytest.mark.parametrize("name", TEMPLATES)
def test_check_passes_every_template(name: str) -> None:
    code, out, _ = run("check", str(template_path(name)), "--all")
    assert code == 0, out
    assert "error " not in out


def _edited_example(tmp_path: Path, edit) -> Path:
    data = json.loads(template_path("example").read_text(encoding="utf-8"), parse_float=Decimal)
    edit(data)
    path = tmp_path / "edited.json"
    from planners.interchange.exactjson import dumps

    path.write_text(dumps(data), encoding="utf-8")
    return path


def test_check_fails_without_gp(tmp_path: Path) -> None:
    def drop_gps(data: dict) -> None:
        data["plan"]["gp_collaboration"] = None
        for scenario in data["scenarios"]:
            gp_ids = {t["id"] for t in scenario["tenants"] if t["kind"] == "gp_practice"}
            for t in scenario["tenants"]:
                if t["id"] in gp_ids:
                    t["kind"] = "physiotherapist"
                    t["sector"] = "private"

    code, out, _ = run("check", str(_edited_example(tmp_path, drop_gps)))
    assert code == 1
    assert "error gp_missing" in out


def test_check_fails_on_unbalanced_financing(tmp_path: Path) -> None:
    def add_money(data: dict) -> None:
        for scenario in data["scenarios"]:
            scenario["financing"].append({"source": "other_grant", "amount": 12345})

    code, out, _ = run("check", str(_edited_example(tmp_path, add_money)), "--json")
    assert code == 1
    codes = {f["code"] for f in json.loads(out)}
    assert "financing_unbalanced" in codes


def test_import_json_lists_every_problem(tmp_path: Path) -> None:
    def break_it(data: dict) -> None:
        data["scenarios"][0]["rooms"][0]["net_m2"] = 0
        data["scenarios"][0]["tenants"][0]["kind"] = "wizard"

    source = _edited_example(tmp_path, break_it)
    target = tmp_path / "ny.sundhedshus"
    code, out, err = run("import-json", str(source), "-o", str(target))
    assert code == 2
    assert "scenarios[0].rooms[0].net_m2: skal være større end 0" in err
    assert "scenarios[0].tenants[0].kind" in err
    assert not target.exists()


# --- refused files: exit 2, a Danish reason, no traceback, the bytes unchanged -------------------


def _not_sqlite(path: Path) -> None:
    path.write_text("Dette er ikke en plan\n", encoding="utf-8")


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    con.execute("INSERT INTO notes (text) VALUES ('hej')")
    con.commit()
    con.close()


@pytest.fixture
def refused_files(tmp_path: Path, example_file: Path) -> dict[str, Path]:
    files = {}
    files["not_sqlite"] = tmp_path / "tekst.sundhedshus"
    _not_sqlite(files["not_sqlite"])
    files["foreign"] = tmp_path / "fremmed.sundhedshus"
    _foreign_sqlite(files["foreign"])
    files["newer"] = tmp_path / "nyere.sundhedshus"
    files["newer"].write_bytes(example_file.read_bytes())
    con = sqlite3.connect(files["newer"])
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    files["truncated"] = tmp_path / "afkortet.sundhedshus"
    data = example_file.read_bytes()
    files["truncated"].write_bytes(data[: len(data) // 2])
    files["empty"] = tmp_path / "tom.sundhedshus"
    files["empty"].write_bytes(b"")
    return files


@pytest.mark.parametrize("kind", ["not_sqlite", "foreign", "newer", "truncated", "empty"])
@pytest.mark.parametrize("command", [("summary",), ("check",), ("export-json",), ("summary", "--json")])
def test_refused_files(refused_files: dict[str, Path], kind: str, command: tuple[str, ...]) -> None:
    path = refused_files[kind]
    before = digest(path)
    code, out, err = run(command[0], str(path), *command[1:])
    assert code == 2
    assert err.strip() and "Traceback" not in err
    assert digest(path) == before
    assert not Path(str(path) + "-journal").exists()
    if kind == "newer":
        assert "nyere version" in err


def test_refusal_in_a_real_process_has_no_traceback(refused_files: dict[str, Path]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desktop.main", "summary", str(refused_files["foreign"])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.strip()


def test_missing_file() -> None:
    code, _, err = run("summary", "/findes/ikke.sundhedshus")
    assert code == 2 and "findes ikke" in err


def test_usage_error_is_exit_2() -> None:
    code, _, err = run("summary")
    assert code == 2 and "Forkert brug" in err


def test_check_prints_one_finding_a_line_and_nothing_else() -> None:
    import re

    code, out, _ = run("check", str(template_path("example")), "--all")
    lines = out.splitlines()
    assert lines, "the example has at least the gp_shortage_area note"
    pattern = re.compile(r"(error|warning|note) [a-z0-9_]+: .+ — scenarie «[^»]+», .+")
    assert all(pattern.fullmatch(line) for line in lines), lines
