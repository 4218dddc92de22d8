"""A view reads the request, calls one domain front door (or a small named helper beside it: form
parsing, the error -> message mapping) and renders or redirects (issue 26). So every function in
ivr/console and ivr/api decorated as a route (`@bp.get`, `@bp.post`, `@bp.route`, `@app.route`,
any blueprint's) keeps its body (docstring aside) within MAX_VIEW_LINES lines. A longer view fails
here; there are no exceptions."""

import ast
from pathlib import Path

import pytest

from tests.support.source_lines import body_lines

IVR = Path(__file__).resolve().parents[2] / "ivr"
FACES = sorted([*(IVR / "console").rglob("*.py"), *(IVR / "api").rglob("*.py")])
MAX_VIEW_LINES = 15
ROUTE_DECORATORS = {"get", "post", "put", "patch", "delete", "route"}


def is_route(decorator):
    """`@<anything>.get(...)`, `.post(...)`, `.route(...)` and the like: Flask's route decorators."""
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Attribute)
        and decorator.func.attr in ROUTE_DECORATORS
    )


def views(tree):
    """Every function decorated as a route."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and any(map(is_route, node.decorator_list))
    ]


def long_views(tree, module):
    """Views whose body is longer than MAX_VIEW_LINES, as (module, name, lines)."""
    return [(module, view.name, body_lines(view)) for view in views(tree) if body_lines(view) > MAX_VIEW_LINES]


def parsed(path):
    return ast.parse(path.read_text(encoding="utf-8"), str(path))


@pytest.mark.parametrize("path", FACES, ids=lambda path: str(path.relative_to(IVR)))
def test_views_are_short(path):
    assert long_views(parsed(path), str(path.relative_to(IVR))) == []


def test_the_scan_finds_the_views():
    """A scan that found no views would pass whatever they held: it sees the console's and the API's."""
    found = {view.name for path in FACES for view in views(parsed(path))}
    assert {"move_card", "search", "sign_in", "callback_outcome", "card_moves", "openapi_document"} <= found


def test_the_check_counts_the_body_of_routes_only():
    lines = "\n".join(f"    x{n} = {n}" for n in range(MAX_VIEW_LINES + 1))
    long_view = f'@bp.post("/a")\n@supervisor_only\ndef a():\n    """Does a lot."""\n{lines}\n'
    long_app_route = f'@app.route("/b", methods=["GET", "POST"])\ndef b():\n{lines}\n'
    short_view = f'@bp.get("/c")\ndef c():\n    """Does a lot,\n    over two lines."""\n{lines.split(chr(10), 1)[1]}\n'
    not_a_view = f"@bp.app_template_global()\ndef d():\n{lines}\n\ndef e():\n{lines}\n"
    assert long_views(ast.parse(long_view), "m.py") == [("m.py", "a", MAX_VIEW_LINES + 1)]
    assert long_views(ast.parse(long_app_route), "m.py") == [("m.py", "b", MAX_VIEW_LINES + 1)]
    assert long_views(ast.parse(short_view), "m.py") == []
    assert long_views(ast.parse(not_a_view), "m.py") == []
