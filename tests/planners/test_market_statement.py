"""The rent statement's two derived figures, computed in the core (the GUI only shows them), by hand."""

from decimal import Decimal

from planners.figures.market import area_tolerance, charged_against_market
from planners.model.yearly import TenantYear


def _year(charged: str, market: str | None) -> TenantYear:
    return TenantYear(tenant_id="a", present=True, lease_gross_m2=Decimal("200"), space_cost_rent=Decimal(charged),
                      equipment_share=Decimal(0), services_share=Decimal(0), cost_rent=Decimal(charged),
                      market_rent=None if market is None else Decimal(market), space_charged=Decimal(charged),
                      charged=Decimal(charged))


def test_charged_against_market_is_signed_and_exact() -> None:
    # 49.111,11 kr. charged against a market rent of 78.000 kr.: 28.888,89 kr. below market.
    assert charged_against_market(_year("49111.11", "78000")) == Decimal("-28888.89")
    assert charged_against_market(_year("80000.005", "78000")) == Decimal("2000.005")
    assert charged_against_market(_year("1000", None)) is None


def test_area_tolerance_of_the_saeby_clause() -> None:
    # ±15 % of 730 m² (Hirtshals' house): 620,5 to 839,5 m².
    assert area_tolerance(Decimal("730"), Decimal("15")) == (Decimal("620.5"), Decimal("839.5"))
    # ±2,5 % of 123,4 m²: 120,315 to 126,485 m², every digit kept.
    assert area_tolerance(Decimal("123.4"), Decimal("2.5")) == (Decimal("120.315"), Decimal("126.485"))
