"""The one error type ingest raises for bad input. Its text always names the file, and the line where there is one,
so a scheduler's log line is enough to find the problem."""

from __future__ import annotations


class IngestError(Exception):
    def __init__(self, file_name: str, message: str, line: int | None = None) -> None:
        self.file_name = file_name
        self.line = line
        self.message = message
        where = f"{file_name}:{line}" if line is not None else file_name
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # keep the structured fields when the error crosses a process boundary (parallel parsing)
        return (IngestError, (self.file_name, self.message, self.line))
