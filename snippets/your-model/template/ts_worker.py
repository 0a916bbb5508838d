"""Run a handler the way a TorchServe worker does, without the Java frontend: one file, needing only
TorchServe's Python package (`ts`) and the standard library. Copy it next to your tests.

`load_archive` unpacks a .mar and `load_handler` loads and initialises the handler of an unpacked
archive with TorchServe's own model loader (the manifest, the model config yaml as
`context.model_yaml_config`, the model directory searched first for top-level modules, as the worker's
PYTHONPATH puts it first); `call` sends a batch through
TorchServe's own wire codec and `Service.predict`, so replies, per-request status codes and
batch-level failures (500/503) are what a client would get.

For a handler's own tests (no Java, no server):

    handler = load_archive("model_store/my_model.mar", batch_size=4)
    replies, codes = call(handler, [request_1, request_2])   # one reply and one status per request

A handler that fails to load raises here what the worker would log; a batch answered with the wrong
number of replies comes back as a 503 for every request, as TorchServe answers it.
"""
from __future__ import annotations

import contextlib
import importlib.abc
import importlib.machinery
import io
import json
import struct
import sys
import weakref
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import ts
from ts.metrics.metric_cache_yaml_impl import MetricsCacheYamlImpl
from ts.model_loader import TsModelLoader
from ts.protocol.otf_message_handler import retrieve_msg
from ts.service import Service

# The same metrics definition a worker gets from the frontend by default.
METRICS_YAML = Path(ts.__file__).parent / "configs" / "metrics.yaml"

_services: weakref.WeakKeyDictionary[object, Service] = weakref.WeakKeyDictionary()


def manifest(model_dir: str | Path) -> dict:
    return json.loads((Path(model_dir) / "MAR-INF" / "MANIFEST.json").read_text())


# --- loading ----------------------------------------------------------------
class _ModelDirFirst(importlib.abc.MetaPathFinder):
    """Finds top-level modules in the model directory before anywhere else: what the worker gets
    from the model directory being first on its PYTHONPATH. Other names go on to the usual finders."""

    def __init__(self, model_dir: Path):
        self.path = [str(model_dir)]

    def find_spec(self, name, path=None, target=None):
        if path is not None:  # a submodule: its package's own __path__ decides
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, self.path)
        # A plain folder (a namespace portion) does not shadow a module found later on the path.
        return spec if spec is not None and spec.loader is not None else None


@contextlib.contextmanager
def _worker_imports(model_dir: Path):
    """Import modules from `model_dir` as a worker would, then give the test its own modules back.

    The archive's files shadow same-named modules already imported (your project's own),
    so the code under test is the archive's copy; afterwards sys.modules is as it was.
    """
    local = {p.stem for p in model_dir.glob("*.py")}
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name in local}
    finder = _ModelDirFirst(model_dir)
    sys.meta_path.insert(0, finder)
    try:
        with contextlib.chdir(model_dir):
            yield
    finally:
        sys.meta_path.remove(finder)
        for name in local:
            sys.modules.pop(name, None)
        sys.modules.update(saved)


def load_handler(model_dir: str | Path, *, batch_size: int = 1, model_name: str | None = None):
    """Load and initialise the manifest's handler on an unpacked archive, as a worker does;
    return the handler object (or the module-level `handle` function)."""
    model_dir = Path(model_dir).resolve()
    mf = manifest(model_dir)
    model_name = model_name or mf["model"]["modelName"]
    metrics = MetricsCacheYamlImpl(config_file_path=str(METRICS_YAML))
    metrics.initialize_cache()
    metrics.model_name = model_name
    with _worker_imports(model_dir):
        service = TsModelLoader().load(model_name, str(model_dir), mf["model"]["handler"], None,
                                       batch_size, None, True, metrics)
    service.set_cl_socket(None)
    entry = service._entry_point
    obj = getattr(entry, "__self__", entry)  # the handler instance, or the handle function
    _services[obj] = service
    return obj


