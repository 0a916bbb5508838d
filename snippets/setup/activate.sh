# Each page starts here, in a new terminal at the repository root: the guide's venv in this shell
# (python, torchserve and torch-model-archiver from .venv/bin). `deactivate` leaves it.
source .venv/bin/activate
