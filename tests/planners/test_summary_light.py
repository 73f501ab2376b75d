"""`sundhedshus summary` imports and does only what it needs (issue 19, round s15-sum2): the plain command line is
parsed without argparse, type-only imports stay type-only, the login name is not asked at open, and a reading
command runs without the cyclic collector — with the output unchanged."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.cli import UsageError, _plain_summary, build_parser, main
from planners.model import Plan
from planners.store.planfile import PlanFile, create_plan_file
from tests.planners.plans import rich_plan, rich_plan_file

ROOT = Path(__file__).resolve().parents[2]

# What `summary` (plain form) must not import: the parser (argparse), the login name's machinery (getpass with
# termios), typing (the store's and the model's hints are for the type checker only) and gettext (the English
# catalog: the Danish names are the msgids, `planners.model.names.name_of`; bench/RESULTS.md "s16-summary").
# s19-sum2: nor unicodedata (an ASCII excerpt needs no category, `safetext.printable`).
# s20-imp2: nor the glossary (a summary names no allocation key; `names._key_names`).
# s22-sum: nor the editing open (`planfile`: `PlanFile`, the GUI's open): the checks and the one-scenario read are
# `planners.store.reading`.
NOT_LOADED = ("argparse", "getpass", "termios", "typing", "gettext", "unicodedata", "planners.model.glossary",
              "planners.store.planfile")


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "plan.sundhedshus")


def _run_child(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT)


@pytest.mark.parametrize("extra", [[], ["--json"], ["--scenario", "Ombygning 🏥"]])
def test_plain_summary_imports_no_parser_nor_login_name(plan_file: Path, extra: list[str]) -> None:
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}, *{extra!r}])\n"
            f"print('LOADED', [m for m in {list(NOT_LOADED)!r} if m in sys.modules], rc, file=sys.stderr)\n")
    done = _run_child(code)
    assert "LOADED [] 0" in done.stderr
    assert done.stdout  # the summary was printed


def test_summary_imports_neither_the_origin_nor_the_versions(plan_file: Path) -> None:
    """The store's origin and named versions are read by their own commands, not by a summary (s17-summary);
    `versions` still reads them."""
    store = ("planners.store.origin", "planners.store.versions")
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}])\n"
            f"print('STORE', [m for m in {list(store)!r} if m in sys.modules], rc, file=sys.stderr)\n"
            f"rc = main(['versions', {str(plan_file)!r}])\n"
            f"print('AFTER', [m for m in {list(store)!r} if m in sys.modules], rc, file=sys.stderr)\n")
    done = _run_child(code)
    assert "STORE [] 0" in done.stderr
    assert "AFTER ['planners.store.origin', 'planners.store.versions'] 0" in done.stderr


def test_a_summary_not_in_the_plain_form_still_goes_to_argparse(plan_file: Path) -> None:
    # "--js" is argparse's abbreviation of --json: the plain parser leaves it to argparse, which accepts it.
    code = ("import sys\nfrom planners.cli import main\n"
            f"main(['summary', {str(plan_file)!r}, '--js'])\n"
            "print('ARGPARSE', 'argparse' in sys.modules, file=sys.stderr)\n")
    done = _run_child(code)
    assert "ARGPARSE True" in done.stderr
    assert done.stdout.startswith("{")  # JSON


def test_plain_and_argparse_print_the_same(plan_file: Path) -> None:
    plain, parsed = io.StringIO(), io.StringIO()
    assert main(["summary", str(plan_file), "--json"], out=plain) == 0
    assert main(["summary", "--js", str(plan_file)], out=parsed) == 0  # not plain: argparse's way
    assert plain.getvalue() == parsed.getvalue()
    name = rich_plan().scenarios[0].name
    plain, parsed = io.StringIO(), io.StringIO()
    assert main(["summary", str(plan_file), "--scenario", name], out=plain) == 0
    assert main(["summary", f"--scenario={name}", str(plan_file)], out=parsed) == 0
    assert plain.getvalue() == parsed.getvalue()
    assert f"scenarie «{name}»" in plain.getvalue()


WORDS = st.sampled_from(["summary", "check", "--json", "--js", "--scenario", "--scenario=A", "plan.sundhedshus",
                         "B", "", "A B", "-", "--", "-x", "-h", "--help", "-1", "Ombygning 🏥"])


@settings(max_examples=400, deadline=None)
@given(st.lists(WORDS, max_size=6))
def test_the_plain_parser_agrees_with_argparse_wherever_it_answers(words: list[str]) -> None:
    """Wherever the plain parser answers, argparse parses the same words without error to the same values."""
    plain = _plain_summary(words)
    if plain is None:
        return
    try:
        args = build_parser("summary").parse_args(words)
    except (UsageError, SystemExit) as exc:  # pragma: no cover - a failure names the words
        raise AssertionError(f"argparse refuses {words!r}, the plain parser took it as {plain!r}") from exc
    assert (args.command, args.file, args.scenario, args.json) == ("summary", *plain)


@pytest.mark.parametrize("words", [["summary"], ["summary", "a", "b"], ["summary", "a", "--json", "--json"],
                                   ["summary", "a", "--scenario"], ["summary", "a", "--scenario", "-x"],
                                   ["summary", "--", "a"], ["check", "a"], []])
def test_what_the_plain_parser_leaves_to_argparse(words: list[str]) -> None:
    assert _plain_summary(words) is None


def test_plain_parser_values() -> None:
    assert _plain_summary(["summary", "p.sundhedshus"]) == ("p.sundhedshus", None, False)
    assert _plain_summary(["summary", "--json", "--scenario", "A B", "p"]) == ("p", "A B", True)


def test_the_login_name_is_asked_only_when_needed(plan_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planners.store import history

    asked: list[int] = []

    def login_name() -> str:
        asked.append(1)
        return "Lægen"

    monkeypatch.setattr(history, "login_name", login_name)
    with PlanFile.open(plan_file, readonly=True) as f:
        f.load()
        assert asked == []  # opening and reading do not ask
        assert f.author == "Lægen"
        assert f.author == "Lægen"
        assert asked == [1]  # asked once, when first needed
        f.author = "Varde Kommune"  # the GUI's setting wins
        assert f.author == "Varde Kommune"


def test_a_reading_command_runs_without_the_collector_and_freezes_its_objects(plan_file: Path) -> None:
    code = ("import gc, sys\nfrom desktop.main import main\n"
            "seen = []\n"
            "import planners.cli as cli\n"
            "real = cli.main\n"
            "def spy(*a, **k):\n"
            "    seen.append(gc.isenabled())\n"
            "    return real(*a, **k)\n"
            "cli.main = spy\n"
            f"rc = main(['summary', {str(plan_file)!r}])\n"
            "print('GC', seen, gc.isenabled(), gc.get_freeze_count() > 0, rc, file=sys.stderr)\n")
    done = _run_child(code)
    assert "GC [False] True True 0" in done.stderr


def test_summary_imports_neither_the_history_nor_the_rent_over_the_years(plan_file: Path) -> None:
    """A read-only open does not import the store's history (only editing and the history's readers use it), and
    the engine imports the rent over the years (`figures.years`, with `figures.market`) only for a plan with rent
    terms (s17-sum2), and with it their records (`model.yearly`, s19-sum2). An open for editing still imports the
    history and records in it."""
    moved = ("planners.store.history", "planners.figures.years", "planners.figures.market", "planners.model.yearly")
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}])\n"
            f"print('SUMMARY', [m for m in {list(moved)!r} if m in sys.modules], rc, file=sys.stderr)\n"
            "from planners.store.planfile import PlanFile\n"
            f"f = PlanFile.open({str(plan_file)!r})\n"
            "print('EDIT', 'planners.store.history' in sys.modules, f._has_history, len(f.history()), "
            "file=sys.stderr)\n"
            "f.close()\n")
    done = _run_child(code)
    assert "SUMMARY [] 0" in done.stderr
    assert "EDIT True True 1" in done.stderr  # the plan's creation, recorded by create_plan_file


def test_a_summary_with_rent_terms_still_shows_the_rent_over_the_years(tmp_path: Path) -> None:
    from tests.planners.years_plans import phased

    path = tmp_path / "phased.sundhedshus"
    create_plan_file(path, phased(rich_plan())).close()
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(path)!r}])\n"
            "print('YEARS', 'planners.figures.years' in sys.modules, 'planners.model.yearly' in sys.modules, rc, "
            "file=sys.stderr)\n")
    done = _run_child(code)
    assert "YEARS True True 0" in done.stderr
    assert "Husleje over tid" in done.stdout


@pytest.mark.parametrize("extra", [[], ["--json"]])
def test_a_plain_summary_loads_neither_the_parser_nor_the_other_commands(plan_file: Path, extra: list[str]) -> None:
    """The parser and the commands but the plain summary live in `planners.cli_commands` (s17-sum2): a summary
    does not load them; `check` and a summary in argparse's words do, with the same output."""
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}, *{extra!r}])\n"
            "print('PLAIN', 'planners.cli_commands' in sys.modules, rc, file=sys.stderr)\n"
            f"rc = main(['check', {str(plan_file)!r}])\n"
            "print('CHECK', 'planners.cli_commands' in sys.modules, rc, file=sys.stderr)\n")
    done = _run_child(code)
    assert "PLAIN False 0" in done.stderr
    assert "CHECK True 1" in done.stderr  # rich_plan has an error finding: exit 1
    plain, parsed = io.StringIO(), io.StringIO()
    assert main(["summary", str(plan_file), *extra], out=plain) == 0
    assert _plain_summary(["summary", *extra, "--", str(plan_file)]) is None  # argparse's words
    assert main(["summary", *extra, "--", str(plan_file)], out=parsed) == 0
    assert plain.getvalue() == parsed.getvalue()


