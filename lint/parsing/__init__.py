"""Parsing: decoded text to the immutable AST (lines, headings, tables, the document). Imports only the model."""
