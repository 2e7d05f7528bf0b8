"""Seed CSVs out, all-or-nothing: the five files are written to a sibling temporary directory and swapped in with
renames, so a failure at any point leaves the previous seeds exactly as they were. Unchanged content is not
rewritten at all, which keeps re-runs byte-identical and `make` timestamps quiet."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from budgetwh.ingest.text.records import SEEDS, columns, to_csv_value

# How a column's value becomes CSV text, by its declared type (the same text to_csv_value gives, without a call
# for the common cases); a value of another type than declared still goes through to_csv_value.
_TEXT_OF = {
    "str": "r.{0}",
    "str | None": "('' if r.{0} is None else r.{0})",
    "int": "(str(r.{0}) if type(r.{0}) is int else convert(r.{0}))",
    "int | None": "('' if r.{0} is None else str(r.{0}) if type(r.{0}) is int else convert(r.{0}))",
    "bool": "('true' if r.{0} is True else 'false' if r.{0} is False else convert(r.{0}))",
    "Decimal | None": "('' if r.{0} is None else format(r.{0}, '.2f') if type(r.{0}) is Decimal else convert(r.{0}))",
    "date | None": "('' if r.{0} is None else r.{0}.isoformat() if type(r.{0}) is date else convert(r.{0}))",
}
_OTHER = "('' if r.{0} is None else convert(r.{0}))"


@cache
def _text_fields(record_type: type) -> Callable[[object], tuple[str, ...]]:
    """A function from a record to its CSV fields as text, built once per seed from the declared column types: a
    ×1000 run renders over a million rows, and one generated expression per record spares a to_csv_value call per
    value. Every value gets the text to_csv_value gives it, except a text column holding something other than text
    or None: that fails loudly (join refuses it) rather than being written some other way."""
    parts = [_TEXT_OF.get(str(f.type), _OTHER).format(f.name) for f in fields(record_type)]
    names = {"convert": to_csv_value, "Decimal": Decimal, "date": date}
    return eval(f"lambda r: ({', '.join(parts)},)", names)  # noqa: S307 (our own field names)


def render_csv(record_type: type, records: Iterable[object]) -> bytes:
    return render_header(record_type) + render_rows(record_type, records)


def render_header(record_type: type) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(columns(record_type))
    return buffer.getvalue().encode("utf-8")


@cache
def _text_columns(record_type: type) -> tuple[int, ...]:
    """Positions of the text columns: the only ones whose values can hold a comma (numbers, dates and booleans are
    written without one). Numbers as printed (an X_raw column beside its typed X or X_yuan) come first: thousands
    separators put most commas there, and the search for a row's commas stops once it has found them all."""
    names = set(columns(record_type))

    def printed_number(name: str) -> bool:
        return name.endswith("_raw") and (name[:-4] in names or f"{name[:-4]}_yuan" in names)

    text = [(i, f.name) for i, f in enumerate(fields(record_type)) if str(f.type) in ("str", "str | None")]
    return tuple(i for i, name in sorted(text, key=lambda column: not printed_number(column[1])))


def render_rows(record_type: type, records: Iterable[object]) -> bytes:
    """The records' CSV lines without the header (each document renders its own rows, in parallel). A row with no
    delimiter, quote or line end inside a field is its fields joined by commas, exactly what csv writes for it; a
    row whose only such characters are commas in text fields (amounts printed with thousands separators) has those
    fields put in quotes, again exactly as csv does; any other row goes through csv itself."""
    text_fields = _text_fields(record_type)
    text_columns = _text_columns(record_type)
    commas = len(columns(record_type)) - 1
    lines: list[str] = []
    to_quote: dict[int, tuple[str, ...]] = {}  # line position → fields, for the rows csv must quote
    for record in records:
        values = text_fields(record)
        line = ",".join(values)
        extra = line.count(",") - commas
        if extra or '"' in line or "\n" in line or "\r" in line:
            quoted = None
            if extra and '"' not in line and "\n" not in line and "\r" not in line:
                quoted = _quote_commas(values, text_columns, extra)
            if quoted is None:
                to_quote[len(lines)] = values
            else:
                line = quoted
        lines.append(line)
    if to_quote:
        lines = _quote(lines, to_quote)
    if not lines:
        return b""
    lines.append("")
    return "\n".join(lines).encode("utf-8")


