"""A value's place in a content file, named as staff know it, in Turkish and English.

`activities[2].budget.6` is how the loader walks a goal file; staff know it
as "the 2nd activity (1.1.2 Belediyeye Ait …), 6 – Personnel expenses
amount".  The preview's error page and the build's log say it that way, in
the page's language, beside the file and line.
"""
from __future__ import annotations

import yaml

from portal.i18n import both
from portal.labels import ECON_NAMES, OFF_BUDGET_NAMES, _
from portal.model import Text

# list items: the key of the list -> how one item is named (its number, code and name follow)
ITEMS = {"activities": _("activity {number}"), "indicators": _("indicator {number}"),
         "values": _("value {number}"), "corrections": _("correction note {number}"), "rows": _("row {number}"),
         "aims": _("aim {number}")}
FIELDS = {"name": _("name"), "text": _("wording"), "unit": _("responsible unit"), "measure": _("unit of measure"),
          "title": _("title"), "mission": _("mission"), "vision": _("vision"), "code": _("code"),
          "description": _("description"), "field": _("corrected field"), "reason": _("reason"),
          "authority": _("authority"), "date": _("date"), "budget": _("budget"), "off_budget": _("off-budget"),
          "year": _("year"), "number": _("number"), "tr": _("Turkish"), "en": _("English"),
          "duties": _("duties"), "page": _("general page"), "heading": _("heading")}


def _scalar(mapping: yaml.Node, key: str) -> str:
    """A mapping's scalar value under key, or ''; a bilingual one by its Turkish."""
    if not isinstance(mapping, yaml.MappingNode):
        return ""
    for k, v in mapping.value:
        if getattr(k, "value", None) == key:
            if isinstance(v, yaml.ScalarNode):
                return v.value
            return _scalar(v, "tr")
    return ""


def field_label(field: str) -> Text:
    """A field of an item, named by its keys ('budget.6', 'name'), as staff and readers know
    it: '6 – Capital expenditure amount', 'name'."""
    head, _dot, rest = field.partition(".")
    if head == "budget" and rest.isdigit() and int(rest) in ECON_NAMES:
        return both(_("{code} – {name} amount"), code=rest, name=both(ECON_NAMES[int(rest)]))
    if head == "off_budget" and rest in OFF_BUDGET_NAMES:
        return both(_("off-budget amount: {name}"), name=both(OFF_BUDGET_NAMES[rest]))
    if head == "values" and rest:
        return both(_("value for {year}"), year=rest) if len(rest) == 4 else both(_("value {number}"), number=rest)
    return both(FIELDS[head]) if head in FIELDS else Text(field, field)


def field_place(steps: list[tuple[str | int, yaml.Node]]) -> Text | None:
    """The place of the value at the end of steps ((key or 1-based position, value) from the
    root down), or None for the file as a whole."""
    parts: list[Text] = []
    previous: str | int = ""
    for step, node in steps:
        if isinstance(step, int):
            item = ITEMS.get(previous) if isinstance(previous, str) else None
            if item is None:
                parts.append(Text(f"{previous}[{step}]", f"{previous}[{step}]"))
            else:
                if parts and parts[-1].en == previous and previous not in FIELDS:
                    parts.pop()  # "activities" then "activity 2": the list's name says nothing more
                label = both(item, number=step)
                code, name = _scalar(node, "code") or _scalar(node, "number"), _scalar(node, "name")
                if code or name:
                    label = Text(f"{label.tr} ({' '.join(filter(None, (code, name)))})",
                                 f"{label.en} ({' '.join(filter(None, (code, name)))})")
                parts.append(label)
        elif (previous == "budget" and step.isdigit() and int(step) in ECON_NAMES
              or previous == "off_budget" and step in OFF_BUDGET_NAMES
              or previous == "values" and len(step) == 4 and step.isdigit()):
            parts[-1] = field_label(f"{previous}.{step}")
        elif step:
            parts.append(both(FIELDS[step]) if step in FIELDS else Text(step, step))
        previous = step
    if not parts:
        return None
    return Text(", ".join(p.tr for p in parts), ", ".join(p.en for p in parts))
