"""The charts show the engine's figures as they are (read back from the artists), in one colour per tenant."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal as D

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import Wedge
from matplotlib.text import Text

from planners.exports import charts, palette
from planners.model import CostCategory, FinancingSource
from planners.model.results import (
    CostLineFigures,
    EquipmentLineFigures,
    FinancingLineFigures,
    ScenarioFigures,
    TenantFigures,
)


def tenant(
    tid: str,
    name: str,
    dedicated: str,
    allocated: str,
    space: str,
    equipment: str,
    services: str,
    current: str | None = None,
    clinicians: str = "2",
) -> TenantFigures:
    """A tenant's figures written out by hand (the chart tests need no engine)."""
    allocated_d = D(allocated)
    gross = allocated_d * D("1.35")
    total = D(space) + D(equipment) + D(services)
    current_d = None if current is None else D(current)
    change = None if current_d is None else total - current_d
    return TenantFigures(
        tenant_id=tid,
        name=name,
        clinicians=D(clinicians),
        dedicated_net_m2=D(dedicated),
        allocated_net_m2=allocated_d,
        allocated_gross_m2=gross,
        space_rent=D(space),
        equipment_share=D(equipment),
        services_share=D(services),
        total=total,
        per_month=total / 12,
        per_gross_m2=total / gross,
        per_clinician=total / D(clinicians),
        current_annual_rent=current_d,
        change=change,
        change_pct=None if change is None else change / current_d,
    )


def sample_figures(tenants: list[TenantFigures] | None = None) -> ScenarioFigures:
    """A small house: two tenants sharing 60 m² by area, 24 m² vacant, built over 2018–2019."""
    C = CostCategory
    if tenants is None:
        tenants = [
            tenant("gp", "Lægerne i Nordby", "120", "160", "345600.5", "12000", "190000", current="540000"),
            tenant("fys", "Nordby Fysioterapi", "60", "80", "172800.25", "6000", "95000"),
        ]
    by_category = {c: D(0) for c in C}
    by_category.update(
        {
            C.CONSTRUCTION: D("4989600"),
            C.CONSULTANCY: D("598752"),
            C.FURNITURE: D("250000"),
            C.EQUIPMENT: D("45000"),
        }
    )
    eligible = {c: D(0) for c in C}
    eligible.update({C.CONSTRUCTION: D("4989600"), C.CONSULTANCY: D("598752"), C.EQUIPMENT: D("45000")})
    by_cat_year = {c: {2018: D(0), 2019: D(0)} for c in C}
    by_cat_year[C.CONSTRUCTION] = {2018: D("1496880"), 2019: D("3492720")}
    by_cat_year[C.CONSULTANCY] = {2018: D("299376"), 2019: D("299376")}
    by_cat_year[C.FURNITURE] = {2018: D(0), 2019: D("250000")}
    by_cat_year[C.EQUIPMENT] = {2018: D("22500"), 2019: D("22500")}
    return ScenarioFigures(
        scenario="Ombygning",
        gross_factor=D("1.35"),
        net_m2=D("264"),
        gross_m2=D("356.4"),
        vacant_net_m2=D("24"),
        vacant_gross_m2=D("32.4"),
        tenants=tenants,
        cost_lines=[CostLineFigures(0, C.CONSTRUCTION, D("4989600"), True, by_cat_year[C.CONSTRUCTION])],
        equipment_in_project=D("45000"),
        equipment_eligible=True,
        equipment_by_year={2018: D("22500"), 2019: D("22500")},
        by_category=by_category,
        eligible_by_category=eligible,
        by_year={2018: D("1818756"), 2019: D("4064596")},
        by_category_year=by_cat_year,
        establishment_total=D("5883352"),
        eligible_total=D("5633352"),
        non_eligible_total=D("250000"),
        financing_lines=[
            FinancingLineFigures(0, FinancingSource.GRANT, D("2883352"), D(0)),
            FinancingLineFigures(1, FinancingSource.LOAN, D("3000000"), D("163000.75")),
        ],
        financing_by_source={s: D(0) for s in FinancingSource}
        | {FinancingSource.GRANT: D("2883352"), FinancingSource.LOAN: D("3000000")},
        financing_total=D("5883352"),
        grant=D("2883352"),
        grant_share=D("2883352") / D("5633352"),
        financing_difference=D(0),
        capital_cost=D("163000.75"),
        running_rates_total=D("480"),
        running_cost=D("171072"),
        building_cost=D("334072.75"),
        rent_per_gross_m2=D("334072.75") / D("356.4"),
        capital_cost_without_grant=D("310000.5"),
        rent_per_gross_m2_without_grant=D("481072.5") / D("356.4"),
        grant_loan_terms=(D("2.5"), 25),
        equipment_lines=[EquipmentLineFigures(0, D("45000"), D("18000"))],
        equipment_annual_total=D("18000"),
        services_total=D("285000"),
        annual_cost_total=D("844401.25"),
        vacancy_cost=D("23000.5"),
    )