def _quote_commas(values: tuple[str, ...], text_columns: tuple[int, ...], extra: int) -> str | None:
    """The row with its comma-holding text fields quoted, or None when the `extra` commas are not all in them."""
    quoted = list(values)
    found = 0
    for i in text_columns:
        inside = quoted[i].count(",")
        if inside:
            quoted[i] = f'"{quoted[i]}"'
            found += inside
            if found == extra:
                return ",".join(quoted)
    return None


def _quote(lines: list[str], to_quote: dict[int, tuple[str, ...]]) -> list[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    # rows without a line end inside a field come out of csv one line each: write them in one call
    single_line = {i: v for i, v in to_quote.items() if "\n" not in lines[i] and "\r" not in lines[i]}
    writer.writerows(single_line.values())
    for i, quoted in zip(single_line, buffer.getvalue().split("\n")[:-1], strict=True):
        lines[i] = quoted
    for i in to_quote.keys() - single_line.keys():
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(to_quote[i])
        lines[i] = buffer.getvalue()[:-1]
    return lines


def _recover_interrupted_swap(out_dir: Path) -> None:
    """A crash between the two renames leaves only the old directory: put it back before anything else."""
    leftovers = sorted(out_dir.parent.glob(f".{out_dir.name}.old-*"))
    if not out_dir.exists() and leftovers:
        os.rename(leftovers[-1], out_dir)
        leftovers = leftovers[:-1]
    for stale in leftovers + sorted(out_dir.parent.glob(f".{out_dir.name}.new-*")):
        shutil.rmtree(stale, ignore_errors=True)


def _swap_in(out_dir: Path, files: dict[str, bytes], replaces: Callable[[Path], bool] | None = None) -> None:
    """Make out_dir hold `files` (name → bytes) all or nothing: written and fsynced into a staging folder beside it,
    which then takes out_dir's place by two renames (_recover_interrupted_swap mends a crash between them). What
    out_dir held besides is kept unless `replaces` says it goes (default: only the files being written)."""
    replaces = replaces or (lambda item: item.name in files)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        if out_dir.exists():
            for item in out_dir.iterdir():
                if not replaces(item):
                    target = staging / item.name
                    shutil.copytree(item, target) if item.is_dir() else shutil.copy2(item, target)
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        previous = out_dir.parent / f".{out_dir.name}.old-{os.getpid()}"
        if out_dir.exists():
            os.rename(out_dir, previous)
        os.rename(staging, out_dir)
        if previous.exists():
            shutil.rmtree(previous)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_seeds(out_dir: Path, contents: dict[str, bytes]) -> bool:
    """Replace out_dir's seed files with `contents` (seed name → bytes). Returns False when nothing changed."""
    assert set(contents) == set(SEEDS)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted_swap(out_dir)
    current = {name: (out_dir / f"{name}.csv") for name in contents}
    # (a file of another size differs: only files of the same size are read to be compared)
    if all(
        p.exists() and p.stat().st_size == len(contents[n]) and p.read_bytes() == contents[n]
        for n, p in current.items()
    ):
        return False
    # keep anything else that lives beside the seeds (e.g. a README or properties file)
    _swap_in(out_dir, {f"{name}.csv": data for name, data in contents.items()})
    return True


CONVERTED_SUFFIX = ".txt"


def write_converted(converted_dir: Path, texts: dict[str, bytes]) -> bool:
    """Make converted_dir hold exactly the converted texts of `texts` (PDF file name → text), as
    `<file name>.txt`; texts of PDFs no longer in the raw folder go. The same swap as the seeds: all or nothing,
    untouched when unchanged. Returns False when nothing changed."""
    wanted = {f"{name}{CONVERTED_SUFFIX}": data for name, data in texts.items()}
    present = (
        {p.name: p for p in converted_dir.iterdir() if p.is_file() and p.suffix == CONVERTED_SUFFIX}
        if converted_dir.is_dir()
        else {}
    )
    if not wanted and not present:
        return False
    if present.keys() == wanted.keys() and all(
        p.stat().st_size == len(wanted[n]) and p.read_bytes() == wanted[n] for n, p in present.items()
    ):
        return False
    converted_dir.parent.mkdir(parents=True, exist_ok=True)
    _recover_interrupted_swap(converted_dir)
    # texts of PDFs no longer in the raw folder go; anything else beside the texts (a README) stays
    _swap_in(converted_dir, wanted, replaces=lambda item: item.suffix == CONVERTED_SUFFIX)
    return True
