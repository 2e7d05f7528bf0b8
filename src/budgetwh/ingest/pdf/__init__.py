"""PDF → text: the converter that makes a published PDF a raw document ingest can read."""

from budgetwh.ingest.pdf.convert import CONVERTER_VERSION, ConvertedPdf, convert_pdf, header_line, line_pages_of

__all__ = ["CONVERTER_VERSION", "ConvertedPdf", "convert_pdf", "header_line", "line_pages_of"]
