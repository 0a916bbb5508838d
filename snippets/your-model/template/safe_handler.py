"""The base of the guide's handlers: each request of a batch is checked on its own.

A bad request gets its own 4xx reply (a JSON message naming the problem) while the
others in the same batch are answered; the model only ever sees valid input.
Subclasses implement `parse` (one request body -> one sample), `collate` (samples ->
model input) and `split` (model output -> one reply per sample).
"""
import json

from ts.torch_handler.base_handler import BaseHandler


class BadRequest(ValueError):
    """A request the handler refuses, answered with `code` and `message`."""

    def __init__(self, message: str, code: int = 400):
        super().__init__(message)
        self.message = message
        self.code = code

    def reply(self) -> dict:
        # The same shape as TorchServe's own error replies.
        return {"code": self.code, "type": "BadRequest", "message": self.message}


def request_body(row: dict):
    """The payload of one request: JSON already parsed, or raw bytes (curl -T, gRPC)."""
    body = row.get("data")
    if body is None:
        body = row.get("body")
    if body is None:
        raise BadRequest("body: empty request; send a JSON object")
    return body


def json_body(body):
    """Parse a raw body as JSON (TorchServe parses it only for Content-Type: application/json)."""
    if isinstance(body, (bytes, bytearray)):
        if not body:
            raise BadRequest("body: empty request; send a JSON object")
        try:
            return json.loads(bytes(body).decode("utf-8"))
        except RecursionError:
            raise BadRequest("body: JSON nested too deeply") from None
        except ValueError as e:  # JSONDecodeError, bad UTF-8, a 5,000-digit integer
            raise BadRequest(f"body: not valid JSON ({e})") from None
    if isinstance(body, str):
        # Text bodies arrive decoded but unparsed; a JSON string arrives already parsed.
        try:
            return json_body(body.encode("utf-8"))
        except BadRequest:
            return body
    return body


class SafeHandler(BaseHandler):
    """Validate per request; run the model on the valid ones; reply in request order."""

    def parse(self, body):
        raise NotImplementedError

    def collate(self, samples: list):
        raise NotImplementedError

    def split(self, output, samples: list) -> list:
        raise NotImplementedError

    def preprocess(self, data):
        self._errors, self._samples = {}, []
        for i, row in enumerate(data):
            try:
                self._samples.append(self.parse(request_body(row)))
            except BadRequest as e:
                self._errors[i] = e
        self._count = len(data)
        return self.collate(self._samples) if self._samples else None

    def inference(self, data, *args, **kwargs):
        return None if data is None else super().inference(data, *args, **kwargs)

    def postprocess(self, data):
        replies = iter(self.split(data, self._samples) if self._samples else [])
        out = []
        for i in range(self._count):
            if i in self._errors:
                err = self._errors[i]
                self.context.set_response_status(err.code, err.message, idx=i)
                out.append(err.reply())
            else:
                out.append(next(replies))
        return out
