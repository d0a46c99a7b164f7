"""pytest set-up for analysis/: the package and the test helpers import from this folder."""
import os
import sys

import matplotlib

matplotlib.use("Agg")  # tests run in CI without a display

HERE = os.path.dirname(os.path.abspath(__file__))
for path in (HERE, os.path.join(HERE, "tests")):
    if path not in sys.path:
        sys.path.insert(0, path)
