"""Read YAML as a tree of nodes that remember their file and line.

Values are taken from the node's source text, not from YAML's typing, so
`1.10` stays the code "1.10" and `1.571.500,00` is never a float.  Only the
safe composer is used: no tags, no Python objects.
"""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import yaml

from portal.amounts import AmountError, parse_amount
from portal.errors import Problems
from portal.fieldnames import field_place
from portal.i18n import both
from portal.labels import _
from portal.model import Origin, Text

NULL_TAG = "tag:yaml.org,2002:null"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


class _NodeLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Values are read from their source text, so the one type that matters is null
    (an empty value); YAML's other implicit types, a regex or more per value, are skipped."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return NULL_TAG if implicit[0] and value in _NULLS else self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


MAX_DEPTH = 50
MAX_NODES = 200_000  # aliases can make a small file expand enormously


class Invalid(Exception):
    """This value is unusable; the problem has already been recorded."""


class Node:
    __slots__ = ("node", "path", "problems", "_parent", "_step")

    def __init__(self, node: yaml.Node, path: str, problems: Problems, parent: "Node | None" = None,
                 step: str | int = ""):
        """step: the key (str) or 1-based list position (int) under parent; "" for a key node."""
        self.node, self.path, self.problems, self._parent, self._step = node, path, problems, parent, step

    @property
    def where(self) -> str:
        """The value's place in its file ("activities[2].cost"), worked out only when a
        problem is reported: a content tree has thousands of values."""
        base = self._parent.where if self._parent is not None else ""
        if isinstance(self._step, int):
            return f"{base}[{self._step}]"
        return f"{base}.{self._step}" if base and self._step else base or self._step

    @property
    def line(self) -> int:
        return self.node.start_mark.line + 1

    @property
    def origin(self) -> Origin:
        return Origin(self.path, self.line)

    def fail(self, message) -> Invalid:
        """Record a problem with this value; message: English, or a Text in both languages.
        The value is named as staff know it (fieldnames.py), in both languages."""
        place = field_place(self._steps())
        said = message if isinstance(message, Text) else Text(message, message)
        if place is None:
            self.problems.add(self.path, self.line, said)
        else:
            self.problems.add(self.path, self.line, Text(f"{place.tr}: {said.tr}", f"{place.en}: {said.en}"))
        return Invalid()

    def _steps(self) -> list[tuple[str | int, yaml.Node]]:
        """(key or 1-based position, the value there) from the file's root down to this value."""
        steps, node = [], self
        while node is not None and node._parent is not None:
            steps.append((node._step, node.node))
            node = node._parent
        return steps[::-1]

    def _child(self, node: yaml.Node, step: str | int) -> "Node":
        return Node(node, self.path, self.problems, self, step)

    # shapes ---------------------------------------------------------------
    def mapping(self, required: tuple[str, ...] = (), optional: tuple[str, ...] = ()) -> dict[str, "Node"]:
        if not isinstance(self.node, yaml.MappingNode):
            raise self.fail(both(_("expected a mapping of keys, found {found}"), found=_kind(self.node)))
        out: dict[str, Node] = {}
        for key_node, value_node in self.node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None:
                self._child(key_node, "").fail(both(_("keys must be plain text")))
                continue
            if key in out:
                self._child(key_node, "").fail(both(_("key '{key}' is given twice"), key=key))
                continue
            out[key] = self._child(value_node, key)
        allowed = set(required) | set(optional)
        if allowed:
            for key, child in out.items():
                if key not in allowed:
                    self._child(next(k for k, _ in self.node.value if getattr(k, "value", None) == key),
                                "").fail(
                        both(_("unknown key '{key}' (expected one of: {keys})"), key=key, keys=", ".join(sorted(allowed))))
        missing = [k for k in required if k not in out]
        if missing:
            keys = ", ".join(repr(k) for k in missing)
            raise self.fail(both(_("missing required key {keys}"), keys=keys) if len(missing) == 1
                            else both(_("missing required keys {keys}"), keys=keys))
        return out

    def sequence(self) -> list["Node"]:
        if not isinstance(self.node, yaml.SequenceNode):
            raise self.fail(both(_("expected a list, found {found}"), found=_kind(self.node)))
        return [self._child(n, i) for i, n in enumerate(self.node.value, 1)]

    def text(self, allow_empty: bool = False) -> str:
        if not isinstance(self.node, yaml.ScalarNode):
            raise self.fail(both(_("expected text, found {found}"), found=_kind(self.node)))
        value = self.node.value
        if self.node.tag == NULL_TAG and not self.node.style:
            value = ""
        value = value.strip()
        if not value and not allow_empty:
            raise self.fail(both(_("must not be empty")))
        return value

    def integer(self) -> int:
        value = self.text()
        if not re.fullmatch(r"[0-9]{1,6}", value):
            raise self.fail(both(_("expected a whole number, found {value}"), value=repr(value)))
        return int(value)

    def amount(self) -> Decimal:
        value = self.text()
        try:
            return parse_amount(value)
        except AmountError as exc:
            if exc.negative:
                raise self.fail(both(_("the amount {value} is negative; amounts cannot be below zero"),
                                     value=repr(value))) from None
            raise self.fail(both(_("{value} is not an amount written like 1.571.500,00"), value=repr(value))) from None

    def bilingual(self, allow_empty_tr: bool = False) -> Text:
        """{tr: ..., en: ...}: both keys present, Turkish required, English may wait."""
        m = self.mapping(required=("tr", "en"), optional=("en_of",))
        tr = _try(lambda: m["tr"].text(allow_empty=allow_empty_tr), "")
        en = _try(lambda: m["en"].text(allow_empty=True), "")
        en_of = _try(lambda: m["en_of"].text(allow_empty=True), "") if "en_of" in m else ""
        return Text(tr, en, en_of)


