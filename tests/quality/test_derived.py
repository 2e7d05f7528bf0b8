"""The facts the gate recomputes on its own, checked on the contract's worked examples."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from budgetwh.quality.derived import _grade_order_violations, direction_agrees, statement_agrees
from budgetwh.quality.rawdocs import line_count


@pytest.mark.parametrize(
    ("amount", "prior", "stated", "direction", "agrees"),
    [
        (111.16, 90.67, 22.00, "increase", False),  # 22.60 % computed: +22 % does not agree (marts.md)
        (0.26, 4.12, -94.00, "decrease", True),  # −93.69 % rounds half-up to 94: 减少94% agrees (marts.md)
        (0.26, 4.12, -94.00, "increase", False),  # right size, wrong direction
        (122.60, 100.00, 22.6, "increase", True),  # one decimal stated, one decimal compared
        (122.65, 100.00, 22.7, "increase", True),  # half-up, not banker's rounding
        (100.00, 100.00, 0.0, "flat", True),
        (100.00, None, 5.0, "increase", None),  # no prior amount: nothing to judge
        (100.00, 0.0, 5.0, "increase", None),
    ],
)
def test_statement_agreement_follows_the_contract_rule(amount, prior, stated, direction, agrees):
    assert statement_agrees(amount, prior, stated, direction) is agrees


@pytest.mark.parametrize(
    ("amount", "prior", "direction", "agrees"),
    [
        (100.40, 100.00, "flat", True),  # +0.40 % rounds to 0 %: 持平 at whole-percent precision
        (99.60, 100.00, "flat", True),
        (100.50, 100.00, "flat", False),  # +0.50 % rounds half-up to 1 %
        (100.40, 100.00, "increase", True),  # a stated rise needs only the sign
        (100.00, 100.00, "increase", False),
        (99.99, 100.00, "decrease", True),
        (0.0, 0.0, "flat", True),  # nothing from nothing
        (5.0, 0.0, "flat", False),
        (5.0, None, "flat", None),  # no prior amount: nothing to judge
        (5.0, 4.0, None, None),
    ],
)
def test_direction_agreement_reads_flat_as_zero_percent(amount, prior, direction, agrees):
    assert direction_agrees(amount, prior, direction) is agrees


@pytest.mark.parametrize(("text", "lines"), [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\n\nb\n", 3)])
def test_line_count_counts_a_last_line_without_newline(text, lines):
    assert line_count(text) == lines


def test_a_better_published_grade_with_a_lower_score_is_an_order_violation():
    frame = pd.DataFrame(
        {
            "document_id": ["d", "d", "d", "e"],
            "grade_scheme": ["published_unstated"] * 4,
            "grade": ["优", "良", "优", "差"],
            "score": [91.0, 95.0, 97.0, 99.0],
        }
    )
    assert _grade_order_violations(frame).tolist() == [1.0, 0.0, 0.0, 0.0]


def test_grade_order_violations_count_every_worse_grade_with_a_higher_score():
    """Against the pairwise definition, on documents of several sizes, other schemes and unknown grades."""
    rng = np.random.default_rng(7)
    n = 3000
    frame = pd.DataFrame(
        {
            "document_id": rng.choice([f"d{i}" for i in range(40)] + [None], n),
            "grade_scheme": rng.choice(["published_unstated", "published_unstated", "target_quality_v1"], n),
            "grade": rng.choice(["优", "良", "中", "合格", "差", "不合格", "A", None], n),
            "score": np.where(rng.random(n) < 0.05, np.nan, rng.integers(50, 100, n).astype(float)),
        }
    )
    rank = {g: i for i, g in enumerate(["优", "良", "中", "合格", "差", "不合格"])}
    expected = []
    for row in frame.itertuples():
        in_scope = (
            row.grade_scheme == "published_unstated"
            and row.grade in rank
            and not np.isnan(row.score)
            and isinstance(row.document_id, str)  # a null id reads as NaN in a str column
        )
        if not in_scope:
            expected.append(np.nan)
            continue
        peers = frame[(frame.document_id == row.document_id) & (frame.grade_scheme == row.grade_scheme)]
        pairs = zip(peers.grade, peers.score, strict=True)
        expected.append(float(sum(rank.get(g, -1) > rank[row.grade] and s > row.score for g, s in pairs)))
    got = _grade_order_violations(frame)
    np.testing.assert_array_equal(got.to_numpy(), np.array(expected))
    assert np.nansum(got) > 0
