"""Audit: numbered rules that find missing parts and numbers that don't add up. Reads, never repairs.

Importing this package is cheap (no pandas, jieba or SQLAlchemy): the pipeline calls
`audit_report` on every parsed file.
"""
from __future__ import annotations

from .catalogue import Finding
from .runner import audit_report, audit_reports, select, summary

__all__ = ["Finding", "audit_report", "audit_reports", "select", "summary"]