# --- reading a chart back -------------------------------------------------------------------------------


def only_axes(fig):
    axes = [ax for ax in fig.get_axes() if ax.get_gid()]
    assert len(axes) == 1
    return axes[0]


def bar_values(container, horizontal: bool = True) -> list[float]:
    return [patch.get_width() if horizontal else patch.get_height() for patch in container.patches]


def tick_labels(ax, axis: str = "y") -> list[str]:
    labels = ax.get_yticklabels() if axis == "y" else ax.get_xticklabels()
    return [label.get_text().replace("\n", " ") for label in labels]


def colour(patch) -> str:
    return to_hex(patch.get_facecolor(), keep_alpha=False).upper()


def texts(fig) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


@pytest.fixture(scope="module")
def sample():
    return sample_figures()


def test_area_by_tenant_stacks_dedicated_and_shared_area(sample):
    ax = only_axes(charts.area_by_tenant(sample))
    assert tick_labels(ax) == ["Lægerne i Nordby", "Nordby Fysioterapi", "Ledigt"]
    dedicated, shared = ax.containers
    assert dedicated.get_label() == "Eget areal"
    assert bar_values(dedicated) == [120.0, 60.0, 24.0]
    assert bar_values(shared) == [40.0, 20.0, 0.0]  # 160 − 120 and 80 − 60 m² of the shared rooms
    assert [p.get_x() for p in shared.patches] == [120.0, 60.0, 24.0]  # stacked on the dedicated part
    assert "160,0 m²" in texts(ax.figure)


def test_establishment_by_category_splits_eligible_and_not(sample):
    ax = only_axes(charts.establishment_by_category(sample))
    assert tick_labels(ax) == ["Byggeri", "Rådgivning", "Inventar", "Udstyr"]
    eligible, other = ax.containers
    assert bar_values(eligible) == [4989600.0, 598752.0, 0.0, 45000.0]
    assert bar_values(other) == [0.0, 0.0, 250000.0, 0.0]
    assert "4.989.600 kr." in texts(ax.figure)
    assert "5.883.352 kr." in texts(ax.figure)  # the total in the subtitle


def test_financing_wedges_are_the_sources(sample):
    ax = only_axes(charts.financing_sources(sample))
    wedges = [p for p in ax.patches if isinstance(p, Wedge)]
    spans = [abs(w.theta2 - w.theta1) for w in wedges]
    total = 2883352 + 3000000
    assert spans == pytest.approx([360 * 2883352 / total, 360 * 3000000 / total])
    assert [w.get_label() for w in wedges] == ["Tilskud fra puljen: 2.883.352 kr.", "Lån: 3.000.000 kr."]
    assert "51,2 %" in texts(ax.figure)  # 2.883.352 / 5.633.352 = 0,5118…


def test_annual_cost_by_tenant_stacks_rent_equipment_and_services(sample):
    ax = only_axes(charts.annual_cost_by_tenant(sample))
    assert tick_labels(ax) == ["Lægerne i Nordby", "Nordby Fysioterapi", "Tomgang (ejer)"]
    space, equipment, services = ax.containers
    assert bar_values(space) == [345600.5, 172800.25, 23000.5]
    assert bar_values(equipment) == [12000.0, 6000.0, 0.0]
    assert bar_values(services) == [190000.0, 95000.0, 0.0]
    text = texts(ax.figure)
    assert "547.601 kr." in text  # 547.600,50 rounds half up
    assert "844.401 kr." in text


def test_spending_by_year_stacks_categories(sample):
    ax = only_axes(charts.spending_by_year(sample))
    assert tick_labels(ax, "x") == ["2018", "2019"]
    by_label = {c.get_label(): bar_values(c, horizontal=False) for c in ax.containers}
    assert by_label == {
        "Byggeri": [1496880.0, 3492720.0],
        "Rådgivning": [299376.0, 299376.0],
        "Inventar": [0.0, 250000.0],
        "Udstyr": [22500.0, 22500.0],
    }
    assert "1.818.756 kr." in texts(ax.figure) and "4.064.596 kr." in texts(ax.figure)


def test_rent_with_and_without_grant(sample):
    ax = only_axes(charts.rent_with_without_grant(sample))
    (bars,) = ax.containers
    assert bar_values(bars, horizontal=False) == pytest.approx([334072.75 / 356.4, 481072.5 / 356.4])
    text = texts(ax.figure)
    assert "937 kr. pr. m²" in text and "1.350 kr. pr. m²" in text
    assert "2,5 % over 25 år" in text


