"""tsharness.wrk: wrk sends the configured request and every reply is checked, status and body."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tsharness import wrk
from tsharness.net import free_port

pytestmark = pytest.mark.skipif(not wrk.available(), reason="wrk is not installed: tools/setup.sh wrk")


class Server(BaseHTTPRequestHandler):
    """Right answer for the right key and body; every 4th right request gets a wrong body."""
    protocol_version = "HTTP/1.1"
    seen = 0
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Authorization") != "Bearer k":
            return self.reply(400, b"no key")
        with Server.lock:
            Server.seen += 1
            n = Server.seen
        self.reply(200, b"[1, 2]" if body == b"\x00route\xff" and n % 4 else b"[2, 1]")

    def do_GET(self):
        self.reply(200, b"ok")

    def reply(self, code: int, body: bytes):
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def url():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_every_reply_is_checked(url):
    r = wrk.run(url + "/p", method="POST", body=b"\x00route\xff", headers={"Authorization": "Bearer k"},
                connections=4, seconds=1, expect_body=b"[1, 2]")
    assert r.requests > 20 and r.socket_errors == 0 and r.bad_status == 0
    assert r.ok + r.wrong_body == r.requests
    # One in four of the server's answers is wrong: wrk counted them, not just the status.
    assert 0.15 < r.wrong_body / r.requests < 0.35, r
    assert r.first_bad == "wrong body: [2, 1]"
    assert r.rps == pytest.approx(r.ok / r.seconds, rel=0.01) and r.failed == r.wrong_body
    assert 0 < r.p50_ms <= r.p90_ms <= r.p99_ms <= r.max_ms


def test_a_missing_key_is_a_bad_status(url):
    r = wrk.run(url + "/p", method="POST", body=b"\x00route\xff", connections=2, seconds=1)
    assert r.requests > 0 and r.ok == 0 and r.bad_status == r.requests
    assert r.first_bad == "HTTP 400: no key"


def test_ceiling_and_client_bound(url):
    top = wrk.ceiling(url, connections=4, seconds=1)
    assert top.ok == top.requests > 0
    assert wrk.client_bound(0.9 * top.rps, top.rps) and not wrk.client_bound(0.5 * top.rps, top.rps)


def test_no_server_is_an_error_not_a_figure():
    with pytest.raises(RuntimeError, match="unable to connect"):
        wrk.run(f"http://127.0.0.1:{free_port()}/", connections=1, seconds=1)