def test_a_reading_command_does_not_read_the_methods_of_classes_it_never_makes(plan_file: Path) -> None:
    """The generated methods of the classes a reading command never makes (editing, history, what-if, the rent over
    the years: `prebuilt_gen.MORE_MODULES`) are in `prebuilt_methods_more`, which `summary` and `check` of a plan
    without rent terms do not import (s20-imp); an open for editing does, its lock and history being such classes."""
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}]), main(['check', {str(plan_file)!r}])\n"
            "print('READ', 'planners.model.prebuilt_methods_more' in sys.modules, rc, file=sys.stderr)\n"
            "from planners.store.planfile import PlanFile\n"
            f"f = PlanFile.open({str(plan_file)!r})\n"
            "print('EDIT', 'planners.model.prebuilt_methods_more' in sys.modules, file=sys.stderr)\n"
            "f.close()\n")
    done = _run_child(code)
    assert "READ False (0, 1)" in done.stderr
    assert "EDIT True" in done.stderr


REST = "planners.model.prebuilt_methods_rest"


@pytest.mark.parametrize("template", ["example", "remote", "large", "conversion", "rich"])
def test_a_reading_command_calls_none_of_the_methods_made_at_their_first_call(tmp_path: Path, template: str) -> None:
    """`summary` (also `--json`), `check` and `export-json` of a sound plan never print a model object with repr, nor
    compare, hash or assign to one but those of `prebuilt_gen.EQ_AT_ONCE` (the application's people and approval,
    the catalogs' rows, a time line): `prebuilt_methods_rest` is not read (s22-pre). Each template, and the
    hand-written plan without an applicant's CVR (so the application's fields are each compared with the empty
    ones). A repr reads it."""
    path = tmp_path / "plan.sundhedshus"
    if template == "rich":
        rich_plan_file(path)
    else:
        assert main(["new", "--template", template, "-o", str(path)], out=io.StringIO()) == 0
    out = tmp_path / "plan.json"
    code = ("import sys, io\nfrom planners.cli import main\n"
            f"rc = [main([*args, {str(path)!r}], out=io.StringIO()) for args in (['summary'], ['summary', '--json'],"
            f" ['check'], ['check', '--json'], ['export-json', '-o', {str(out)!r}])]\n"
            f"print('READ', {REST!r} in sys.modules, rc, file=sys.stderr)\n"
            "from planners.store.planfile import read_plan\n"
            f"repr(read_plan({str(path)!r}).scenarios[0])\n"
            f"print('REPR', {REST!r} in sys.modules, file=sys.stderr)\n")
    done = _run_child(code)
    assert "READ False [0, 0, " in done.stderr, done.stderr
    assert "REPR True" in done.stderr


