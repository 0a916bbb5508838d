"""The digit handler inside the real mnist.mar, driven the way a TorchServe worker drives it."""
from __future__ import annotations

import io

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from mnist import normalise
from mnist_handler import MAX_PIXELS, read_image, to_input
from tsharness.archives import build_archive, unpack_archive
from tsharness.paths import SNIPPETS
from tsharness.worker import Request, call, grpc, http_json, http_raw, load_handler

BATCH = 8
PNG = {digit: (SNIPPETS / "quickstart" / "digits" / f"{digit}.png").read_bytes() for digit in range(10)}


@pytest.fixture(scope="module")
def handler(tmp_path_factory):
    root = tmp_path_factory.mktemp("mnist")
    mar = build_archive("mnist", root / "store")
    return load_handler(unpack_archive(mar, root / "mnist"), batch_size=BATCH)


def encode(image: Image.Image, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def seven() -> Image.Image:
    return Image.open(io.BytesIO(PNG[7])).convert("L")


def predict(handler, body) -> dict:
    replies, codes = call(handler, [body])
    assert codes == [200], replies
    return replies[0]


def refused(handler, body) -> str:
    replies, codes = call(handler, [body])
    assert codes == [400], replies
    assert replies[0]["code"] == 400 and replies[0]["type"] == "BadRequest"
    return replies[0]["message"]


# --- predictions -------------------------------------------------------------
def test_each_png_gives_its_digit(handler):
    replies, codes = call(handler, [http_raw(PNG[d]) for d in range(BATCH)])
    replies2, codes2 = call(handler, [http_raw(PNG[d]) for d in range(BATCH, 10)])
    assert codes + codes2 == [200] * 10
    assert [r["digit"] for r in replies + replies2] == list(range(10))
    for r in replies + replies2:
        assert set(r) == {"digit", "probability"}
        assert 0.5 < r["probability"] <= 1
        assert r["probability"] == round(r["probability"], 4)


def test_grpc_and_multipart_bodies(handler):
    assert predict(handler, grpc(PNG[3]))["digit"] == 3
    # curl -F file=@3.png: the field name is the client's choice.
    assert predict(handler, Request({"file": ("image/png", PNG[3])}))["digit"] == 3


def test_mixed_batch_keeps_order_with_per_request_400s(handler):
    bodies = [PNG[0], b"not an image", PNG[1], PNG[2][:60], b"", PNG[5], {"digit": 5}]
    replies, codes = call(handler, [http_raw(b) if isinstance(b, bytes) else http_json(b)
                                    for b in bodies])
    assert codes == [200, 400, 200, 400, 400, 200, 400]
    assert [r["digit"] for r in (replies[0], replies[2], replies[5])] == [0, 1, 5]
    messages = [replies[i]["message"] for i in (1, 3, 4, 6)]
    assert messages[0].startswith("body: not an image (unknown format")
    assert messages[1].startswith("body: not an image (")
    assert messages[2].startswith("body: empty request")
    assert messages[3].startswith("body: not an image (got JSON)")


def test_a_batch_of_only_bad_requests(handler):
    replies, codes = call(handler, [b"\x89PNG\r\n\x1a\n", "plain text"])
    assert codes == [400, 400]
    assert replies[1]["message"].startswith("body: not an image (")


@pytest.mark.parametrize("message, body", [
    ("not an image (unknown format", b"hello, not an image"),
    ("not an image (", b"GIF87a" + bytes(20)),        # a header and nothing after it
    ("not an image (", PNG[4][:len(PNG[4]) // 2]),  # truncated inside the pixel data
    ("empty request", b""),
])
def test_bad_bytes_are_named(handler, message, body):
    assert refused(handler, http_raw(body)).startswith(f"body: {message}")


@pytest.mark.parametrize("fields", [
    {},                                              # no body at all
    {"a": ("", b"1"), "b": ("", b"2")},              # a raw body TorchServe read as a form
])
def test_no_image_field(handler, fields):
    assert refused(handler, Request(fields)).startswith("body: no image in the request;")


def test_text_body(handler):
    assert refused(handler, http_raw("7", "text/plain")).startswith("body: not an image (got text)")


def test_formats_outside_the_list_are_not_opened(handler):
    assert "unknown format" in refused(handler, http_raw(encode(seven(), "TIFF")))


def test_oversized_image_is_refused_before_decoding(handler):
    side = int(MAX_PIXELS ** 0.5) + 1
    body = encode(Image.new("1", (side, side)))  # a few KB that would decode to 16 M pixels
    assert len(body) < 100_000
    assert refused(handler, http_raw(body)) == (
        f"body: image too large ({side}x{side}); at most {MAX_PIXELS} pixels")


# --- odd but valid images ----------------------------------------------------
def rgba_white_on_transparent() -> Image.Image:
    alpha = seven()
    image = Image.new("RGBA", alpha.size, (255, 255, 255, 0))
    image.putalpha(alpha)
    return image


@pytest.mark.parametrize("name, make", [
    ("RGB", lambda: seven().convert("RGB")),
    ("RGBA opaque", lambda: seven().convert("RGBA")),
    ("RGBA white on transparent", rgba_white_on_transparent),
    ("LA", lambda: seven().convert("LA")),
    ("palette", lambda: seven().convert("P")),
    ("16-bit", lambda: seven().convert("I").point(lambda v: v * 257).convert("I;16")),
    ("56x56", lambda: seven().resize((56, 56))),
    ("300x300", lambda: seven().resize((300, 300))),
    ("28x40", lambda: pad(seven(), 28, 40)),
    ("40x28", lambda: pad(seven(), 40, 28)),
])
def test_odd_but_valid_images_are_read(handler, name, make):
    image = make()
    if name == "16-bit":
        assert Image.open(io.BytesIO(encode(image))).mode.startswith("I;16")
    assert predict(handler, http_raw(encode(image)))["digit"] == 7


def pad(image: Image.Image, width: int, height: int) -> Image.Image:
    """The digit centred on a larger, non-square black canvas."""
    out = Image.new("L", (width, height))
    out.paste(image, ((width - image.width) // 2, (height - image.height) // 2))
    return out


def test_non_square_images_are_padded_not_stretched():
    tall = to_input(pad(seven(), 28, 40))
    assert torch.equal(tall, to_input(pad(seven(), 40, 40)))


@pytest.mark.parametrize("fmt", ["JPEG", "BMP", "GIF", "WEBP"])
def test_other_formats(handler, fmt):
    assert predict(handler, http_raw(encode(seven(), fmt)))["digit"] == 7


def test_a_single_pixel_still_gets_an_answer(handler):
    reply = predict(handler, http_raw(encode(Image.new("L", (1, 1), 255))))
    assert reply["digit"] in range(10)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=300),
                 st.builds(lambda cut: PNG[8][:cut], st.integers(0, len(PNG[8]) - 1)),
                 st.builds(lambda i, b: PNG[8][:i] + b + PNG[8][i + len(b):],
                           st.integers(0, len(PNG[8]) - 1), st.binary(min_size=1, max_size=8))))
def test_any_bytes_get_an_answer_or_a_400(handler, body):
    replies, codes = call(handler, [http_raw(body), http_raw(PNG[9])])
    assert codes[1] == 200 and replies[1]["digit"] == 9
    if codes[0] == 200:  # a PNG can survive a flipped byte in an unchecked place
        assert replies[0]["digit"] in range(10)
    else:
        assert codes[0] == 400
        assert replies[0]["message"].startswith(("body: not an image (", "body: empty request"))


# --- explanations --------------------------------------------------------------
def logit(handler, x: torch.Tensor, digit: int) -> float:
    with torch.no_grad():
        return handler.model(x[None])[0, digit].item()


def test_explanation_is_a_28x28_attribution_map(handler):
    replies, codes = call(handler, [PNG[7]], explain=True)
    assert codes == [200]
    attribution = torch.tensor(replies[0])
    assert attribution.shape == (28, 28)
    assert torch.equal(attribution, torch.round(attribution, decimals=4))
    # Integrated Gradients' completeness: the map adds up to the change of the digit's logit
    # from the black baseline to the image (up to the integral's approximation).
    x = to_input(read_image(PNG[7]))
    change = logit(handler, x, 7) - logit(handler, normalise(torch.zeros_like(x)), 7)
    assert attribution.sum().item() == pytest.approx(change, rel=0.05)
    # The attribution sits on the digit: the background pixels carry none.
    pixels = torch.frombuffer(bytearray(seven().tobytes()), dtype=torch.uint8).view(28, 28)
    assert attribution[pixels == 0].abs().max() == 0


def test_explanations_batch_with_bad_requests(handler):
    replies, codes = call(handler, [PNG[1], b"nope", PNG[2][:50], PNG[2]], explain=True)
    assert codes == [200, 400, 400, 200]
    assert torch.tensor(replies[0]).shape == torch.tensor(replies[3]).shape == (28, 28)
    assert replies[1]["message"].startswith("body: not an image (")


def test_a_batch_may_mix_predictions_and_explanations(handler):
    explain = {"explain": "True"}
    for first in ({}, explain):  # BaseHandler decides on the first request alone
        requests = [Request(http_raw(PNG[4]).parameters, first),
                    Request(http_raw(PNG[6]).parameters, explain if not first else {}),
                    Request(http_raw(b"\x00").parameters, explain)]
        replies, codes = call(handler, requests)
        assert codes == [200, 200, 400]
        predicted, explained = (replies[0], replies[1]) if not first else (replies[1], replies[0])
        assert predicted["digit"] == (6 if first else 4)
        assert torch.tensor(explained).shape == (28, 28)


def test_predictions_after_explanations_are_predictions_again(handler):
    call(handler, [PNG[0]], explain=True)
    reply = predict(handler, http_raw(PNG[0]))
    assert set(reply) == {"digit", "probability"} and reply["digit"] == 0
