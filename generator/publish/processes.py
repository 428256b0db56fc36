"""Run a function over jobs in forked processes, one per job, and get back
its results or its ToolkitError: both cores of a build machine work, the
loaded sources are shared copy-on-write, and an interrupted build stops its
children (nothing keeps writing into a staging folder that is being removed)."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable
from typing import Any, TypeVar

from generator.problems import Location, ToolkitError

Job = TypeVar("Job")
Result = TypeVar("Result")


def _child(connection: Any, function: Callable[[Any], Any], job: Any) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)
    try:
        connection.send(("ok", function(job)))
    except ToolkitError as exc:
        connection.send(("toolkit", (exc.problems, str(exc))))
    except OSError as exc:
        connection.send(("oserror", (exc.errno, exc.strerror, exc.filename)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        connection.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()
        os._exit(0)


def in_processes(function: Callable[[Job], Result], jobs: list[Job]) -> list[Result]:
    context = multiprocessing.get_context("fork")
    running = []
    for job in jobs:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(send, function, job))
        process.start()
        send.close()
        running.append((process, receive))
    try:
        answers = []
        for process, receive in running:
            try:
                answers.append(receive.recv())
            except EOFError:
                answers.append(("error", f"a build process ended without an answer (exit code {process.exitcode})"))
            process.join()
    except BaseException:
        for process, _ in running:
            if process.is_alive():
                process.kill()
        for process, _ in running:
            process.join()
        raise
    results = []
    for kind, value in answers:
        if kind == "toolkit":
            raise ToolkitError(*value)
        if kind == "oserror":
            raise OSError(*value)
        if kind == "error":
            raise ToolkitError.at(Location("toolkit build"), value, "a language's build failed")
        results.append(value)
    return results
