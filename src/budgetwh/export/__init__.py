"""`budgetwh export`: the marts of a warehouse in open formats (today a Fiscal Data Package)."""

from budgetwh.export.package import ExportError, ExportSummary, write_package

__all__ = ["ExportError", "ExportSummary", "write_package"]
