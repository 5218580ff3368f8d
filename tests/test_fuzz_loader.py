"""Whatever a content file holds, loading ends in a model or in one-line
problems naming the file and line: never a traceback, never a hang."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.errors import ContentError
from portal.load import LoadCache, load
from tests.conftest import CONTENT

GOAL = "2024/goals/1.5.yaml"
PROBLEM = re.compile(r"^\S+:\d+: \S.*$")

scalars = st.one_of(
    st.text(max_size=30), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True), st.booleans(), st.none(),
    st.sampled_from(["1.571.500,00", "-1,00", "9" * 400, "1e400", "İı\u0307\u202e", "\x00", "~", "0,001"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=20)


@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    """One copy of the content; each example rewrites the same goal file."""
    target = tmp_path_factory.mktemp("fuzz") / "content"
    shutil.copytree(CONTENT, target)
    return target


# what the preview keeps between saves: only the rewritten goal file is read again, as after a save
CACHE = LoadCache()


def assert_model_or_problems(content: Path) -> None:
    try:
        load(content, CACHE)
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert "\n" not in problem and PROBLEM.match(problem), problem


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.text(max_size=400))
def test_random_text_as_a_goal_file(content, raw):
    (content / GOAL).write_text(raw, encoding="utf-8")
    assert_model_or_problems(content)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.lists(st.sampled_from(["activities", 0, 1, "budget", "1", "name", "tr", "en", "code", "unit",
                                      "indicators", "values", "goal_table", "rows", "total"]),
                     min_size=1, max_size=5),
       value=values)
def test_wrong_values_in_a_real_goal_file(content, path, value):
    data = yaml.safe_load((CONTENT / GOAL).read_text(encoding="utf-8"))
    node = data
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
    try:
        node[path[-1]] = value
    except (TypeError, IndexError):
        data = value
    (content / GOAL).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert_model_or_problems(content)


def test_deep_nesting_and_alias_bombs_are_refused(content):
    (content / GOAL).write_text("a: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    assert_model_or_problems(content)
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
        f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(9))
    (content / GOAL).write_text(bomb, encoding="utf-8")
    assert_model_or_problems(content)
