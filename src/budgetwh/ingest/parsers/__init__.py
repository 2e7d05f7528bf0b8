"""One parser per document kind; each is a pure function of (SourceText, masked rows, Reference)."""
