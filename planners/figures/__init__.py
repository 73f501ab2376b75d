"""The figures of a plan, computed exactly (DESIGN §4): space and allocation keys (`space`), the
establishment budget (`establishment`), financing, annual costs and rent (`rent`), the whole engine (`engine`),
capacity planning (`capacity`), the key figures as the command line shows them (`summary`), scenarios side by
side (`compare`), the findings of a plan whose figures are not computed yet (`checked`) and every scenario's
figures kept between edits, computed again only where an edit touched them (`incremental`).

May import: `planners.model`, `planners.reference` and `planners.checks` (summary, comparison and `checked`
add the findings to the figures); never the store, the interchange formats or the exports, which import the
figures (the `layers` contract in pyproject.toml).
"""
