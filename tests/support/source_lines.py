"""How long a function is, as the codebase tests count it: its body, docstring aside."""

import ast


def body_lines(function):
    """Lines from the first statement after the docstring to the end of the last one."""
    body = function.body
    if (
        isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    ):
        body = body[1:]
    return body[-1].end_lineno - body[0].lineno + 1 if body else 0
