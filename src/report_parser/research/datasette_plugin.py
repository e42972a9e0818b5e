"""Datasette plugin (entry point "report_parser"): SQL function cn_query() for searching Chinese without spaces, and
a crop of the page for every figure and cell row that has a box (one click from the row to the printed value)."""
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


# /-/report-parser/crop/<database>/<cells|figures>/<row id>.png: the printed value, boxed, cut from its page.
CROP_ROUTE = r"^/-/report-parser/crop/(?P<database>[^/]+)/(?P<table>cells|figures)/(?P<row>[^/]+)\.png$"


def crop_url(database: str, table: str, row_id: str) -> str:
    """The plugin's URL of a row's crop."""
    from urllib.parse import quote

    return f"/-/report-parser/crop/{quote(database)}/{table}/{quote(row_id, safe='')}.png"


async def crop_view(datasette, request):
    """The crop of one figure or cell row as a PNG (404 with a sentence when the row, its box or its file is missing)."""
    import json

    from datasette.utils.asgi import Response

    from .evidence import stored_crop

    from urllib.parse import unquote

    # Datasette hands the path variables over still percent-encoded (row ids hold ":").
    params = {k: unquote(v) for k, v in request.url_vars.items()}
    table = params["table"]
    try:
        db = datasette.get_database(params["database"])
    except KeyError:
        return Response.text(f"no database {params['database']}", status=404)
    sql = (f"SELECT t.box_page, t.box_x0, t.box_top, t.box_x1, t.box_bottom, t.box_more, t.box_source, r.format, "
           f"(SELECT path FROM report_paths p WHERE p.report_id = t.report_id ORDER BY p.first_seen, p.path LIMIT 1) "
           f"FROM {table} t JOIN reports r ON r.id = t.report_id WHERE t.id = ?")
    rows = (await db.execute(sql, [params["row"]])).rows
    if not rows or rows[0][0] is None:
        return Response.text(f"{table} row {params['row']}: no such row, or no position is stored for it", status=404)
    page, x0, top, x1, bottom, more, source, fmt, path = rows[0]
    more = json.loads(more) if isinstance(more, str) else more
    try:
        png = await asyncio.get_running_loop().run_in_executor(
            None, stored_crop, path, fmt, [page, x0, top, x1, bottom], more, source)
    except Exception as e:  # the file moved, or LibreOffice is missing: say so instead of a 500
        return Response.text(f"{path}: the page cannot be drawn ({type(e).__name__}: {e})", status=404)
    return Response(png, content_type="image/png")


@hookimpl
def register_routes():
    return [(CROP_ROUTE, crop_view)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    # The box_page cell of a figures/cells row becomes a link to the crop of the printed value.
    if table not in ("cells", "figures") or column != "box_page" or value is None:
        return None
    try:
        row_id = row["id"]
    except (KeyError, IndexError):
        return None
    from markupsafe import Markup, escape

    url = datasette.urls.path(crop_url(database, table, row_id))
    return Markup(f'<a href="{escape(url)}" title="the printed value on its page">p.{escape(value)} ▣</a>')
