"""json_response writes the bytes jsonify writes, faster, and hands Flask what it cannot."""

import random
import string

import pytest
from flask import Flask, jsonify

from mockserver.json_body import compact_json, json_response, writer
from mockserver.shared_docs import SharedDoc
from mockserver.store_codec import encode

sorted_app = Flask(__name__)
ordered_app = Flask(__name__)
ordered_app.json.sort_keys = False  # as the sandbox's app has it
debug_app = Flask(__name__)
debug_app.debug = True  # indented bodies: msgspec leaves them to Flask


@pytest.fixture(params=["sorted", "ordered", "debug"])
def app(request):
    return {"sorted": sorted_app, "ordered": ordered_app, "debug": debug_app}[request.param]


def flask_bytes(app, body, status=200) -> tuple[bytes, int, str]:
    with app.app_context():
        response = jsonify(body)
        return response.get_data(), status, response.headers["Content-Type"]


def ours(app, body, status=200) -> tuple[bytes, int, str]:
    with app.app_context():
        response = json_response(body, status)
        return response.get_data(), response.status_code, response.headers["Content-Type"]


def random_plain(rng: random.Random, depth: int = 0):
    """A random body of JSON's types, with control characters, quotes and big integers."""
    alphabet = string.printable + '\x00\x01\x1f"\\/'
    kind = rng.randrange(7 if depth < 3 else 4)
    if kind == 0:
        return "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
    if kind == 1:
        return rng.choice([0, -1, 2**70, -(2**64), rng.randrange(-1000, 1000)])
    if kind == 2:
        return rng.choice([True, False])
    if kind == 3:
        return None
    if kind == 4:
        return [random_plain(rng, depth + 1) for _ in range(rng.randrange(4))]
    keys = ["".join(rng.choice(string.ascii_letters + "_") for _ in range(4)) for _ in range(4)]
    return {key: random_plain(rng, depth + 1) for key in keys}


@pytest.mark.parametrize("seed", range(200))
def test_plain_bodies_are_written_byte_for_byte_as_jsonify_writes_them(app, seed):
    body = random_plain(random.Random(seed))
    assert ours(app, body, 201) == flask_bytes(app, body, 201)


@pytest.mark.parametrize(
    "body", [{"a": "é"}, {"a": "\x7f"}, {"a": 1e16}, {"a": [0.1]}, {"a": "\ud800"}, {1: "x"}]
)
def test_bodies_msgspec_writes_differently_go_to_flask_and_stay_identical(app, body):
    assert compact_json(body) is None
    assert ours(app, body) == flask_bytes(app, body)


def test_kept_json_is_named_by_each_arguments_type_and_value():
    """1, 1.0 and True are equal but written differently; a plain dict argument is no key."""
    doc = SharedDoc(encode({}))
    with ordered_app.app_context():
        write = writer()
        assert [write(doc, lambda _, v: {"v": v}, v) for v in (1, True, 1.0, 1)] == [
            b'{"v":1}',
            b'{"v":true}',
            b'{"v":1.0}',
            b'{"v":1}',
        ]
        assert write(doc, lambda _, brand: {"b": brand["x"]}, {"x": 2}) == b'{"b":2}'


def test_no_writer_when_the_app_writes_indented_json():
    with debug_app.app_context():
        assert writer() is None


def test_a_bound_writer_writes_a_page_as_the_writer_writes_each_document():
    """``bound`` gives each document's bytes as ``write`` does, kept on a ``SharedDoc`` for
    the next read, and writes afresh for a plain dict or an argument naming no version."""
    shared = [SharedDoc(encode({"n": n})) for n in range(3)]
    plain = {"n": 9}
    calls = []

    def render(doc, origin):
        calls.append(doc["n"])
        return {"n": doc["n"], "url": origin}

    with ordered_app.app_context():
        write = writer()
        page = write.bound(render, "http://a")
        first = [page(doc) for doc in [*shared, plain]]
        assert first == [write(doc, render, "http://a") for doc in [*shared, plain]]
        assert first[0] == b'{"n":0,"url":"http://a"}'
        assert [page(doc) for doc in [*shared, plain]] == first
        assert calls == [0, 1, 2, 9, 9, 9]  # the shared ones rendered once, the plain each time
        by_dict = write.bound(lambda doc, extra: {"n": doc["n"], **extra}, {"x": 1})
        assert [by_dict(doc) for doc in shared[:1] * 2] == [b'{"n":0,"x":1}'] * 2
