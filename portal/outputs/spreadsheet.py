"""The programme as one spreadsheet (.xlsx) that no locale can change.

A CSV opened in a spreadsheet set to Turkish turns codes such as `1.1` into
dates and keeps amounts as text; here every code and name is stored as
text and every amount as a number with two decimals, so what a reader sees
is what the document prints.  The sheets hold the same rows, with the same
columns, as the CSV files (portal/outputs/open_data.py and the data
package's schemas); each has a Turkish and an English header row.  The
file is the same bytes for the same content: its date is the programme's.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone
from decimal import Decimal

from portal.i18n import both
from portal.labels import ECON_NAMES, OFF_BUDGET_NAMES
from portal.model import ECON_CODES, OFF_BUDGET_SOURCES, Program, Site
from portal.outputs.datapackage import (
    activities_schema, corrections_schema, discrepancies_schema, goals_schema, indicators_schema,
)
from portal.outputs.open_data import activity_rows, correction_rows, discrepancy_rows, goal_rows, indicator_rows
from portal.reconcile import Discrepancy

# Each column's header in Turkish, and in English where the column's name does not say it.
HEADERS = {
    "year": ("Yıl", "Year"), "aim": ("Stratejik amaç", "Strategic aim"), "goal": ("Performans hedefi", "Goal"),
    "activity": ("Faaliyet", "Activity"), "document_code": ("Belgedeki kod", "Code as printed"),
    "unit": ("Birim kodu", "Unit id"), "unit_name_tr": ("Sorumlu birim", "Unit (Turkish)"),
    "unit_name_en": ("Sorumlu birim (İngilizce)", "Unit"), "name_tr": ("Ad", "Name (Turkish)"),
    "name_en": ("Ad (İngilizce)", "Name"), "text_tr": ("Hedef", "Goal text (Turkish)"),
    "text_en": ("Hedef (İngilizce)", "Goal text"), "activities": ("Faaliyet sayısı", "Activities"),
    "budget": ("Bütçe", "Budget"), "off_budget": ("Bütçe dışı", "Off-budget"), "total": ("Toplam", "Total"),
    "printed_budget": ("Belgede basılı bütçe", "Budget as printed"),
    "printed_total": ("Belgede basılı toplam", "Total as printed"),
    "indicator": ("Gösterge", "Indicator"), "printed_code": ("Basılı kod", "Code as printed (sometimes misprinted)"),
    "measure_tr": ("Ölçü birimi", "Unit of measure (Turkish)"), "measure_en": ("Ölçü birimi (İngilizce)", "Unit of measure"),
    "kind": ("Tür", "Kind"), "subject": ("Yer", "Where"), "field": ("Alan", "Field"),
    "id": ("Kimlik (veri notları sayfasındaki çapa)", "Id (anchor on the data-notes page)"),
    "category": ("Çeşit", "Category"), "places": ("Görüldüğü yer sayısı", "Places"),
    "shown_in": ("Görüldüğü yerler", "Shown in"),
    "page": ("Genel bilgi sayfası", "General page"), "stated": ("Belgede basılı", "Printed"),
    "computed": ("Hesaplanan / diğer yerde", "Computed / elsewhere"), "difference": ("Fark", "Difference"),
    "source": ("Kaynak (dosya:satır)", "Source (file:line)"), "item": ("Kalem", "Item"), "code": ("Kod", "Code"),
    "field_tr": ("Alanın adı", "Field name (Turkish)"), "field_en": ("Alanın adı (İngilizce)", "Field name"),
    "official": ("Resmî belgede", "In the official document"), "corrected": ("Düzeltilmiş", "Corrected"),
    "date": ("Tarih", "Date"), "reason_tr": ("Gerekçe", "Reason (Turkish)"), "reason_en": ("Gerekçe (İngilizce)", "Reason"),
    "authority_tr": ("Dayanak", "Authority (Turkish)"), "authority_en": ("Dayanak (İngilizce)", "Authority"),
}


def _economic_headers() -> dict[str, tuple[str, str]]:
    econ = {c: both(ECON_NAMES[c]) for c in ECON_CODES}
    sources = {s: both(OFF_BUDGET_NAMES[s]) for s in OFF_BUDGET_SOURCES}
    return {**{f"econ_{c}": (f"{c} – {econ[c].tr}", f"{c} – {econ[c].en}") for c in ECON_CODES},
            **{f"off_budget_{s}": (f"Bütçe dışı: {sources[s].tr}", f"Off-budget: {sources[s].en}")
               for s in OFF_BUDGET_SOURCES}}


def header(name: str) -> tuple[str, str]:
    """(Turkish, English) header of a column; an indicator's value columns by their year."""
    if name.startswith("value_"):
        return f"{name[6:]} değeri", f"Value {name[6:]}"
    return HEADERS.get(name) or _economic_headers()[name]


def workbook(site: Site, program: Program, discrepancies: tuple[Discrepancy, ...]) -> bytes:
    """activities, goals, indicators, discrepancies and corrections of one programme, a sheet each.
    XlsxWriter is imported here: of a build's processes, only the one that writes the workbook needs it."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": f"{site.municipality.tr} – {program.title.tr}",
                         "created": datetime(program.year, 1, 1, tzinfo=timezone.utc)})
    bold = book.add_format({"bold": True, "text_wrap": True, "valign": "top"})
    money = book.add_format({"num_format": "#,##0.00"})
    for name, schema, rows in (
            ("Faaliyetler Activities", activities_schema(), activity_rows(site, program)),
            ("Hedefler Goals", goals_schema(), goal_rows(site, program)),
            ("Göstergeler Indicators", indicators_schema(program.indicator_years), indicator_rows(program)),
            ("Tutarsızlıklar Discrepancies", discrepancies_schema(), discrepancy_rows(program, discrepancies)),
            ("Düzeltmeler Corrections", corrections_schema(), correction_rows(program))):
        sheet = book.add_worksheet(name)
        fields = schema["fields"]
        for col, field in enumerate(fields):
            turkish, english = header(field["name"])
            sheet.write_string(0, col, turkish, bold)
            sheet.write_string(1, col, english, bold)
            sheet.set_column(col, col, 16 if field["type"] == "number" else 12)
        for r, row in enumerate(rows, 2):
            for col, (field, value) in enumerate(zip(fields, row)):
                if value in ("", None):
                    continue
                if field["type"] not in ("number", "integer"):  # codes too: "1.10" stays 1.10, never a date
                    sheet.write_string(r, col, str(value))
                elif isinstance(value, Decimal):
                    sheet.write_number(r, col, value, money)  # written as its decimal text: exact
                else:
                    sheet.write_number(r, col, value)
        sheet.freeze_panes(2, 0)
        sheet.autofilter(1, 0, max(1, len(rows) + 1), len(fields) - 1)
    book.close()
    return buffer.getvalue()
