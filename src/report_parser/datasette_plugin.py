"""Datasette plugin (entry point "report_parser"): SQL function cn_query() for searching Chinese without spaces."""
from __future__ import annotations

from datasette import hookimpl


def cn_query(text: str | None) -> str:
    """A search string as an FTS5 query of its jieba words; a blank string matches nothing."""
    from .fts import query_terms

    terms = query_terms(text or "")
    # FTS5 rejects an empty query; a phrase of a control character is valid and never indexed.
    return terms or '"\x01"'


@hookimpl
def prepare_connection(conn):
    # Datasette's ?_search= passes the typed string to FTS5 as is, and FTS5 does not split Chinese: an
    # unspaced query (政府信息公开申请) is one token that the jieba-segmented index never holds. The
    # canned query search_text segments the query with jieba inside SQL through this function.
    conn.create_function("cn_query", 1, cn_query, deterministic=True)