def test_summary_of_a_plan_without_terms_imports_no_timeline_store(plan_file: Path) -> None:
    """The time line's store (`planners.store.timeline`) is imported by a one-scenario read only where the plan has
    time line rows (s20-sql2); an editing open, which may write them, imports it."""
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main(['summary', {str(plan_file)!r}])\n"
            "print('TIMELINE', 'planners.store.timeline' in sys.modules, rc, file=sys.stderr)\n"
            "from planners.store.planfile import PlanFile\n"
            f"PlanFile.open({str(plan_file)!r}).close()\n"
            "print('AFTER', 'planners.store.timeline' in sys.modules, file=sys.stderr)\n")
    done = _run_child(code)
    assert "TIMELINE False 0" in done.stderr
    assert "AFTER True" in done.stderr


# s22-fc: the parts of the file's checks a sound plan's one-scenario read never runs, each in a module of its own.
RARE_FILE_CHECKS = ("planners.store.checksql", "planners.store.valuecheck", "planners.store.journalcheck",
                    "planners.store.schema_gen", "planners.store.targets")  # fmt: skip


def _rare_loaded(argv: list[str], after: str = "") -> str:
    code = ("import sys\nfrom desktop.main import main\n"
            f"{after}rc = main({argv!r})\n"
            f"print('RARE', [m for m in {list(RARE_FILE_CHECKS)!r} if m in sys.modules], rc, file=sys.stderr)\n")
    return _run_child(code).stderr


