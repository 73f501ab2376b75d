"""The PDF documents of a plan, typeset with ReportLab's platypus (`flow`, issue 16.5): the report of a scenario and
the comparison of scenarios (`document`), the one-page handout of a scenario (`handout`) and the offer letter to a
tenant (`offer`, issue 15.7). ReportLab and matplotlib are imported only when a document is made.
"""
