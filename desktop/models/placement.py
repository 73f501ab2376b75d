"""How a room, equipment line or service is placed (one tenant, vacant, shared by a key) — shown and set.

The placement editor offers one choice a tenant, "Ledig" (rooms only) and one a key; the value it gives is
a tuple: ("tenant", id), ("vacant",) or ("shared", key). Custom shares are edited in the shares dialog.
"""

from __future__ import annotations

from desktop.i18n import KEYS, lang, t
from desktop.numbers import show_decimal
from planners.figures.editing import shares_total
from planners.model import Allocation, AllocationKey, Scenario
from planners.model.glossary import shared_text


def tenant_label(scenario: Scenario, tenant_id: str) -> str:
    tenant = scenario.tenant(tenant_id)
    return tenant.name if tenant else tenant_id


def placement_value(line: object) -> tuple:
    tenant = getattr(line, "tenant", None)
    shared = getattr(line, "shared", None)
    if tenant is not None:
        return ("tenant", tenant)
    if shared is not None:
        return ("shared", shared.key)
    return ("vacant",)


def placement_text(scenario: Scenario, line: object) -> str:
    value = placement_value(line)
    if value[0] == "tenant":
        return tenant_label(scenario, value[1])
    if value[0] == "shared":
        return shared_text(value[1], lang())
    return t("Ledig (udlejes senere)")


def placement_choices(scenario: Scenario, vacant: bool, tenants: bool = True) -> list[tuple[object, str]]:
    out: list[tuple[object, str]] = []
    if tenants:
        out += [(("tenant", x.id), x.name) for x in scenario.tenants]
    if vacant:
        out.append((("vacant",), t("Ledig (udlejes senere)")))
    out += [(("shared", key), shared_text(key, lang())) for key in KEYS]
    return out


def placement_values(line: object, value: object, vacant_field: bool) -> dict[str, object]:
    """The fields to set for the chosen placement (a custom key keeps the shares the line already has)."""
    assert isinstance(value, tuple)
    old = getattr(line, "shared", None)
    out: dict[str, object] = {"tenant": None, "shared": None}
    if vacant_field:
        out["vacant"] = False
    if value[0] == "tenant":
        out["tenant"] = value[1]
    elif value[0] == "vacant":
        out["vacant"] = True
    else:
        key = AllocationKey(value[1])
        shares = dict(old.shares) if old is not None and key is AllocationKey.CUSTOM else {}
        out["shared"] = Allocation(key, shares)
    return out


def shares_text(scenario: Scenario, shared: Allocation | None) -> str:
    if shared is None or shared.key is not AllocationKey.CUSTOM:
        return ""
    parts = [f"{tenant_label(scenario, tid)} {show_decimal(p)} %" for tid, p in shared.shares.items()]
    total = shares_total(shared.shares.values())
    text = ", ".join(parts) or t("ingen andele")
    if total != 100:
        text += t(" (i alt {sum} %)").format(sum=show_decimal(total))
    return text