@pytest.mark.parametrize("extra", [["summary"], ["summary", "--json"], ["check"], ["check", "--json"]])
def test_a_sound_plans_reading_command_loads_none_of_the_rare_file_checks(plan_file: Path, extra: list[str]) -> None:
    """The statements built at run time (`checksql`), the values judged one by one (`valuecheck`), the journal's
    judging (`journalcheck`), the generator (`schema_gen`) and the writers' targets (`targets`) are not imported by a
    sound plan's summary or check."""
    done = _rare_loaded([extra[0], str(plan_file), *extra[1:]])
    assert "RARE [] " in done


def test_each_rare_file_check_is_loaded_where_it_is_needed(plan_file: Path, tmp_path: Path) -> None:
    """The same modules are imported, each by the check that needs it: the whole file's rule statements by `check
    --all`, a journal beside the plan (not hot: the plan opens) by its judging, a doubted value by the value check,
    the writers' targets by an export."""
    assert "RARE ['planners.store.checksql'] " in _rare_loaded(["check", "--all", str(plan_file)])
    written = tmp_path / "plan.json"
    assert "'planners.store.targets'] 0" in _rare_loaded(["export-json", str(plan_file), "-o", str(written)])
    assert written.exists()
    journal = plan_file.with_name(plan_file.name + "-journal")
    journal.write_bytes(b"\0" * 28)  # no journal header: SQLite ignores it, and so does the check
    assert "RARE ['planners.store.journalcheck'] 0" in _rare_loaded(["summary", str(plan_file)])
    journal.unlink()
    conn = sqlite3.connect(plan_file, isolation_level=None)
    (room, scenario), = conn.execute("SELECT r.id, s.name FROM room r JOIN scenario s ON s.id = r.scenario_id "
                                     "ORDER BY r.id LIMIT 1")  # fmt: skip
    conn.execute("UPDATE room SET net_m2 = 'tolv' WHERE id = ?", (room,))
    conn.close()
    done = _rare_loaded(["summary", "--scenario", scenario, str(plan_file)])
    assert "'planners.store.valuecheck'" in done and "felt «net_m2»: skal være et tal" in done


