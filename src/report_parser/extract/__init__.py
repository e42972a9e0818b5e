"""Extraction: the stages after reading, from a Document to sections, tables, figures and resolved metrics."""
