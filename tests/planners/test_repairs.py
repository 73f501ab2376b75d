"""Repairs the app offers (issue 14 point 4): findings for a GP practice with no doctors or an implausible count
of listed patients per doctor; rescaling agreed shares to 100 %."""

from __future__ import annotations

from decimal import Decimal

from planners import guide
from planners.figures.checked import run_checks
from planners.model import Tenant, TenantKind


def _plan_with(tenant: Tenant):  # noqa: ANN202
    plan = guide.empty_plan("Prøve", 2027)
    plan.scenarios[0].tenants = [tenant]
    return plan


def _codes(plan) -> list[str]:  # noqa: ANN001
    return [f.code for f in run_checks(plan)]


def test_a_gp_practice_with_no_doctors_is_a_finding() -> None:
    plan = _plan_with(Tenant("a", "Lægerne", TenantKind.GP_PRACTICE, clinicians=Decimal(0), listed_patients=3000))
    findings = [f for f in run_checks(plan) if f.code == "gp_practice_no_doctors"]
    assert len(findings) == 1
    assert "Lægerne" in findings[0].message_da and "0 læger" in findings[0].message_da
    assert findings[0].ref.field == "clinicians" and findings[0].ref.index == 0


def test_listed_patients_per_doctor_outside_the_band_is_a_finding() -> None:
    # The bundled norm is 1.600 per GP: the band is 800–2.400 (½ to 1½ times).
    def per_doctor(patients: int, doctors: int) -> list[str]:
        return _codes(_plan_with(Tenant("a", "L", TenantKind.GP_PRACTICE, clinicians=Decimal(doctors),
                                        listed_patients=patients)))  # fmt: skip

    assert "gp_patients_per_doctor_implausible" in per_doctor(48_000, 3)  # 16.000 a doctor: a typo
    assert "gp_patients_per_doctor_implausible" in per_doctor(2_397, 3)  # 799
    assert "gp_patients_per_doctor_implausible" not in per_doctor(2_400, 3)  # 800, the edge
    assert "gp_patients_per_doctor_implausible" not in per_doctor(7_200, 3)  # 2.400, the other edge
    assert "gp_patients_per_doctor_implausible" in per_doctor(7_203, 3)  # 2.401
    assert "gp_patients_per_doctor_implausible" not in per_doctor(0, 3)  # not known: nothing to check
    # Another kind of tenant is not a GP practice.
    other = _plan_with(Tenant("f", "Fys", TenantKind.PHYSIOTHERAPIST, clinicians=Decimal(0)))
    assert "gp_practice_no_doctors" not in _codes(other)


def test_shares_are_rescaled_to_exactly_100_after_a_tenant_left() -> None:
    from planners.figures.repairs import rescaled_shares
    from planners.model import Allocation, AllocationKey, RoomLine, RoomType, Service

    plan = guide.empty_plan("Prøve", 2027)
    sc = plan.scenarios[0]
    sc.tenants = [Tenant("a", "A", TenantKind.GP_PRACTICE, clinicians=Decimal(2)),
                  Tenant("b", "B", TenantKind.MIDWIFE, clinicians=Decimal(1))]  # fmt: skip
    # "c" left: a room shared 30/45/25 now sums to 75 over a and b; a service 50/50 already sums to 100.
    sc.rooms = [RoomLine(RoomType.WAITING, Decimal(40), label="Venteværelse",
                         shared=Allocation(AllocationKey.CUSTOM, {"a": Decimal(30), "b": Decimal(45), "c": Decimal(25)}))]  # fmt: skip
    sc.running.services = [Service("Reception", Decimal(1000), Allocation(AllocationKey.CUSTOM,
                                                                           {"a": Decimal(50), "b": Decimal(50)}))]  # fmt: skip
    fixes = rescaled_shares(sc)
    assert [(f.kind, f.index, f.name, f.before) for f in fixes] == [("room", 0, "Venteværelse", Decimal(75))]
    # By hand: 30/75 = 40 %, 45/75 = 60 %; the tenant who left is no longer named.
    assert fixes[0].shared.shares == {"a": Decimal("40.00"), "b": Decimal(60)}
    # A third that does not terminate: 10/30 → 33,33 and 20/30 → 66,67 (the last takes the rest): exactly 100.
    sc.rooms[0].shared = Allocation(AllocationKey.CUSTOM, {"a": Decimal(10), "b": Decimal(20)})
    shares = rescaled_shares(sc)[0].shared.shares
    assert shares == {"a": Decimal("33.33"), "b": Decimal("66.67")} and sum(shares.values()) == 100


def test_the_balance_line_is_the_first_loan_else_own_money() -> None:
    from planners.figures.repairs import balance_line
    from planners.model import FinancingLine, FinancingSource

    sc = guide.empty_plan("Prøve", 2027).scenarios[0]
    assert balance_line(sc) is None
    sc.financing = [FinancingLine(FinancingSource.GRANT, Decimal(5)), FinancingLine(FinancingSource.OWN_PRACTICE, Decimal(1))]
    assert balance_line(sc) == 1
    sc.financing.append(FinancingLine(FinancingSource.LOAN, Decimal(1), interest_pct=Decimal(3), years=20))
    assert balance_line(sc) == 2
