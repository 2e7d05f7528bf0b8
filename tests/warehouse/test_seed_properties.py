"""Every seed column has an explicit type and a description (seeds/_*__seeds.yml): a column ingest adds without
them fails here, before dbt would infer a type (and drop the leading zero of a code such as item_code '02')."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SEED_FILES = sorted((ROOT / "seeds").glob("*/*.csv"))


def seed_properties() -> dict[str, dict]:
    found = {}
    for path in sorted((ROOT / "seeds").glob("_*__seeds.yml")):
        for seed in yaml.safe_load(path.read_text(encoding="utf-8"))["seeds"]:
            found[seed["name"]] = seed
    return found


@pytest.mark.parametrize("csv_path", SEED_FILES, ids=lambda p: p.stem)
def test_every_seed_column_is_typed_and_described(csv_path):
    with csv_path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    seed = seed_properties()[csv_path.stem]
    assert seed.get("description")
    assert set(seed["config"]["column_types"]) == set(header)
    described = {c["name"]: c.get("description") for c in seed["columns"]}
    assert set(described) == set(header) and all(described.values())


def test_codes_and_ids_are_text():
    types = {name: seed["config"]["column_types"] for name, seed in seed_properties().items()}
    for column in ("class_code", "kind_code", "item_code"):
        assert types["line_items"][column] == "varchar"
    assert all(t.startswith("decimal(18,2)") for c, t in types["projects"].items() if c.endswith("_yuan"))
