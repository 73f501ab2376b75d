"""The Excel application annex (DESIGN §7): the workbook (`workbook`), where everything sits (`layout`),
one function per sheet (`sheets`) and the look and print set-up (`style`).
"""
