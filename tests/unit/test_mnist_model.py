"""The trained digit model: its accuracy on held-out digits and the ten PNGs the pages send."""
from __future__ import annotations

import inspect

import pytest
import torch
from PIL import Image

import mnist
import train_mnist
from mnist import MnistNet, normalise
from mnist_handler import read_image, to_input
from tsharness.paths import REPO, SNIPPETS

PNGS = {digit: SNIPPETS / "quickstart" / "digits" / f"{digit}.png" for digit in range(10)}


@pytest.fixture(scope="module")
def model() -> MnistNet:
    net = MnistNet()
    net.load_state_dict(torch.load(REPO / "models" / "mnist.pt", weights_only=True))
    return net.eval()


@pytest.fixture(scope="module")
def data():
    return train_mnist.dataset()


def predict(model, inputs: torch.Tensor) -> torch.Tensor:
    with torch.no_grad():
        return model(inputs).argmax(1)


def as_uint8(images: torch.Tensor) -> torch.Tensor:
    return (images * 255).round().to(torch.uint8)


def test_model_file_defines_exactly_one_module():
    # TorchServe refuses a --model-file with more than one nn.Module subclass.
    modules = [c for _, c in inspect.getmembers(mnist, inspect.isclass)
               if issubclass(c, torch.nn.Module) and c.__module__ == mnist.__name__]
    assert modules == [MnistNet]


def test_weights_are_a_small_state_dict():
    path = REPO / "models" / "mnist.pt"
    assert path.stat().st_size < 2 * 1024 * 1024
    state = torch.load(path, weights_only=True)
    assert set(state) == set(MnistNet().state_dict())


def test_held_out_accuracy(model, data):
    _, _, x_test, y_test = data
    accuracy = (predict(model, normalise(x_test[:, None])) == y_test).float().mean().item()
    print(f"held-out accuracy: {accuracy:.4f} on {len(y_test)} digits")
    assert accuracy >= 0.95


def test_training_images_look_like_mnist(data):
    x_train = data[0]
    assert x_train.shape[1:] == (28, 28)
    assert x_train.min() == 0 and x_train.max() == 1
    # White on black: the border rows and columns are background.
    border = torch.cat([x_train[:, :2].flatten(), x_train[:, -2:].flatten(),
                        x_train[:, :, :2].flatten(), x_train[:, :, -2:].flatten()])
    assert border.max() == 0
    # Centred by centre of mass (MNIST's rule), within a pixel.
    grid = torch.arange(28.0)
    mass = x_train.sum((1, 2))
    cy = (x_train.sum(2) * grid).sum(1) / mass
    cx = (x_train.sum(1) * grid).sum(1) / mass
    assert (cy - 13.5).abs().max() <= 1 and (cx - 13.5).abs().max() <= 1


@pytest.mark.parametrize("digit", range(10))
def test_png_is_read_correctly_through_the_handler(model, digit):
    pixels = to_input(read_image(PNGS[digit].read_bytes()))
    assert predict(model, pixels[None]).item() == digit


@pytest.mark.parametrize("digit", range(10))
def test_png_is_a_held_out_digit_never_trained_on(data, digit):
    x_train, _y_train, x_test, y_test = data
    with Image.open(PNGS[digit]) as image:
        assert (image.mode, image.size) == ("L", (28, 28))
        png = torch.frombuffer(bytearray(image.tobytes()), dtype=torch.uint8).view(28, 28)
    held_out = as_uint8(x_test[y_test == digit])
    assert (held_out == png).all((1, 2)).any(), "not one of the held-out images"
    assert not (as_uint8(x_train) == png).all((1, 2)).any(), "a training image"
