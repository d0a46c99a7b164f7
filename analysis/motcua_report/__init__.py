"""motcua_report: turn a motcua results file (HDF5) into plots and one self-contained HTML page."""
