"""The official reading: what the document prints, kept beside the editable content.

The importer writes it to `content/<year>/official/` and nothing else does.
The reconciliation reads only it, so nothing staff edit can appear as the
document's own contradiction; the build compares the editable content with
it, so every change of a figure or a Turkish text is a recorded correction.
"""
from __future__ import annotations

OFFICIAL = "official"  # the folder, under a programme year's folder
DUTIES = "duties.yaml"  # the units' duties the document states, in a year's folder and in its reading
ORGANISATION_PAGE = "organisation"  # the general page of the document's organisation section
HEADER = ("# The official reading of the {year} performance programme, as the document prints it.\n"
          "# Written by tools/import_seed.py; do not edit. To change a figure or a Turkish text, edit\n"
          "# the content beside this folder and record a correction there (README: Corrections).\n")