# s22-val: the scenarios' and lines' validity rules, the rent over the years' checks and those before submission are
# modules of their own, loaded only where they have work. A summary or check of a sound plan without rent terms and
# with no application begun validates no scenario in Python (SQL proved them) and runs neither group of checks.
LOADED_WITH_WORK = ("planners.model.scenario_validation", "planners.checks.timeline_findings",
                    "planners.checks.submission_findings")  # fmt: skip


def _loaded_after(argv: list[str]) -> tuple[list[str], str]:
    """The modules of LOADED_WITH_WORK loaded by `argv` run in a fresh interpreter, and what it printed."""
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main({argv!r})\n"
            f"print('LOADED', [m for m in {list(LOADED_WITH_WORK)!r} if m in sys.modules], rc, file=sys.stderr)\n")
    done = _run_child(code)
    line = next(x for x in done.stderr.splitlines() if x.startswith("LOADED"))
    return eval(line.split(" ", 1)[1].rsplit(" ", 1)[0]), done.stdout  # noqa: S307 (our own child's list)


def _checked(plan: Plan, folder: Path) -> tuple[list[str], list[str]]:
    """`check --json` of `plan` as a plan file: the modules of LOADED_WITH_WORK it loaded and its findings' codes."""
    path = folder / "plan.sundhedshus"
    create_plan_file(path, plan).close()
    loaded, out = _loaded_after(["check", str(path), "--json"])
    return loaded, [f["code"] for f in json.loads(out)]


@pytest.mark.parametrize("extra", [["summary"], ["summary", "--json"], ["check"], ["check", "--json"]])
def test_a_sound_plan_loads_no_module_without_work(plan_file: Path, extra: list[str]) -> None:
    loaded, out = _loaded_after([extra[0], str(plan_file), *extra[1:]])
    assert loaded == []
    assert out  # it printed


def test_validate_plan_imports_the_scenarios_rules_only_to_validate_a_scenario() -> None:
    """No scenario asked: the plan's fields and catalogs only, nothing loaded. Every scenario asked: the problems of
    an invalid room line are found, as `validate_scenario` finds them (the lazy import is taken)."""
    code = ("import sys\nfrom decimal import Decimal\n"
            "from planners.model.validation import validate_plan\n"
            "from planners.reference import known_names\n"
            "from tests.planners.plans import rich_plan\n"
            "plan = rich_plan()\nplan.scenarios[0].rooms[0].net_m2 = Decimal(-1)\n"
            "none = validate_plan(plan, known_names(), [])\n"
            "print('NONE', [str(p) for p in none], 'planners.model.scenario_validation' in sys.modules, file=sys.stderr)\n"
            "every = validate_plan(plan, known_names())\n"
            "print('EVERY', [str(p) for p in every], file=sys.stderr)\n")
    done = _run_child(code)
    assert "NONE [] False" in done.stderr
    assert "EVERY ['scenarios[0].rooms[0].net_m2: skal være større end 0']" in done.stderr


def test_a_plan_with_rent_terms_runs_the_rent_over_the_years_checks(tmp_path: Path) -> None:
    """A public owner with rent terms that has not decided on voluntary VAT registration gets `vat_letting_undecided`
    (docs/findings.md), a check of the rent over the years: its module is loaded and the finding listed."""
    from planners.model import ApplicantType
    from tests.planners.years_plans import steady

    plan = steady(rich_plan())
    plan.applicant.type = ApplicantType.MUNICIPALITY
    loaded, codes = _checked(plan, tmp_path)
    assert loaded == ["planners.checks.timeline_findings"]
    assert "vat_letting_undecided" in codes


def test_a_begun_application_runs_the_checks_before_submission(tmp_path: Path) -> None:
    """A plan giving its CVR number has begun its application (issue 16.6): the checks before submission run and
    name what is missing — here the EAN number, the signatory and the project leader."""
    plan = rich_plan()
    plan.cvr = "13748136"  # Erhvervsstyrelsen's worked example of a valid CVR number
    loaded, codes = _checked(plan, tmp_path)
    assert loaded == ["planners.checks.submission_findings"]
    for code in ("submission_applicant_numbers", "submission_signatory_missing", "submission_project_leader_missing"):
        assert code in codes