def test_cost_against_current_rent_only_for_tenants_that_gave_it(sample):
    ax = only_axes(charts.cost_vs_current_rent(sample))
    assert tick_labels(ax) == ["Lægerne i Nordby"]
    new, current = ax.containers
    assert bar_values(new) == [547600.5]
    assert bar_values(current) == [540000.0]
    assert "+7.601 kr. (+1,4 %)" in texts(ax.figure)


def test_a_tenant_has_one_colour_in_every_chart(sample):
    area = only_axes(charts.area_by_tenant(sample))
    cost = only_axes(charts.annual_cost_by_tenant(sample))
    versus = only_axes(charts.cost_vs_current_rent(sample))
    area_colours = [colour(p) for p in area.containers[0].patches]
    (markers,) = [c for c in cost.collections if c.get_gid() == "tenant-markers"]
    marker_colours = [to_hex(c).upper() for c in markers.get_facecolors()]
    assert area_colours[:2] == marker_colours[:2] == [palette.TENANT_COLOURS[0], palette.TENANT_COLOURS[1]]
    assert colour(versus.containers[0].patches[0]) == area_colours[0]
    assert area_colours[2] == marker_colours[2] == palette.VACANT_COLOUR


def test_categories_keep_their_colour_across_charts(sample):
    by_category = only_axes(charts.establishment_by_category(sample))
    by_year = only_axes(charts.spending_by_year(sample))
    year_colours = {c.get_label(): colour(c.patches[0]) for c in by_year.containers}
    for label, patch in zip(tick_labels(by_category), by_category.containers[0].patches, strict=True):
        assert colour(patch) == year_colours[label]


def test_beyond_ten_tenants_the_smallest_are_others(sample):
    # twelve tenants: t0 … t11 with 10, 20, …, 120 m²; the two smallest (t0, t1) become "Øvrige"
    many = [
        tenant(f"t{i}", f"Lejer {i}", str(10 * (i + 1)), str(10 * (i + 1)), "1000", "0", "0")
        for i in range(12)
    ]
    figures = sample_figures(many)
    ax = only_axes(charts.area_by_tenant(figures))
    labels = tick_labels(ax)
    assert labels[:10] == [f"Lejer {i}" for i in range(2, 12)]
    assert labels[10] == "Øvrige (2 lejere)"
    assert bar_values(ax.containers[0])[10] == 30.0  # 10 + 20 m²
    assert colour(ax.containers[0].patches[10]) == palette.OTHERS_COLOUR
    assert len({colour(p) for p in ax.containers[0].patches[:10]}) == 10
    cost = only_axes(charts.annual_cost_by_tenant(figures))
    assert bar_values(cost.containers[0])[10] == 2000.0


def test_english_labels_and_numbers(sample):
    fig = charts.establishment_by_category(sample, lang="en")
    ax = only_axes(fig)
    assert ax.get_title(loc="left") == "Establishment costs by category"
    assert tick_labels(ax)[0] == "Construction"
    assert "DKK 4,989,600" in texts(fig)
    assert ax.get_xlabel() == "DKK"


def test_charts_without_data_say_so():
    empty = sample_figures([])
    empty.financing_by_source = {s: D(0) for s in FinancingSource}
    empty.vacancy_cost = D(0)
    for chart, message in [
        (charts.cost_vs_current_rent, "Ingen lejer har oplyst sin nuværende husleje"),
        (charts.financing_sources, "Ingen finansiering"),
        (charts.annual_cost_by_tenant, "Ingen årlige udgifter"),
    ]:
        assert message in texts(chart(empty))


def test_every_chart_draws_and_is_a_figure(sample):
    for key, fig in charts.all_charts(sample).items():
        assert isinstance(fig, Figure)
        assert only_axes(fig).get_gid() == key
        fig.canvas.draw()  # lays out and renders with Agg: no error, no pyplot


def test_charts_show_the_engines_figures_for_the_example():
    from planners.figures.engine import compute
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path

    plan = load_json(template_path("example"))
    figures = compute(plan)
    ax = only_axes(charts.annual_cost_by_tenant(figures))
    assert tick_labels(ax)[: len(figures.tenants)] == [t.name for t in figures.tenants]
    assert bar_values(ax.containers[0])[: len(figures.tenants)] == [
        float(t.space_rent) for t in figures.tenants
    ]
    # a stacked segment's width is right − left in float, so equal to the figure within float precision
    assert bar_values(ax.containers[2])[: len(figures.tenants)] == pytest.approx(
        [float(t.services_share) for t in figures.tenants], rel=1e-12
    )
    ax = only_axes(charts.spending_by_year(figures))
    tops = [sum(c.patches[i].get_height() for c in ax.containers) for i in range(len(figures.years))]
    assert tops == pytest.approx([float(figures.by_year[y]) for y in figures.years])


