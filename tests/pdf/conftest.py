"""The PDF tests share their paths and the real PDFs through pdf_support (a conftest module name is not unique
across test folders, so tests never import from conftest)."""

from pdf_support import FIXTURES, ROOT  # noqa: F401 (puts this folder on sys.path for the tests)