def unpack_archive(mar: str | Path, dest: str | Path) -> Path:
    """Extract a .mar (a zip file) into `dest`, as TorchServe does before loading it."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(mar) as z:
        z.extractall(dest)
    return dest


def load_archive(mar: str | Path, batch_size: int = 1, dest: str | Path | None = None):
    """Unpack a .mar (into `dest`, or a new temporary folder) and load its handler, as a worker does."""
    import tempfile

    dest = dest if dest is not None else tempfile.mkdtemp(prefix=Path(mar).stem + "-")
    return load_handler(unpack_archive(mar, dest), batch_size=batch_size)


# --- calling ----------------------------------------------------------------
@dataclass
class Request:
    """One request as the frontend forwards it: named parameters, each with a content type."""
    parameters: dict = field(default_factory=dict)  # name -> (content type, bytes)
    headers: dict = field(default_factory=dict)


def http_json(obj=None, *, raw: bytes | None = None) -> Request:
    """POST with Content-Type: application/json (the worker parses the JSON)."""
    data = raw if raw is not None else json.dumps(obj).encode()
    return Request({"body": ("application/json", data)})


def http_raw(data: bytes | str, content_type: str = "") -> Request:
    """A body without a JSON content type (curl -T): bytes arrive as a bytearray."""
    return Request({"body": (content_type, data.encode() if isinstance(data, str) else data)})


def grpc(data: bytes | str | dict | list, name: str = "data") -> Request:
    """gRPC Predictions with input={name: bytes}: no content type, a bytearray under `name`."""
    if not isinstance(data, (bytes, str)):
        data = json.dumps(data)
    return Request({name: ("", data.encode() if isinstance(data, str) else data)})


@dataclass
class Reply:
    code: int
    phrase: str
    content_type: str
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


def _frame(requests: list[Request]) -> bytes:
    def buf(b: bytes) -> bytes:
        return struct.pack("!i", len(b)) + b

    msg = bytearray(b"I")
    for i, req in enumerate(requests):
        msg += buf(f"req-{i}".encode())
        for k, v in req.headers.items():
            msg += buf(k.encode()) + buf(v.encode())
        msg += struct.pack("!i", -1)
        for name, (ctype, data) in req.parameters.items():
            msg += buf(name.encode()) + buf(ctype.encode()) + buf(bytes(data))
        msg += struct.pack("!i", -1)
    msg += struct.pack("!i", -1)
    return bytes(msg)


class _Stream:
    """Just enough of a socket for TorchServe's codec."""

    def __init__(self, data: bytes):
        self._io = io.BytesIO(data)

    def recv(self, n: int) -> bytes:
        return self._io.read(n)


def _parse_response(resp: bytes, n: int) -> list[Reply]:
    s = io.BytesIO(resp)

    def i32() -> int:
        return struct.unpack("!i", s.read(4))[0]

    def text() -> bytes:
        return s.read(i32())

    i32(), text()  # batch code and message; every request carries its own below
    replies = []
    for _ in range(n):
        text()  # request id
        ctype = text().decode()
        code, phrase = i32(), text().decode()
        headers = {text().decode(): text().decode() for _ in range(i32())}
        replies.append(Reply(code, phrase, ctype, headers, text()))
    assert i32() == -1, "malformed response frame"
    return replies


def call_raw(handler, requests: list, explain: bool = False) -> list[Reply]:
    """Send one batch through the worker's codec and Service.predict; one Reply per request."""
    reqs = [r if isinstance(r, Request) else _as_request(r) for r in requests]
    if explain:
        reqs = [Request(r.parameters, {**r.headers, "explain": "True"}) for r in reqs]
    _, batch = retrieve_msg(_Stream(_frame(reqs)))
    resp = _services[handler].predict(batch)
    return _parse_response(bytes(resp), len(reqs))


def _as_request(body) -> Request:
    # Plain values: bytes/str as a raw body, anything else as a JSON body.
    return http_raw(body) if isinstance(body, (bytes, bytearray, str)) else http_json(body)


def call(handler, bodies: list, explain: bool = False) -> tuple[list, list[int]]:
    """Send a batch; return (replies decoded from JSON where they are JSON, status code per index).

    Each item is a `Request` (see http_json, http_raw, grpc) or a plain body: bytes/str are sent
    raw, anything else as application/json.
    """
    replies = call_raw(handler, bodies, explain=explain)
    decoded = []
    for r in replies:
        try:
            decoded.append(r.json())
        except ValueError:
            decoded.append(r.body)
    return decoded, [r.code for r in replies]