def test_importing_the_core_does_not_load_matplotlib():
    code = (
        "import sys, planners, planners.cli, planners.figures.engine, planners.checks.findings, planners.exports.palette;"
        "import planners.figures.summary;"
        "print('matplotlib' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_charts_never_use_pyplot():
    code = "import sys, planners.exports.charts, planners.exports.report.document; print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_comparison_of_many_tenants_groups_the_smallest_as_others() -> None:
    from planners.exports.charts import _group_tenant_rows
    from planners.figures.compare import CompareRow, Group, Unit

    def row(i: int, a: int | None, b: int | None) -> CompareRow:
        values = tuple(None if v is None else D(v) for v in (a, b))
        return CompareRow(f"tenant:t{i}", f"Lejer {i}", f"Tenant {i}", Unit.KR, Group.TENANTS, values,
                          (None, None), tenant_id=f"t{i}")

    # 12 tenants: t0..t11 with totals 100, 200, …, 1200 in scenario A; t0 is absent from scenario B.
    rows = [row(i, (i + 1) * 100, None if i == 0 else (i + 1) * 10) for i in range(12)]
    bars = _group_tenant_rows(rows, "da")
    assert len(bars) == 10
    assert [b.name for b in bars[:9]] == [f"Lejer {i}" for i in range(3, 12)]  # the nine largest, plan order
    assert bars[9].name == "Øvrige (3)"
    # The rest are t0, t1, t2: A = 100 + 200 + 300; B = (absent) + 20 + 30.
    assert bars[9].values == (D(600), D(50))


def _difference_texts(fig, key: str) -> list[str]:  # noqa: ANN001
    ax = next(a for a in fig.axes if a.get_gid() == key)
    return [t.get_text() for t in ax.texts if t.get_gid() in ("difference", "absent")]


def test_difference_charts_by_hand() -> None:
    """Issue 15.4. The tiny pair (figures by hand in test_compare.test_differences_worked_out_by_hand): against
    "Lille", "Uden fys" has the same establishment (±0), annual cost +3.000 kr. (a bar of 0,003 mio.), tenant a
    pays 72.000 − 55.600 = 16.400 kr. a year more = 1.366,67 kr. a month; tenant b is absent there."""
    from planners.exports import charts
    from planners.figures.compare import compare
    from tests.planners.test_compare import tiny_pair

    c = compare(tiny_pair())
    fig = charts.compare_key_figure_differences(c)
    ax = next(a for a in fig.axes if a.get_gid() == "compare_key_figure_differences")
    (bars,) = [b for b in ax.containers if b.get_label() == "Uden fys"]
    widths = [round(p.get_width(), 9) for p in bars]
    # establishment, eligible, grant, financing, annual cost (mio. kr.)
    assert widths[0] == 0 and widths[4] == 0.003
    texts = _difference_texts(fig, "compare_key_figure_differences")
    assert texts[0] == "±0" and texts[4] == "+3.000 kr."
    fig = charts.compare_tenant_differences(c)
    ax = next(a for a in fig.axes if a.get_gid() == "compare_tenant_differences")
    (bars,) = [b for b in ax.containers if b.get_label() == "Uden fys"]
    assert round(bars[0].get_width(), 6) == round(16400 / 12, 6)
    assert bars[1].get_width() != bars[1].get_width()  # NaN: absent, no bar
    assert _difference_texts(fig, "compare_tenant_differences") == ["+1.367 kr. pr. md.", "findes ikke i «Uden fys»"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Lægerne", "Fysioterapeuten"]


def test_a_difference_of_millions_reads_in_millions() -> None:
    from planners.exports.charts import _mio_change

    assert _mio_change(D(2_500_000), "da") == "+2,50 mio. kr."
    assert _mio_change(D(-55_543_000), "da") == "−55,54 mio. kr."
    assert _mio_change(D(-999_999), "da") == "−999.999 kr."
    assert _mio_change(D(1_250_000), "en") == "+1.25 DKK m"


def test_the_tenant_difference_chart_shows_the_tenants_that_change_most() -> None:
    from planners.exports import charts
    from planners.figures.compare import compare
    from tests.planners.test_compare import three_scenario_plan

    c = compare(three_scenario_plan())
    fig = charts.compare_tenant_differences(c, limit=2)
    ax = next(a for a in fig.axes if a.get_gid() == "compare_tenant_differences")
    shown = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    # the two tenants with the largest change in any scenario, found from the comparison's own differences
    ranked = sorted(c.tenant_rows, key=lambda r: max((abs(d) for d in r.differences if d is not None),
                                                      default=D(0)), reverse=True)
    assert shown == [r.label() for r in c.tenant_rows if r in ranked[:2]]
    assert "de 2 af 6 lejere" in next(t.get_text() for t in ax.texts if "lejere" in t.get_text())
