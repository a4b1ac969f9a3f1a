"""Where a batch run's tasks run: this machine (in-process or a pool of workers forked with
the models loaded) or a Dask cluster. Every engine maps a function over items and gives the
results back in input order."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from crosswire.errors import CrosswireError
from crosswire.settings import RunSettings

DEFAULT = RunSettings()


def connect_timeout() -> str:
    """How long to try a Dask scheduler before saying it cannot be reached; the environment
    variable CROSSWIRE_DASK_TIMEOUT ("5s", "1m") overrides the 20 seconds."""
    return os.environ.get("CROSSWIRE_DASK_TIMEOUT", "20s")


class LocalEngine:
    """Tasks on this machine: in this process, or in a pool of worker processes.

    Each worker process loads the models once and runs them on one thread, so that two workers
    on two cores do not fight over them. At most two tasks per worker are in flight, and results
    come back in input order.
    """

    def __init__(self, workers: int = 1, tasks_per_worker: int = DEFAULT.tasks_per_worker):
        self.pool = None
        if workers > 1:
            from concurrent.futures import ProcessPoolExecutor

            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=_worker_context(),
                max_tasks_per_child=tasks_per_worker,
                initializer=exit_with_parent,
                initargs=(os.getpid(),),
            )
        self.window = 2 * workers

    def map(self, function: Callable, items: Iterable) -> Iterator:
        if self.pool is None:
            yield from map(function, items)
            return
        submit = lambda item: self.pool.submit(on_one_thread, function, item)  # noqa: E731
        yield from _windowed(submit, items, self.window)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)


def _worker_context():
    """Workers forked from a server that has loaded the models (crosswire.batch.warm) start at once;
    where there is no fork server, each worker starts a fresh interpreter and loads them."""
    import multiprocessing

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["crosswire.batch.warm"])
    return context


def exit_with_parent(run: int) -> None:
    """Make a worker end when the run that started it is killed, instead of running on alone.

    A worker forked from the fork server is the server's child, not the run's, and the server
    lives as long as any worker does, so the worker watches the run itself."""

    def watch() -> None:
        while _running(run):
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0 asks only whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    return True


def on_one_thread(function: Callable, item: object):
    """Call ``function`` with the models and the linear algebra on one thread: a worker shares
    the cores with others.

    Set in the thread that runs the task, since OpenMP keeps the setting per thread. The same
    thread count everywhere also makes every engine's floating-point sums, and so its output,
    the same: Dask starts its workers with one BLAS thread, a local pool's would have one per
    core, and claim vectors summed in another order split two near-tied claims another way.
    """
    import torch
    from threadpoolctl import threadpool_limits

    torch.set_num_threads(1)
    with threadpool_limits(limits=1):
        return function(item)


def _windowed(submit: Callable, items: Iterable, window: int) -> Iterator:
    iterator = iter(items)
    pending = [submit(item) for item in islice(iterator, window)]
    while pending:
        future = pending.pop(0)
        yield future.result()
        pending.extend(submit(item) for item in islice(iterator, 1))


class DaskEngine:
    """Partitions as Dask tasks, on a scheduler given by address or a LocalCluster started here.

    At most two partitions per worker are in flight, so the client's memory stays bounded, and
    results come back in input order, so the tables match a local run line for line.
    """

    def __init__(self, scheduler: str | None = None, workers: int = 2) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as error:
            raise CrosswireError(f"Dask is not installed ({error}); run `make install`") from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=connect_timeout())
            except OSError as error:
                raise CrosswireError(
                    f"cannot reach the Dask scheduler at {scheduler} ({error}); "
                    "check the address, or leave --scheduler out to start a local cluster"
                ) from None
        else:
            self.cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self.cluster)
        self.window = 2 * max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, function: Callable, items: Iterable) -> Iterator:
        submit = lambda item: self.client.submit(on_one_thread, function, item, pure=False)  # noqa: E731
        yield from _windowed(submit, items, self.window)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def make_engine(settings: RunSettings):
    if settings.engine == "local":
        return LocalEngine(settings.workers, settings.tasks_per_worker)
    if settings.engine == "dask":
        return DaskEngine(settings.scheduler, settings.workers)
    raise CrosswireError(f"unknown engine {settings.engine!r}; use local or dask")
