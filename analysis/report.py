#!/usr/bin/python3
"""Turn a motcua results file into PNG plots and one self-contained HTML page (reads HDF5 only).

usage: /usr/bin/python3 analysis/report.py out/default.h5 -o out/report     (or: motcua report ...)
"""
import os
import sys

# The package lives next to this script; motcua report runs it from wherever it was installed.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from motcua_report.main import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
