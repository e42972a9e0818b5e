"""Datasette plugin (entry point "report_parser"): SQL function cn_query() for searching Chinese without spaces."""
from __future__ import annotations

import asyncio

from datasette import hookimpl


def cn_query(text: str | None) -> str:
    """A search string as an FTS5 query of its jieba words; a blank string matches nothing."""
    from ..store.fts import query_terms

    terms = query_terms(text or "")
    # FTS5 rejects an empty query; a phrase of a control character is valid and never indexed.
    return terms or '"\x01"'


def load_dictionary() -> None:
    """Load jieba's dictionary now (about 3 s) rather than on the first call of cn_query()."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()


@hookimpl
def prepare_connection(conn):
    # Datasette's ?_search= passes the typed string to FTS5 as is, and FTS5 does not split Chinese: an
    # unspaced query (政府信息公开申请) is one token that the jieba-segmented index never holds. The
    # canned query search_text segments the query with jieba inside SQL through this function.
    conn.create_function("cn_query", 1, cn_query, deterministic=True)


@hookimpl
def startup(datasette):
    # cn_query() runs inside the query's time limit (sql_time_limit_ms, 1 s by default): a dictionary loaded
    # there made the first search of every new server fail with "SQL query took too long". Loading it before
    # the server answers costs the 3 s once, at start-up, in a thread so the event loop stays free.
    async def inner():
        await asyncio.get_running_loop().run_in_executor(None, load_dictionary)

    return inner
