"""A progress bar on a terminal (rich) for long commands; nothing at all when output is not a terminal."""

import sys
from contextlib import contextmanager


class _Silent:
    def advance(self, n=1, description=None):
        pass


class _Bar:
    def __init__(self, progress, task):
        self.progress, self.task = progress, task

    def advance(self, n=1, description=None):
        """Move the bar by `n`; a new `description` says the work has moved on to another phase."""
        if description:
            self.progress.update(self.task, description=description)
        self.progress.advance(self.task, n)


@contextmanager
def progress_bar(description, total=None, stream=None):
    """Yield an object whose `advance(n, description=None)` moves the bar; cron jobs and pipes get no escape codes."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=Console(file=stream), transient=False) as progress:
        yield _Bar(progress, progress.add_task(description, total=total))