def _try(fn, default):
    try:
        return fn()
    except Invalid:
        return default


def _kind(node: yaml.Node) -> Text:
    if isinstance(node, yaml.MappingNode):
        return both(_("a mapping"))
    if isinstance(node, yaml.SequenceNode):
        return both(_("a list"))
    return Text(repr(node.value)) if node.value else both(_("nothing"))


def _size_ok(node: yaml.Node) -> bool:
    """Within MAX_DEPTH and MAX_NODES, counting a node each time an alias repeats it."""
    stack, seen = [(node, 0)], 1
    while stack:
        n, depth = stack.pop()
        if isinstance(n, yaml.ScalarNode):
            continue
        children = [x for pair in n.value for x in pair] if isinstance(n, yaml.MappingNode) else n.value
        seen += len(children)
        if (children and depth + 1 > MAX_DEPTH) or seen > MAX_NODES:
            return False
        stack.extend((c, depth + 1) for c in children if not isinstance(c, yaml.ScalarNode))
    return True


def unreadable(exc: OSError) -> Text:
    """The system's reason (in English) why a file cannot be read, in a message in both languages."""
    return both(_("cannot be read: {reason}"), reason=exc.strerror or exc)


def read_text(path: Path, display: str, problems: Problems, encoding: str = "utf-8") -> str | None:
    """A content file's text, or None with the problem recorded: YAML and page files alike."""
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        problems.add(display, 1, both(_("not UTF-8 text ({reason})"), reason=exc.reason))
    except OSError as exc:
        problems.add(display, 1, unreadable(exc))
    return None


def _syntax_error(exc: yaml.MarkedYAMLError, line: int) -> Text:
    """PyYAML's own words (English) for what is wrong, and where it began when elsewhere."""
    detail = exc.problem or exc.context
    if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
        return both(_("YAML syntax error: {detail} ({context} at line {line})"), detail=detail,
                    context=exc.context, line=exc.context_mark.line + 1)
    return both(_("YAML syntax error: {detail}"), detail=detail)


def read(path: Path, display: str, problems: Problems, kept: dict | None = None) -> Node | None:
    """The root node of a YAML file, or None with the problem recorded."""
    source = read_text(path, display, problems)
    return None if source is None else parse(source, display, problems, kept)


def parse(source: str, display: str, problems: Problems, kept: dict | None = None) -> Node | None:
    """The root node of YAML text (a file's, or a page's front matter with its lines in
    their place), or None with the problem recorded.  `kept` (display -> the text and
    its tree) spares parsing a text again: the preview reads every file on every save."""
    if kept is not None and display in kept and kept[display][0] == source:
        return Node(kept[display][1], display, problems)
    try:
        docs = list(yaml.compose_all(source, Loader=_NodeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problems.add(display, line, _syntax_error(exc, line))
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        problems.add(display, 1, both(_("YAML error: {error}"), error=type(exc).__name__))
        return None
    if len(docs) != 1 or docs[0] is None:
        problems.add(display, 1, both(_("expected exactly one YAML document")) if docs else both(_("file is empty")))
        return None
    if not _size_ok(docs[0]):
        problems.add(display, 1, both(_("nested deeper than {depth} levels or larger than {size} values"),
                                      depth=MAX_DEPTH, size=MAX_NODES))
        return None
    if kept is not None:
        kept[display] = (source, docs[0])
    return Node(docs[0], display, problems)
