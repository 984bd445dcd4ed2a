"""A small HTTP proxy between boto3 and the S3 endpoint that fails chosen requests.

    proxy = FaultProxy("http://127.0.0.1:5000").start()
    proxy.fail("PUT", "zh/a/index.html", 503)            # every PUT to that key
    proxy.fail("PUT", "zh/a/index.html", "drop", times=1) # drop the connection once
    proxy.fail("PUT", "zh/a/index.html", 500, skip=2, times=1)  # only the 3rd PUT

It also records every request (method, key), so tests and the benchmark can
count what a deploy sent, whatever the client (boto3, hugo). Run as a program
(`python -m tests.deploy.faultproxy`), it starts moto's S3 server with a proxy
in front in a process of its own, prints `READY <endpoint> <proxy>`, and
answers GET /__faultproxy__/counts (JSON) and POST /__faultproxy__/clear: the
benchmark uses it so the endpoint does not compete with the client for the GIL.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade",
              "proxy-connection", "expect"}
CONTROL = "/__faultproxy__/"
ERROR_CODES = {500: "InternalError", 503: "SlowDown", 502: "BadGateway", 504: "GatewayTimeout"}


@dataclass
class Fault:
    method: str
    key: str
    action: int | str          # HTTP status, or "drop" to close the connection unanswered
    times: int | None = None   # None: every matching request
    skip: int = 0              # let this many matching requests through first
    seen: int = 0
    fired: int = 0

    def applies(self, method: str, key: str) -> bool:
        if method != self.method or key != self.key:
            return False
        self.seen += 1
        if self.seen <= self.skip or (self.times is not None and self.fired >= self.times):
            return False
        self.fired += 1
        return True


class FaultProxy:
    def __init__(self, upstream: str, bucket_in_path: bool = True):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname, parts.port)
        self.bucket_in_path = bucket_in_path
        self.faults: list[Fault] = []
        self.requests: list[tuple[str, str]] = []   # (method, "key?query")
        self.headers: list[dict] = []                # the request headers, same order
        self.lock = threading.Lock()
        self._server = None
        self._thread = None

    # -- control -------------------------------------------------------------
    def fail(self, method: str, key: str, action: int | str = 503, *, times: int | None = None,
             skip: int = 0) -> Fault:
        fault = Fault(method.upper(), key, action, times, skip)
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear(self) -> None:
        with self.lock:
            self.faults.clear()
            self.requests.clear()
            self.headers.clear()

    def count(self, method: str | None = None) -> int:
        with self.lock:
            return sum(1 for m, _ in self.requests if method is None or m == method)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_Handler):
            owner = proxy

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- used by the handler -------------------------------------------------
    def _decide(self, method: str, path: str, headers: dict) -> int | str | None:
        key = unquote(urlsplit(path).path).lstrip("/")
        if self.bucket_in_path:
            key = key.partition("/")[2]
        query = urlsplit(path).query
        with self.lock:
            self.requests.append((method, key + (f"?{query}" if query else "")))
            self.headers.append(headers)
            for fault in self.faults:
                if fault.applies(method, key):
                    return fault.action
        return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as real endpoints do
    disable_nagle_algorithm = True  # small header/body writes must not wait 40 ms for an ACK
    owner: FaultProxy
    _local = threading.local()

    def log_message(self, *args):
        pass

    def _body(self) -> bytes:
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _relay(self):
        body = self._body()
        if self.path.startswith(CONTROL):
            return self._control()
        action = self.owner._decide(self.command, self.path, dict(self.headers.items()))
        if action == "drop":
            self.close_connection = True
            return
        if isinstance(action, int):
            code = ERROR_CODES.get(action, "InternalError")
            payload = (f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
                       f"<Message>injected by FaultProxy</Message></Error>").encode()
            self.send_response(action)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if body or self.command in ("PUT", "POST"):
            headers["Content-Length"] = str(len(body))
        response = self._forward(headers, body)
        data = response.read()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP and name.lower() != "content-length":
                self.send_header(name, value)
        if self.command == "HEAD":
            self.send_header("Content-Length", response.getheader("Content-Length", "0"))
        else:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _control(self):
        if self.path == CONTROL + "clear":
            self.owner.clear()
        with self.owner.lock:
            counts = {"total": len(self.owner.requests)}
            for method, _ in self.owner.requests:
                counts[method] = counts.get(method, 0) + 1
        payload = json.dumps(counts).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _forward(self, headers, body):
        for attempt in (1, 2):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection(*self.owner.upstream, timeout=60)
                conn.connect()
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            try:
                conn.request(self.command, self.path, body=body or None, headers=headers)
                return conn.getresponse()
            except (http.client.HTTPException, OSError):
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = _relay


def serve_moto_with_proxy() -> None:
    import logging
    import sys

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    with FaultProxy(f"http://{host}:{port}") as proxy:
        print(f"READY http://{host}:{port} {proxy.url}", flush=True)
        sys.stdin.read()  # until the parent closes our stdin (or exits)
    server.stop()


if __name__ == "__main__":
    serve_moto_with_proxy()
