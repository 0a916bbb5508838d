"""The digit handler: one image per request -> the digit, or where the model looked.

Request: the bytes of one image file as the body (curl -T 7.png), as one multipart field
(curl -F data=@7.png) or as gRPC input {"data": ...}. curl --data-binary alone sends a form,
which TorchServe splits into fields: add -H 'Content-Type: application/octet-stream'.
PNG, JPEG, GIF, BMP or WebP, any size up to MAX_PIXELS.
It becomes the model's input by one rule:
  1. 16-bit grey is scaled to 8 bit; transparent pixels count as black (the background);
  2. convert to 8-bit grey ("L");
  3. pad with black to a square (centred) so the digit keeps its shape;
  4. resize to 28x28; scale to [0, 1]; normalise as in training (mnist.normalise).
The model expects what MNIST shows: a white digit on a black background.

Predictions reply per request: {"digit": 7, "probability": 0.9987}.
Explanations (POST /explanations/mnist) reply per request: a 28x28 list of lists, the
Integrated Gradients attribution of each input pixel to the predicted digit (baseline: a
black image). Values are rounded to 4 decimals.
Anything that is not a readable image gets HTTP 400, e.g. "body: not an image (...)";
the other requests of the batch are answered normally.
"""
import io

import torch
from PIL import Image, UnidentifiedImageError

from mnist import SIZE, normalise
from safe_handler import BadRequest, SafeHandler

# Larger images are refused before they are decoded (a small file can claim a huge size).
MAX_PIXELS = 4096 * 4096
# Formats worth sending a digit in; others (e.g. EPS, which runs Ghostscript) are never opened.
FORMATS = ("PNG", "JPEG", "GIF", "BMP", "WEBP")
DECIMALS = 4
IG_STEPS = 32


def image_bytes(row: dict):
    """The image in one request: the raw body (curl -T, gRPC "data") or one multipart field."""
    for key in ("data", "body"):
        if row.get(key) is not None:
            return row[key]
    files = [v for v in row.values() if isinstance(v, (bytes, bytearray))]
    if len(files) == 1:  # curl -F file=@7.png: the field name is the client's choice
        return files[0]
    # Several fields, or none: a raw body sent as a form (curl --data-binary sends
    # application/x-www-form-urlencoded), which TorchServe splits into fields.
    raise BadRequest("body: no image in the request; send the file as the body (curl -T 7.png, "
                     "or --data-binary with -H 'Content-Type: application/octet-stream') "
                     "or as one multipart field")


def read_image(body) -> Image.Image:
    """Raw request bytes -> a decoded PIL image, or BadRequest naming the problem."""
    if not isinstance(body, (bytes, bytearray)):
        kind = "text" if isinstance(body, str) else "JSON"
        raise BadRequest(f"body: not an image (got {kind}); send the image file's bytes, "
                         "e.g. curl -T 7.png")
    if not body:
        raise BadRequest("body: empty request; send an image file (PNG, JPEG, ...)")
    try:
        image = Image.open(io.BytesIO(body), formats=FORMATS)
        width, height = image.size
        if width * height > MAX_PIXELS:
            raise BadRequest(f"body: image too large ({width}x{height}); "
                             f"at most {MAX_PIXELS} pixels")
        image.load()
    except BadRequest:
        raise
    except UnidentifiedImageError:
        # Pillow's own message names a memory address; this one is stable.
        raise BadRequest(f"body: not an image (unknown format; send {', '.join(FORMATS)})") \
            from None
    except Image.DecompressionBombError:
        raise BadRequest(f"body: image too large; at most {MAX_PIXELS} pixels") from None
    except Exception as e:  # truncated or corrupt data; decoders raise many kinds
        raise BadRequest(f"body: not an image ({e or type(e).__name__})") from None
    return image


def to_input(image: Image.Image) -> torch.Tensor:
    """Any decoded image -> the model's input for one digit, [1, 28, 28] (the rule above)."""
    if image.mode.startswith("I;16") or image.mode == "I":
        image = image.convert("I").point(lambda v: v / 257)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (0, 0, 0, 255)), rgba)
    image = image.convert("L")
    side = max(image.size)
    if image.size != (side, side):
        square = Image.new("L", (side, side), 0)
        square.paste(image, ((side - image.width) // 2, (side - image.height) // 2))
        image = square
    if image.size != (SIZE, SIZE):
        image = image.resize((SIZE, SIZE), Image.Resampling.BILINEAR)
    pixels = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8)
    return normalise(pixels.view(1, SIZE, SIZE).float() / 255)


def rounded(values: torch.Tensor):
    """A tensor as nested lists with DECIMALS decimals (stable replies)."""
    return torch.round(values, decimals=DECIMALS).tolist()


class MnistHandler(SafeHandler):
    """Predictions and Integrated Gradients explanations for models/mnist.py."""

    def initialize(self, context):
        super().initialize(context)
        self._integrated_gradients = None

    def parse(self, row: dict):
        return to_input(read_image(image_bytes(row)))

    def collate(self, samples: list):
        return torch.stack(samples)

    def preprocess(self, data):
        # parse() gets the whole request, to find the image in whichever field it came.
        batch = super().preprocess([{"body": row} for row in data])
        # Explanations are asked per request (header "explain"), so a batch may mix both.
        valid = [i for i in range(len(data)) if i not in self._errors]
        self._explain = [self.wants_explanation(i) for i in valid]
        return batch

    def wants_explanation(self, idx: int) -> bool:
        processors = self.context.request_processor if self.context else None
        return bool(processors) and self.context.get_request_header(idx, "explain") == "True"

    def explain_handle(self, data_preprocess, raw_data):
        # BaseHandler sends the whole batch here when its first request asks for explanations;
        # the same per-request path answers it, bad requests included.
        return self.postprocess(self.inference(data_preprocess))

    def split(self, output, samples: list) -> list:
        probabilities = torch.softmax(output, dim=1)
        confidence, digits = probabilities.max(dim=1)
        replies = [{"digit": int(d), "probability": round(float(p), DECIMALS)}
                   for d, p in zip(digits, confidence)]
        asked = [k for k, explain in enumerate(self._explain) if explain]
        if asked:
            maps = self.attributions(torch.stack([samples[k] for k in asked]), digits[asked])
            for k, attribution in zip(asked, maps):
                replies[k] = rounded(attribution[0])
        return replies

    def attributions(self, inputs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
        """Integrated Gradients from a black image to each input, for its target digit."""
        if self._integrated_gradients is None:
            # Imported on the first explanation: captum takes seconds to import, and most
            # workers only ever predict.
            from captum.attr import IntegratedGradients
            self._integrated_gradients = IntegratedGradients(self.model)
        black = normalise(torch.zeros_like(inputs))
        return self._integrated_gradients.attribute(
            inputs.to(self.device), baselines=black.to(self.device),
            target=targets.tolist(), n_steps=IG_STEPS).cpu()

