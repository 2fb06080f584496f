"""Query workers: SPARQL runs in separate processes so that a query past its time limit can be
cancelled (killed) while the server keeps answering.

pyoxigraph cannot interrupt a running query from Python, so each worker is a process
(``python -m vnkg.serve.pool STORE``) that opens the store read-only once and answers jobs sent
over its stdin/stdout pipes. The server hands a job to an idle
worker and waits at most the time limit; a worker that has not answered by then is killed, a
fresh one is started in the background, and the client gets a clear error.
"""

from __future__ import annotations

import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
import time
from itertools import islice

__all__ = ["QueryPool", "run_job"]


def run_job(store, job: dict) -> dict:
    """Run one query job against an open store; return a picklable answer.

    job: query, solutions_format, graph_format, max_results, default_graphs, named_graphs.
    answer: status 200 with content_type, body, kind, rows, truncated; or status 4xx/5xx + error.
    """
    import pyoxigraph as ox

    from ..store import PREFIXES
    from .results import GRAPH_FORMATS, SOLUTION_FORMATS, write_boolean, write_graph, write_solutions

    kw = {"prefixes": PREFIXES}
    if job.get("default_graphs") or job.get("named_graphs"):
        if job.get("default_graphs"):
            kw["default_graph"] = [ox.NamedNode(g) for g in job["default_graphs"]]
        else:
            kw["use_default_graph_as_union"] = True
        if job.get("named_graphs"):
            kw["named_graphs"] = [ox.NamedNode(g) for g in job["named_graphs"]]
    else:
        kw["use_default_graph_as_union"] = True
    limit = int(job.get("max_results") or 10000)
    try:
        result = store.query(job["query"], **kw)
        if isinstance(result, ox.QueryBoolean):
            fmt = job.get("solutions_format") or "json"
            return {"status": 200, "kind": "boolean", "content_type": SOLUTION_FORMATS[fmt][0],
                    "body": write_boolean(fmt, bool(result)), "rows": 1, "truncated": False}
        if isinstance(result, ox.QuerySolutions):
            fmt = job.get("solutions_format") or "json"
            variables = [v.value for v in result.variables]
            rows = []
            for sol in islice(result, limit + 1):
                rows.append([sol[v] for v in variables])
            truncated = len(rows) > limit
            rows = rows[:limit]
            return {"status": 200, "kind": "solutions", "content_type": SOLUTION_FORMATS[fmt][0],
                    "body": write_solutions(fmt, variables, rows), "rows": len(rows),
                    "truncated": truncated}
        fmt = job.get("graph_format") or "turtle"
        triples = list(islice(result, limit + 1))
        truncated = len(triples) > limit
        triples = triples[:limit]
        return {"status": 200, "kind": "graph", "content_type": GRAPH_FORMATS[fmt][0],
                "body": write_graph(fmt, triples, PREFIXES), "rows": len(triples),
                "truncated": truncated}
    except SyntaxError as e:
        msg = str(e).strip() or "syntax error"
        return {"status": 400, "error": f"invalid SPARQL query: {msg}"}
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        return {"status": 500, "error": f"the query failed: {e}"}


