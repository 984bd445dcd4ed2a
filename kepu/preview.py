"""A static preview server that behaves like an object-storage website host:
directory URLs serve index.html, unknown paths get 404.html with status 404."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from kepu.errors import EnvironmentProblem, UserInputError


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def guess_type(self, path):
        kind = super().guess_type(path)
        if kind.startswith("text/") or kind in ("application/json", "application/xml",
                                                 "application/javascript"):
            return kind + "; charset=utf-8"
        return kind

    def log_message(self, format, *args):  # quiet: the demo prints its own lines
        pass


def make_server(root: Path, host: str, port: int) -> http.server.ThreadingHTTPServer:
    root = Path(root)
    if not (root / "index.html").is_file():
        raise UserInputError(f"{root}: no index.html — run `kepu build` first")
    handler = functools.partial(StaticSiteHandler, directory=str(root))
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise EnvironmentProblem(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def serve_forever(root: Path, host: str, port: int) -> None:
    server = make_server(root, host, port)
    print(f"site: http://{host}:{port}/ (serving {root})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
