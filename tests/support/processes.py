"""Processes a test starts: each in a process group of its own, stopped as a group, every wait bounded.

A fixture that stops only its direct child leaves the grandchildren (`npx` starts `node`, gunicorn
its workers) holding the output pipe, and whatever waits for that pipe to close waits forever. So:
`start` always makes a new session (the child leads its own group), `stop` signals the whole group
(SIGTERM, a bounded wait, then SIGKILL), and output a test wants to read goes to a file, not a pipe.
"""

import contextlib
import os
import signal
import subprocess
import tempfile

TERM_SECONDS = 20
KILL_SECONDS = 10


def start(command, **options):
    """`subprocess.Popen(command, **options)` leading a new process group."""
    options["start_new_session"] = True
    return subprocess.Popen(command, **options)


def signal_group(process, signum):
    """Send `signum` to every process of `process`'s group (nothing if the group is gone)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def stop(process, *, term_seconds=TERM_SECONDS, readers=()):
    """SIGTERM the whole group, wait at most `term_seconds`, then SIGKILL what is left; the exit code."""
    signal_group(process, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=term_seconds)
    return kill(process, readers=readers)


def kill(process, *, readers=()):
    """SIGKILL the whole group (grandchildren too) and reap the child, within bounded waits.

    `readers`: threads reading the process's pipes. A pipe is closed only once no thread reads it:
    closing a pipe another thread is reading waits for that read, which may never end.
    """
    signal_group(process, signal.SIGKILL)
    try:
        return process.wait(timeout=KILL_SECONDS)
    finally:
        for reader in readers:
            reader.join(timeout=KILL_SECONDS)
        if not any(reader.is_alive() for reader in readers):
            for stream in (process.stdin, process.stdout, process.stderr):
                if stream is not None:
                    with contextlib.suppress(OSError, ValueError):
                        stream.close()


def run(command, *, timeout, **options):
    """Like `subprocess.run(command, capture_output=True, text=True, timeout=...)`, but safe with grandchildren.

    The output goes to temporary files, not pipes, and on the deadline the whole group is killed
    before TimeoutExpired is raised: nothing the command started can keep the test waiting.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = start(command, stdout=out, stderr=err, text=True, **options)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill(process)
            raise
        signal_group(process, signal.SIGKILL)  # whatever it left running in its group
        out.seek(0), err.seek(0)
        return subprocess.CompletedProcess(command, code, out.read(), err.read())