def _send(f, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    f.write(struct.pack(">Q", len(data)) + data)
    f.flush()


def _read_exact(f, n: int) -> bytes:
    chunks = []
    while n:
        b = f.read(n)
        if not b:
            raise EOFError("the pipe closed")
        chunks.append(b)
        n -= len(b)
    return b"".join(chunks)


def _recv(f):
    (n,) = struct.unpack(">Q", _read_exact(f, 8))
    return pickle.loads(_read_exact(f, n))


def _worker_main(store_path: str) -> None:  # pragma: no cover - runs in a child process
    """A worker: jobs arrive on stdin, answers leave on stdout (length-prefixed pickles)."""
    inp = sys.stdin.buffer
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr          # nothing else may write into the answer pipe
    try:
        import pyoxigraph as ox

        store = ox.Store.read_only(store_path)
    except BaseException as e:  # noqa: BLE001 - report anything, then stop
        _send(out, ("error", f"cannot open the store at {store_path}: {e}"))
        return
    _send(out, ("ready", None))
    while True:
        try:
            job = _recv(inp)
        except (EOFError, OSError, KeyboardInterrupt):
            return
        if job is None:
            return
        try:
            answer = run_job(store, job)
        except BaseException as e:  # noqa: BLE001
            answer = {"status": 500, "error": f"the query failed: {e}"}
        try:
            _send(out, answer)
        except (OSError, ValueError):
            return


class _Worker:
    """One worker process, started as ``python -m vnkg.serve.pool STORE`` (no re-import of the
    caller's main module, unlike multiprocessing's spawn)."""

    def __init__(self, store_path: str):
        self.proc = subprocess.Popen([sys.executable, "-m", "vnkg.serve.pool", store_path],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0,
                                     close_fds=True)
        self._out = self.proc.stdout

    def send(self, obj) -> None:
        _send(self.proc.stdin, obj)

    def poll(self, timeout: float) -> bool:
        ready, _, _ = select.select([self._out], [], [], max(0.0, timeout))
        return bool(ready)

    def recv(self):
        return _recv(self._out)

    def wait_ready(self, timeout: float) -> str | None:
        """None when ready, else an error message."""
        if not self.poll(timeout):
            return "the query worker did not start in time"
        try:
            kind, msg = self.recv()
        except (EOFError, OSError, pickle.UnpicklingError):
            return "the query worker stopped while starting"
        return None if kind == "ready" else msg

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.wait(2)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            pass
        for f in (self.proc.stdin, self.proc.stdout):
            try:
                f.close()
            except (OSError, AttributeError):
                pass


def _seconds(t: float) -> str:
    return f"{t:g} s"


class QueryPool:
    """A few worker processes, each with the store open read-only. When every worker is busy (slow
    queries running out their time limit) the pool starts another, up to ``max_workers``, so a
    quick query is not kept waiting behind slow ones."""

    def __init__(self, store_path, workers: int = 2, timeout: float = 10.0, max_results: int = 10000,
                 start_timeout: float = 60.0, max_workers: int | None = None):
        self.store_path = str(store_path)
        self.timeout = float(timeout)
        self.max_results = int(max_results)
        self.max_workers = max(int(workers), int(max_workers) if max_workers else 8)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._starting = 0
        self._closed = False
        started = [_Worker(self.store_path) for _ in range(max(1, int(workers)))]
        for w in started:
            self._workers.add(w)
        for w in started:
            err = w.wait_ready(start_timeout)
            if err:
                self.close()
                raise RuntimeError(err)
            self._idle.put(w)

    # -- jobs
    def execute(self, job: dict, timeout: float | None = None) -> dict:
        timeout = self.timeout if timeout is None else float(timeout)
        job = dict(job)
        job.setdefault("max_results", self.max_results)
        try:
            w = self._idle.get_nowait()
        except queue.Empty:
            w = self._grow()
        if w is None:
            try:
                w = self._idle.get(timeout=max(timeout, 5.0))
            except queue.Empty:
                return {"status": 503, "error": "every query worker is busy; try again in a moment"}
        try:
            w.send(job)
            if w.poll(timeout):
                answer = w.recv()
                self._idle.put(w)
                return answer
        except (EOFError, OSError, pickle.UnpicklingError):
            self._replace(w)
            return {"status": 500, "error": "the query worker stopped unexpectedly; the query was not answered"}
        self._replace(w)
        return {"status": 503,
                "error": f"query exceeded the {_seconds(timeout)} time limit and was cancelled"}

    # -- workers
    def _grow(self) -> _Worker | None:
        """Start one more worker (for the caller's job) unless the pool is at its maximum."""
        with self._lock:
            if self._closed or len(self._workers) + self._starting >= self.max_workers:
                return None
            self._starting += 1
        w = None
        try:
            w = _Worker(self.store_path)
            err = w.wait_ready(60.0)
        except OSError as e:
            err = str(e)
        with self._lock:
            self._starting -= 1
            if err is None and not self._closed:
                self._workers.add(w)
                return w
        if w is not None:
            w.kill()
        return None

    def _replace(self, w: _Worker) -> None:
        with self._lock:
            self._workers.discard(w)
        w.kill()
        if not self._closed:
            threading.Thread(target=self._start_one, daemon=True, name="vnkg-worker-restart").start()

    def _start_one(self) -> None:
        with self._lock:
            self._starting += 1
        try:
            for attempt in range(3):
                if self._closed:
                    return
                w = _Worker(self.store_path)
                err = w.wait_ready(60.0)
                if err is None and not self._closed:
                    with self._lock:
                        self._workers.add(w)
                    self._idle.put(w)
                    return
                w.kill()
                time.sleep(0.5 * (attempt + 1))
        finally:
            with self._lock:
                self._starting -= 1

    def size(self) -> int:
        with self._lock:
            return len(self._workers)

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._workers)
            self._workers.clear()
        for w in workers:
            try:
                w.send(None)
            except (OSError, ValueError):
                pass
        for w in workers:
            try:
                w.proc.wait(0.5)
            except subprocess.TimeoutExpired:
                pass
            w.kill()


if __name__ == "__main__":  # pragma: no cover - the worker process
    _worker_main(sys.argv[1])
