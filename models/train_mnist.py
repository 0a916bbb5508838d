"""Train models/mnist.py on scikit-learn's bundled digits and write the guide's files.

    .venv/bin/python models/train_mnist.py      # or: make train-mnist

Nothing is downloaded: load_digits ships 1797 8x8 digits with scikit-learn. Each one is
turned into an MNIST-style image (white on black, fitted into a 20x20 box, centred by its
centre of mass in 28x28) and training adds small shifts, rotations, scaling and stroke
thickness changes so the model also reads real MNIST-style digits. Writes:
  models/mnist.pt             the state_dict (seeded; about two minutes on 2 cores)
  snippets/quickstart/digits/0..9.png    one held-out digit per class, never seen in training
"""
from __future__ import annotations

import math
from pathlib import Path

import torch
import torch.nn.functional as F
from PIL import Image
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

from mnist import SIZE, MnistNet, normalise

REPO = Path(__file__).resolve().parents[1]
WEIGHTS = REPO / "models" / "mnist.pt"
DIGITS = REPO / "snippets" / "digits"
SEED = 0
BOX = 20  # MNIST fits each digit into 20x20 and centres it in 28x28


def mnist_style(image8: torch.Tensor) -> torch.Tensor:
    """One 8x8 digit (values 0..16) -> a 28x28 MNIST-style image in [0, 1]."""
    x = image8.float() / 16
    rows = torch.nonzero(x.sum(1) > 0).flatten()
    cols = torch.nonzero(x.sum(0) > 0).flatten()
    x = x[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = x.shape
    scale = BOX / max(h, w)
    size = (max(1, round(h * scale)), max(1, round(w * scale)))
    x = F.interpolate(x[None, None], size=size, mode="bicubic", align_corners=False)[0, 0]
    # Upscaled 8x8 strokes are soft; MNIST strokes have a saturated core.
    x = (x.clamp(0, 1) * 1.6).clamp(0, 1)
    out = torch.zeros(SIZE, SIZE)
    mass = x.sum()
    cy = (x.sum(1) * torch.arange(size[0])).sum() / mass
    cx = (x.sum(0) * torch.arange(size[1])).sum() / mass
    top = min(max(round(SIZE / 2 - 0.5 - cy.item()), 0), SIZE - size[0])
    left = min(max(round(SIZE / 2 - 0.5 - cx.item()), 0), SIZE - size[1])
    out[top:top + size[0], left:left + size[1]] = x
    return out


def dataset():
    """(train images, train labels, held-out images, held-out labels); images [N, 28, 28]."""
    digits = load_digits()
    images = torch.stack([mnist_style(torch.from_numpy(d)) for d in digits.images])
    labels = torch.from_numpy(digits.target).long()
    train, test = train_test_split(range(len(labels)), test_size=0.2, random_state=SEED,
                                   stratify=digits.target)
    return images[train], labels[train], images[test], labels[test]


def augment(x: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    """Random shift (+-2 px), rotation (+-15 deg), scale (0.8..1.15) and stroke width."""
    n = len(x)

    def uniform(lo, hi):
        return lo + (hi - lo) * torch.rand(n, generator=gen)

    angle = uniform(-15, 15) * math.pi / 180
    scale = uniform(0.8, 1.15)
    shift = uniform(-2, 2), uniform(-2, 2)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.stack([
        torch.stack([cos, -sin, shift[0] * 2 / SIZE], 1),
        torch.stack([sin, cos, shift[1] * 2 / SIZE], 1),
    ], 1)
    x = x[:, None]
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, align_corners=False)
    # Thicker or thinner strokes: grey dilation / erosion, for a third of the images each.
    width = torch.randint(0, 3, (n, 1, 1, 1), generator=gen)
    thick = F.max_pool2d(x, 3, 1, 1)
    thin = -F.max_pool2d(-x, 3, 1, 1)
    x = torch.where(width == 1, (x + thick) / 2, torch.where(width == 2, (x + thin) / 2, x))
    return x.clamp(0, 1)


def accuracy(model: MnistNet, images: torch.Tensor, labels: torch.Tensor) -> float:
    model.eval()
    with torch.no_grad():
        predicted = model(normalise(images[:, None])).argmax(1)
    return (predicted == labels).float().mean().item()


def train(epochs: int = 30, batch: int = 64) -> MnistNet:
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)
    x_train, y_train, x_test, y_test = dataset()
    model = MnistNet()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=4e-3, total_steps=epochs * math.ceil(len(x_train) / batch))
    for epoch in range(epochs):
        model.train()
        order = torch.randperm(len(x_train), generator=gen)
        for i in range(0, len(order), batch):
            idx = order[i:i + batch]
            loss = F.cross_entropy(model(normalise(augment(x_train[idx], gen))), y_train[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        if epoch % 10 == 9 or epoch == epochs - 1:
            print(f"epoch {epoch + 1}: loss {loss.item():.3f}, "
                  f"held-out accuracy {accuracy(model, x_test, y_test):.4f}")
    return model


def write_digits() -> None:
    """The first held-out image of each class, as the 8-bit PNG the pages send."""
    _, _, x_test, y_test = dataset()
    DIGITS.mkdir(parents=True, exist_ok=True)
    for digit in range(10):
        pixels = (x_test[y_test == digit][0] * 255).round().to(torch.uint8)
        Image.frombytes("L", (SIZE, SIZE), bytes(pixels.flatten().tolist())).save(
            DIGITS / f"{digit}.png", optimize=True)


def main() -> None:
    torch.set_num_threads(2)
    model = train()
    torch.save(model.state_dict(), WEIGHTS)
    write_digits()
    print(f"wrote {WEIGHTS.relative_to(REPO)} and {DIGITS.relative_to(REPO)}/0..9.png")


if __name__ == "__main__":
    main()
