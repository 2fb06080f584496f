"""``vnkg serve``: a read-only SPARQL 1.1 Protocol endpoint and linked-data pages for the store.

Embedding it (as the tests do)::

    app = make_app(Path("vnkg-store"))
    server = make_server(app, "127.0.0.1", 0)          # port 0: a free port, server.server_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ...
    server.shutdown(); app.close()                       # close() stops the query workers

Queries run in worker processes on Oxigraph's engine (see ``pool.py``) so a query past its time
limit is cancelled while other requests keep being served; entity pages read the store directly.
"""

from __future__ import annotations

import errno
import signal
import sys
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer

__all__ = ["serve", "make_app", "make_server", "ServeError"]


def make_app(store_path: Path, timeout: float = 10.0, max_results: int = 10000,
             base: str | None = None, workers: int = 2, snapshot: bool = True):
    """The WSGI application over the store at ``store_path`` (opened read-only).

    ``base``: the base of the IRIs that get pages; by default the one the store was built with.
    ``snapshot``: serve a frozen snapshot of the store taken now (see ``app.take_snapshot``), so
    that a `vnkg build` running meanwhile changes nothing the server answers until it restarts.
    Raises ``vnkg.store.StoreError`` when there is no store there. Call ``app.close()`` to stop
    its query workers (and drop the snapshot).
    """
    from .app import make_app as _make_app

    return _make_app(store_path, timeout=timeout, max_results=max_results, base=base, workers=workers,
                     snapshot=snapshot)


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


class _QuietHandler(WSGIRequestHandler):
    log_requests = False

    def log_message(self, format, *args):  # noqa: A002 - signature of the base class
        if self.log_requests:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def handle(self):
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass


def make_server(app, host: str = "127.0.0.1", port: int = 8000, log_requests: bool = False):
    """A threading HTTP server for ``app`` (``port=0`` picks a free port: ``server.server_port``)."""
    handler = type("Handler", (_QuietHandler,), {"log_requests": log_requests})
    server = _ThreadingWSGIServer((host, port), handler)
    server.set_app(app)
    return server


def _interrupt(signum, frame):
    raise KeyboardInterrupt


class ServeError(RuntimeError):
    """The server cannot start (e.g. its port is taken): one line for the user."""


def serve(store_path: Path, host: str = "127.0.0.1", port: int = 8000, timeout: float = 10.0,
          max_results: int = 10000, base: str | None = None) -> None:
    """Serve the store until interrupted (blocking). Binds 127.0.0.1 unless told otherwise."""
    app = make_app(store_path, timeout=timeout, max_results=max_results, base=base)
    try:
        server = make_server(app, host, port, log_requests=True)
    except OSError as e:
        app.close()
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e}"
                         + (" (another server uses it: pick another --port)" if e.errno == errno.EADDRINUSE else "")
                         ) from None
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_port}"
    print(f"vnkg serve: {url}/  (SPARQL endpoint {url}/sparql, time limit {timeout:g} s, "
          f"at most {max_results} results; Ctrl-C to stop)", file=sys.stderr, flush=True)
    frozen = ("a snapshot taken now: restart `vnkg serve` to serve what a later `vnkg build` writes"
              if app.snapshot is not None else "read-only")
    print(f"vnkg serve: the store {store_path} ({frozen}); pages for the IRIs under {app.base}",
          file=sys.stderr, flush=True)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)   # stop cleanly (and stop the workers) on kill
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        app.close()
