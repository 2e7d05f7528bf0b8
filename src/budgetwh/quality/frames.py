"""The frames the gate hands to GX: each mart read through the read-only connection, chunk by chunk when it is large
(budgetwh.quality.chunks), with its qa_* columns (derived.py) and only the columns its suite reads (batches.py),
pickled where GX's datasource reads them; and the rows a failure quotes, read back from those pickles."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from budgetwh.paths import project_root
from budgetwh.quality import batches, chunks, derived, snapshot
from budgetwh.quality.catalogue import mart

EXAMPLES = 5  # offending rows quoted per failed expectation


@dataclass(frozen=True)
class MartFrame:
    """One mart as handed to GX: where its frames are (one per chunk, in reading order: budgetwh.quality.chunks), how
    many rows it has, and the personal-data hits per column (check → column → cells), kept so that a failure can be
    reported without scanning again."""

    name: str
    present: bool
    rows: int
    path: Path  # what GX reads: the mart's frame, or a link to the chunk being validated
    personal_hits: dict[str, dict[str, int]]
    chunks: tuple[Path, ...] = ()  # the chunks' frames when the mart is read in more than one
    starts: tuple[int, ...] = ()  # the place of each chunk's first row in the mart's reading order

    def point_at(self, chunk: int) -> None:
        """Makes the file GX reads the frame of one chunk."""
        self.path.unlink(missing_ok=True)
        self.path.symlink_to(self.chunks[chunk])


def _add_hits(total: dict[str, dict[str, int]], hits: dict[str, dict[str, int]]) -> None:
    for check, by_column in hits.items():
        for column, n in by_column.items():
            total.setdefault(check, {})[column] = total.get(check, {}).get(column, 0) + n


def prepare_mart(ctx: derived.Context, name: str, present: bool, frames_dir: Path) -> MartFrame:
    """Reads one mart, chunk by chunk (an empty frame when it is missing), adds its qa_* columns and pickles each chunk
    for GX. Only one chunk's frame is in memory at a time."""
    gx_dir = project_root() / "gx"
    column = chunks.chunk_column(gx_dir, name) if present else None
    relation = f'marts."{name}"'
    plan = chunks.plan(ctx.con, relation, column, chunks.chunk_rows()) if present else [chunks.Chunk(0, 0, None)]
    order = chunks.reading_order(column, mart(name).key) if present else None
    read = batches.suite_columns(gx_dir / "expectations" / f"{name}.json") | set(mart(name).key)
    path = frames_dir / f"{name}.pkl"
    paths, rows, hits = [], 0, {}
    for i, chunk in enumerate(plan):
        empty = snapshot.Table(pd.DataFrame(), {})
        table = (
            snapshot.read(ctx.con, "marts", name, where=chunk.where, order_by=order, start=chunk.start)
            if present
            else empty
        )
        frame = table.frame
        _add_hits(hits, derived.add_derived_columns(ctx, name, frame, table.distinct_values))
        del table
        frame = batches.slim(frame, read)
        chunk_path = path if len(plan) == 1 else frames_dir / "chunks" / f"{name}.{i}.pkl"
        chunk_path.parent.mkdir(exist_ok=True)
        frame.to_pickle(chunk_path)
        paths.append(chunk_path)
        rows += len(frame)
        del frame
    chunked = len(plan) > 1
    starts = tuple(c.start for c in plan) if chunked else ()
    prepared = MartFrame(name, present, rows, path, hits, tuple(paths) if chunked else (), starts)
    if prepared.chunks:
        prepared.point_at(0)
    return prepared


class FrameReader:
    """Reads back, from a mart's pickles, the rows a failure quotes (the first EXAMPLES offending rows), keeping only
    the last pickle read: the failures of one mart come one after another, and a chunked mart's pickles are read one
    at a time."""

    def __init__(self) -> None:
        self._path: Path | None = None
        self._frame = pd.DataFrame()

    def _read(self, path: Path) -> pd.DataFrame:
        if self._path != path:
            self._frame = pd.DataFrame()  # let the previous one go before reading the next
            self._frame = pd.read_pickle(path)
            self._path = path
        return self._frame

    def quoted_rows(self, mart_frame: MartFrame, indices: list) -> pd.DataFrame:
        """The rows of the first EXAMPLES indices (places in the mart's reading order) that the mart holds, in the
        order of the indices, from whichever chunks hold them."""
        wanted = list(indices[:EXAMPLES])
        if not mart_frame.chunks:
            frame = self._read(mart_frame.path)
            return frame.loc[[i for i in wanted if i in frame.index]]
        found = []
        for chunk in sorted({bisect.bisect_right(mart_frame.starts, i) - 1 for i in wanted}):
            frame = self._read(mart_frame.chunks[chunk])
            found.append(frame.loc[frame.index.intersection(wanted)])
        rows = pd.concat(found)
        return rows.loc[[i for i in wanted if i in rows.index]]
