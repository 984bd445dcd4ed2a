"""`kepu search serve`: the search HTTP API.

GET /search?q=&lang=&type=&disease=&page=  → JSON results, facets, suggestion
GET /health                                 → {"status": "ok", "documents": N}

The index is opened read-only; with ``workers`` > 1 the listening socket is
made once and shared by pre-forked worker processes (each with its own
threads and its own searcher over the same folder), so several workers — or
several machines mounting one index — serve the same content.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .query import MAX_PAGE, MAX_QUERY_CHARS, QueryError, SearchIndex

log = logging.getLogger("kepu.search.server")
MAX_DISEASE_CHARS = 80


class SearchRequestHandler(BaseHTTPRequestHandler):
    server_version = "kepu-search"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        log.info("%s %s", self.address_string(), format % args)

    # --- plumbing ---------------------------------------------------------

    def _cors_headers(self) -> None:
        origin = self.headers.get("Origin")
        allowed = self.server.cors_origins
        if "*" in allowed:
            self.send_header("Access-Control-Allow-Origin", "*")
        elif origin and origin.rstrip("/") in allowed:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _send_json(self, status: int, data: dict, cache: bool = False) -> None:
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "public, max-age=60" if cache else "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send_json(status, {"error": message})

    # --- endpoints ----------------------------------------------------------

    def do_OPTIONS(self):  # CORS preflight
        self.send_response(204)
        self._cors_headers()
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self):
        self.do_GET()

    def do_GET(self):
        try:
            parts = urlsplit(self.path)
            if parts.path == "/health":
                index = self.server.index
                self._send_json(200, {"status": "ok", "documents": index.doc_count})
            elif parts.path in ("/search", "/search/"):
                self._search(parts.query)
            else:
                self._error(404, f"no such endpoint: {parts.path} (try /search?q=… or /health)")
        except Exception:  # a bug must not take the worker down; the log has the trace
            log.exception("search request failed: %s", self.path)
            self._error(500, "internal error")

    def _search(self, query_string: str) -> None:
        try:
            params = parse_qs(query_string, keep_blank_values=True, errors="replace",
                              max_num_fields=20)
        except ValueError:
            return self._error(400, "too many parameters")
        one = {k: v[0] for k, v in params.items()}
        q = one.get("q", "")
        if len(q) > MAX_QUERY_CHARS:
            return self._error(400, f"query is too long: at most {MAX_QUERY_CHARS} characters")
        page_text = one.get("page", "1").strip() or "1"
        if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
            return self._error(400, f"page must be a whole number from 1 to {MAX_PAGE}")
        disease = one.get("disease", "").strip()
        if len(disease) > MAX_DISEASE_CHARS or not all(c.isascii() and (c.isalnum() or c == "-")
                                                        for c in disease):
            return self._error(400, "disease must be a disease slug such as gao-xue-ya")
        try:
            result = self.server.index.search(q, lang=one.get("lang") or None,
                                              type=one.get("type") or None,
                                              disease=disease or None, page=int(page_text))
        except QueryError as exc:
            return self._error(400, str(exc))
        self._send_json(200, result, cache=True)


class SearchServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, index: SearchIndex, cors_origins=(), sock=None):
        self.index = index
        self.cors_origins = {o.rstrip("/") for o in cors_origins}
        if sock is None:
            super().__init__(address, SearchRequestHandler)
        else:  # a socket made (and bound) by the parent of pre-forked workers
            super().__init__(address, SearchRequestHandler, bind_and_activate=False)
            self.socket.close()
            self.socket = sock
            self.server_address = sock.getsockname()


def make_server(index_dir, host: str = "127.0.0.1", port: int = 0,
                cors_origins=()) -> SearchServer:
    return SearchServer((host, port), SearchIndex(index_dir), cors_origins)


def serve_in_thread(index_dir, cors_origins=()) -> tuple[SearchServer, threading.Thread]:
    """A server on a free 127.0.0.1 port, answering in a background thread (tests, previews)."""
    server = make_server(index_dir, cors_origins=cors_origins)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def serve(index_dir, host: str, port: int, workers: int = 1, cors_origins=(),
          announce=print) -> None:
    """Serve until interrupted; ``workers`` processes share one listening socket."""
    SearchIndex(index_dir)  # fail early, in the parent, if there is no index
    sock = socket.create_server((host, port), reuse_port=False, backlog=256)
    host_bound, port_bound = sock.getsockname()[:2]
    where = f"{host_bound}:{port_bound}"
    announce(f"kepu search: http://{where}/search?q=… ({workers} worker"
             f"{'s' if workers != 1 else ''}, index {index_dir})")
    if workers <= 1:
        _serve_socket(index_dir, sock, cors_origins)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            try:
                _serve_socket(index_dir, sock, cors_origins)
            finally:
                os._exit(0)
        children.append(pid)

    def stop(signum, frame):
        for child in children:
            try:
                os.kill(child, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, stop)
    try:
        for child in children:
            os.waitpid(child, 0)
    except KeyboardInterrupt:
        stop(None, None)
        for child in children:
            os.waitpid(child, 0)
    sys.exit(0)


def _serve_socket(index_dir, sock, cors_origins) -> None:
    server = SearchServer(sock.getsockname(), SearchIndex(index_dir), cors_origins, sock=sock)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
