"""The PDF report of a scenario and the comparison of scenarios (`document`).
"""
