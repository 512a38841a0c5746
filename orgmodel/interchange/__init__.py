"""Org files to and from other programs: import from HR exports, export as JSON or CSV.

``table`` reads a CSV or Excel file into rows; ``columns`` recognises what
each column holds; ``placement`` finds each row's manager; ``csv_import``
writes the org file; ``export`` turns a checked org into JSON or CSV.
"""
