"""Benchmarks not written yet: each keeps its place (and its target) in results.md until someone adds it.

To add one, write `def run(ctx: Context) -> Section` in its own module
under bench/ and put it in BENCHMARKS in bench/run.py in place of the
placeholder below.
"""
from __future__ import annotations

from common import Context, Section


def placeholder(name: str, title: str, what: str, target: str):
    def run(ctx: Context) -> Section:
        return Section(title, f"*Not measured yet.* To measure: {what}",
                       headline=[(title.lower(), "not measured yet", target)] if target else [])
    run.__name__ = name
    return run


incremental = placeholder(
    "incremental",
    "Incremental rebuild",
    "one goal file edited → time until its pages are rewritten; one template edited → time until every "
    "page using it is rewritten (with the preview server's rebuild path).",
    "≤ 100 ms (one file)")

search_payload = placeholder(
    "search_payload",
    "Search payload",
    "bytes (raw and gzip) the search page fetches before its first result: page, CSS, JS and index.",
    "")
