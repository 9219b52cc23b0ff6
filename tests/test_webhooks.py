"""Webhook value types: the backoff schedule and the sender's limits."""

from mockserver.webhooks import Backoff, Sender


def test_backoff_grows_exponentially_up_to_its_cap_and_replays():
    backoff = Backoff()
    delays = [backoff.delay("WHx", n) for n in range(1, 12)]
    assert delays == [Backoff().delay("WHx", n) for n in range(1, 12)]
    assert 4 <= delays[0] <= 6 and 8 <= delays[1] <= 12
    assert max(delays) <= 1800 * 1.2


def test_the_default_timeout_is_five_seconds():
    assert Sender()._timeout == 5.0


def _trickling_endpoint(answer: bytes, drip: bytes) -> tuple[str, object]:
    """A local endpoint that sends ``answer`` then one ``drip`` every 50 ms until cut off;
    returns its URL and an Event set once the sandbox hung up on it."""
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    cut = threading.Event()

    def run():
        conn, _ = server.accept()
        conn.recv(65536)
        try:
            conn.sendall(answer)
            while not cut.wait(0.05):
                conn.sendall(drip)
        except OSError:
            cut.set()
        finally:
            conn.close()
            server.close()

    threading.Thread(target=run, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}/hook", cut


def test_an_endpoint_trickling_its_headers_is_cut_off_at_the_timeout():
    """One header line at a time never trips a per-read timeout; the whole-exchange
    deadline still ends the attempt as a retryable timeout."""
    url, cut = _trickling_endpoint(b"HTTP/1.1 200 OK\r\n", b"X-Slow: 1\r\n")
    attempt = Sender(timeout=0.3).send({"url": url, "body": "{}", "headers": {}})
    assert attempt.error == "Timeout: no complete answer within 0.3 s"
    assert attempt.retryable and attempt.duration_ms < 3000
    assert cut.wait(5)


def test_an_endpoint_trickling_its_body_is_cut_off_at_the_timeout():
    """A body sent a byte at a time is cut at the deadline too."""
    url, cut = _trickling_endpoint(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n", b"x")
    attempt = Sender(timeout=0.3).send({"url": url, "body": "{}", "headers": {}})
    assert attempt.error == "Timeout: no complete answer within 0.3 s"
    assert attempt.duration_ms < 3000
    assert cut.wait(5)


def test_a_report_counts_into_every_report_it_forwards_to():
    """A background flush during two overlapping advances counts in both summaries."""
    from mockserver.webhooks import FlushReport

    first, second = FlushReport(), FlushReport()
    shared = FlushReport(forward=(first, second))
    shared.count("attempted")
    shared.count("delivered")
    assert shared.as_dict() == first.as_dict() == second.as_dict()
    assert first.as_dict()["delivered"] == 1
