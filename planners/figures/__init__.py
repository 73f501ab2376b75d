"""The figures of a plan, computed exactly (DESIGN §4): space and allocation keys (`space`), the
establishment budget (`establishment`), financing, annual costs and rent (`rent`), the whole engine (`engine`),
capacity planning (`capacity`), the key figures as the command line shows them (`summary`) and scenarios side by
side (`compare`).

May import: `planners.model`, `planners.reference` and `planners.checks` (summary and comparison count findings);
never the store, the interchange formats or the exports.
"""
