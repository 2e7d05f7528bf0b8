"""The facts the gate recomputes on its own, checked on the contract's worked examples."""

from __future__ import annotations

import pandas as pd
import pytest

from budgetwh.quality.derived import _grade_order_violations, line_count, statement_agrees


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
