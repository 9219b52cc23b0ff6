"""The webhook client: kept-alive connections, reconnection, what it sends and refuses."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from mockserver.webhook_http import (
    IDLE_SECONDS,
    KEPT_ORIGINS,
    Connections,
    UnsendableRequest,
    split_url,
)
from mockserver.webhooks import Sender


class Endpoint:
    """A local HTTP/1.1 endpoint that counts the connections it accepted and records each
    request; ``close_after_each`` makes it hang up after every answer (saying so, or
    silently with ``silent``, as an idle timeout does)."""

    def __init__(self, close_after_each: bool = False, silent: bool = False):
        self.connections, self.requests = 0, []
        self.hung_up = threading.Semaphore(0)
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                super().setup()
                endpoint.connections += 1

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                endpoint.requests.append((self.command, self.path, dict(self.headers), body))
                answer = b"x" * 5000
                self.send_response(201)
                self.send_header("Content-Length", str(len(answer)))
                if close_after_each and not silent:
                    self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(answer)
                self.close_connection = close_after_each

            do_GET = do_POST

            def log_message(self, *args):
                """Quiet."""

        class Server(ThreadingHTTPServer):
            def shutdown_request(self, request):
                super().shutdown_request(request)
                endpoint.hung_up.release()

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def endpoint():
    opened = Endpoint()
    yield opened
    opened.close()


@pytest.fixture
def connections():
    opened = Connections(timeout=5)
    yield opened
    opened.close()


def test_one_connection_carries_every_request_of_a_thread(endpoint, connections):
    for serial in range(5):
        status, body = connections.exchange("POST", f"{endpoint.url}/h?n={serial}", b"{}", {}, 10)
        assert (status, body) == (201, b"x" * 10)
    assert endpoint.connections == 1
    assert [path for _, path, _, _ in endpoint.requests] == [f"/h?n={n}" for n in range(5)]


def test_an_endpoint_that_hangs_up_after_each_answer_gets_a_new_connection_each_time(
    connections,
):
    closing = Endpoint(close_after_each=True)
    try:
        for _ in range(3):
            assert connections.exchange("POST", closing.url, b"a", {}, 0)[0] == 201
        assert closing.connections == 3
    finally:
        closing.close()


def test_a_kept_connection_the_endpoint_closed_meanwhile_is_replaced_before_use(connections):
    """The endpoint hangs up an idle connection without having said so; the next send
    notices and reconnects instead of failing on the dead socket."""
    closing = Endpoint(close_after_each=True, silent=True)
    try:
        for _ in range(3):
            assert connections.exchange("POST", closing.url, b"a", {}, 0)[0] == 201
            assert closing.hung_up.acquire(timeout=5)
        assert closing.connections == 3
    finally:
        closing.close()


def test_headers_body_and_length_go_as_given_and_nothing_else_is_added(endpoint, connections):
    connections.exchange(
        "POST", f"{endpoint.url}/p", b'{"a": 1}', {"Content-Type": "application/json"}, 0
    )
    connections.exchange("GET", f"{endpoint.url}/g?x=1", b"", {"X-Sig": "s"}, 0)
    (_, _, posted, body), (_, _, got, _) = endpoint.requests
    assert body == b'{"a": 1}'
    assert posted == {
        "Host": endpoint.url.removeprefix("http://"),
        "Content-Type": "application/json",
        "Content-Length": "8",
    }
    assert got == {"Host": endpoint.url.removeprefix("http://"), "X-Sig": "s"}


def test_credentials_in_the_url_go_as_basic_auth_and_not_in_the_host(endpoint, connections):
    host = endpoint.url.removeprefix("http://")
    connections.exchange("POST", f"http://us%40er:p%3Ass@{host}/a", b"", {}, 0)
    [(_, path, headers, _)] = endpoint.requests
    assert path == "/a" and headers["Host"] == host
    assert headers["Authorization"] == "Basic dXNAZXI6cDpzcw=="  # us@er:p:ss


@pytest.mark.parametrize(
    "headers",
    [{"X-Secret": "秘密"}, {"X-Secret": "a\r\nInjected: 1"}, {"Bad:Name": "v"}],
)
def test_a_header_no_client_can_send_is_refused_before_anything_goes(
    endpoint, connections, headers
):
    with pytest.raises(UnsendableRequest):
        connections.exchange("POST", endpoint.url, b"", headers, 0)
    assert endpoint.requests == []


def test_the_sender_reports_an_unsendable_header_as_a_permanent_failure(endpoint):
    sender = Sender(timeout=5)
    try:
        attempt = sender.send({"url": endpoint.url, "body": "", "headers": {"X": "é\n"}})
    finally:
        sender.close()
    assert attempt.permanent and attempt.error.startswith("cannot send: ")


def test_a_refused_connection_is_a_retryable_failure():
    import socket

    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    sender = Sender(timeout=5)
    attempt = sender.send({"url": f"http://127.0.0.1:{port}/x", "body": "", "headers": {}})
    assert attempt.retryable and attempt.error.startswith("ConnectionRefusedError")


def test_the_url_splits_into_origin_target_and_credentials():
    assert split_url("https://h.test/p?q=1") == (("https", "h.test", 443), "/p?q=1", None)
    assert split_url("http://[::1]:8080") == (("http", "::1", 8080), "/", None)
    with pytest.raises(UnsendableRequest):
        split_url("ftp://h.test/")


def test_close_closes_the_idle_connections(endpoint, connections):
    connections.exchange("POST", endpoint.url, b"", {}, 0)
    [kept] = [c for p in connections._pools for c in p.by_origin.values()]
    assert kept.sock is not None
    connections.close()
    assert kept.sock is None


def test_a_thread_keeps_connections_to_its_last_ten_origins_only(connections):
    """A suite that starts a receiver per test does not keep a socket per test."""
    endpoints = [Endpoint() for _ in range(KEPT_ORIGINS + 3)]
    try:
        for endpoint in endpoints:
            assert connections.exchange("POST", endpoint.url, b"", {}, 0)[0] == 201
        [pool] = list(connections._pools)
        kept = [origin[2] for origin in pool.by_origin]
        assert kept == [e.server.server_port for e in endpoints[-KEPT_ORIGINS:]]
    finally:
        for endpoint in endpoints:
            endpoint.close()


def test_a_connection_idle_too_long_is_closed_at_the_next_send(connections, monkeypatch):
    first, second = Endpoint(), Endpoint()
    try:
        connections.exchange("POST", first.url, b"", {}, 0)
        [pool] = list(connections._pools)
        [kept] = list(pool.by_origin.values())
        clock = time.monotonic() + IDLE_SECONDS + 1
        monkeypatch.setattr("mockserver.webhook_http.time.monotonic", lambda: clock)
        connections.exchange("POST", second.url, b"", {}, 0)
        assert kept.sock is None and len(pool.by_origin) == 1
    finally:
        first.close()
        second.close()


def test_a_url_goes_out_as_requests_prepared_it(endpoint, connections):
    """Pinnacle's and the platform's URLs are not prepared by a signer: the client sends
    a non-ASCII path percent-encoded and a stray % escaped, as requests did."""
    connections.exchange("POST", f"{endpoint.url}/hooks/café?q=ü&x=%zz", b"", {}, 0)
    [(_, path, _, _)] = endpoint.requests
    assert path == "/hooks/caf%C3%A9?q=%C3%BC&x=%25zz"
