"""pytest set-up for analysis/: the package and the test helpers import from this folder."""
import os
import sys

import matplotlib
import pytest

matplotlib.use("Agg")  # tests run in CI without a display

HERE = os.path.dirname(os.path.abspath(__file__))
for path in (HERE, os.path.join(HERE, "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)


@pytest.fixture
def motcua_binary():
    """The motcua binary for the tests that run the model: $MOTCUA_BINARY, else the build folder
    of `.ci/quickstart test` (build-test) or of the README (build). A missing binary fails the
    test with what to do: these tests must not pass by not running."""
    root = os.path.dirname(HERE)
    for path in (os.environ.get("MOTCUA_BINARY"), os.path.join(root, "build-test/sim/motcua"),
                 os.path.join(root, "build/sim/motcua")):
        if path and os.access(path, os.X_OK):
            return path
    pytest.fail("no motcua binary: build it (cmake --build build --target motcua) or set MOTCUA_BINARY")
