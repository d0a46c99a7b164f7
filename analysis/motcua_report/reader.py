"""Read a motcua results file: root attributes, tables under a group prefix, variants, comparison."""
import datetime
import os
import tomllib

import h5py
import numpy as np
import pandas as pd

# The newest layout this reader was written against (docs/output-schema.md; version 5 added the
# metrics of everyone who came: service_level, unserved_share, helped, turned_away, and
# better/equal/worse shares and /verdicts in experiment files). Newer files are read anyway, with
# a warning on the page, because new versions have so far only added attributes, columns and
# tables; older ones are read without the parts they lack.
KNOWN_SCHEMA = 11


class BadInput(Exception):
    """The input is not a readable motcua results file (exit code 2)."""


def _decode(ds):
    """A dataset as a numpy array; variable-length strings decoded to str."""
    if ds.dtype.kind in ("O", "S"):
        return ds.asstr()[()]
    return ds[()]


def _attr(value):
    """An HDF5 attribute as a plain Python value (bytes decoded, numpy scalars unwrapped)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.generic):
        return value.item()
    return value


def open_file(path):
    """Open path read-only; raise BadInput with a plain message for every way it can be wrong."""
    if not os.path.exists(path):
        raise BadInput(f"{path}: no such file")
    if os.path.isdir(path):
        raise BadInput(f"{path}: is a folder, not a results file")
    if not h5py.is_hdf5(path):
        raise BadInput(f"{path}: not an HDF5 file (write one with: motcua run SCENARIO -o {path})")
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise BadInput(f"{path}: cannot open: {e}") from e
    version = str(_attr(f.attrs.get("program_version", "")))
    if not version.startswith("motcua") and "schema_version" not in f.attrs:
        f.close()
        raise BadInput(f"{path}: an HDF5 file, but not written by motcua (no program_version "
                       "or schema_version attribute)")
    return f


class Results:
    """The tables of one run inside an open file, under a group prefix.

    prefix is "" for a single-run file (tables at the root) or "variant/<name>/" for one variant
    of a `motcua compare` file: every plot and sentence reads through this class. A national
    file has other tables at its root and is read by NationalResults below.
    """

    def __init__(self, f, prefix="", label=None):
        self.f = f
        self.prefix = prefix
        self.label = label
        if self.table_names() & {"replications", "summary"} != {"replications", "summary"}:
            where = f"/{prefix}" if prefix else "the root group"
            found = ", ".join(sorted(self.table_names())) or "none"
            # National files are caught by base_results() before this; any other motcua file
            # without a root run is a kind this report does not know: say so, not "foreign".
            raise BadInput(f"{f.filename}: no /replications and /summary under {where} (groups "
                           f"found: {found}): a kind of motcua file this report does not read "
                           "(yet), or not a results file")
        self._cache = {}

    def group(self):
        return self.f[self.prefix] if self.prefix else self.f

    def table_names(self):
        g = self.f[self.prefix] if self.prefix else self.f
        return {k for k in g.keys() if isinstance(g[k], h5py.Group)}

    def attr(self, name, default=None):
        """A run attribute: the variant group's own if it has one, else the root's."""
        g = self.group()
        if name in g.attrs:
            return _attr(g.attrs[name])
        return _attr(self.f.attrs[name]) if name in self.f.attrs else default

    def has(self, name):
        """True when the table exists and has at least one row."""
        if name not in self.table_names():
            return False
        g = self.group()[name]
        return any(g[c].shape[0] > 0 for c in g)

    def table(self, name):
        """One group as a DataFrame (string columns decoded), or None when the file lacks it."""
        if name in self._cache:
            return self._cache[name]
        if name not in self.table_names():
            return None
        g = self.group()[name]
        df = pd.DataFrame({c: _decode(g[c]) for c in g})
        self._cache[name] = df
        return df

    def summary(self):
        """/summary indexed by metric name."""
        return self.table("summary").set_index("metric")

    def replications(self):
        return self.table("replications")

    def n_replications(self):
        return int(self.replications().shape[0])

    def is_center_form(self):
        return self.has("days")

    def working_days(self):
        """/calendar rows of the days the center opens (None in the station form)."""
        cal = self.table("calendar")
        if cal is None:
            return None
        return cal[cal["working"] > 0]


def variants(f):
    """[(name, overlays)] of a `motcua compare` file, base variant first; [] for a single run."""
    if "variants" not in f.attrs or "variants" not in f:
        return []
    g = f["variants"]
    names = list(_decode(g["name"]))
    overlays = list(_decode(g["overlays"])) if "overlays" in g else [""] * len(names)
    return list(zip(names, overlays))


def comparison(f):
    """The /comparison table (one row per variant and metric) or None."""
    if "comparison" not in f:
        return None
    g = f["comparison"]
    return pd.DataFrame({c: _decode(g[c]) for c in g})


def verdicts(f):
    """The /verdicts table of a compare file (variant, overall, text), or None (older files)."""
    if "verdicts" not in f:
        return None
    g = f["verdicts"]
    return pd.DataFrame({c: _decode(g[c]) for c in g})


def is_national(f):
    """True for a national results file (root attribute `national`, the number of centers)."""
    return "national" in f.attrs


class NationalResults(Results):
    """The tables of a national file (docs/national.md#output-tables), all at the root.

    summary() and replications() are /national_summary and /national_results, so the helpers
    written for a single run (key numbers, method, about) read a national file unchanged.
    """

    TABLES = ("centers", "center_results", "provinces", "province_results", "national_results",
              "national_summary")

    def __init__(self, f):  # not Results.__init__: that one requires /replications and /summary
        self.f, self.prefix, self.label, self._cache = f, "", None, {}
        missing = [t for t in self.TABLES if t not in self.table_names()]
        if missing:
            raise BadInput(f"{f.filename}: a national file (attribute national) without "
                           f"{', '.join('/' + t for t in missing)}")

    def summary(self):
        return self.table("national_summary").set_index("metric")

    def replications(self):
        return self.table("national_results")

    def is_center_form(self):
        return False

    def working_days(self):
        return None

    def period(self):
        """(days, first date, last date) of the run from the resolved scenario, or None."""
        try:
            run = tomllib.loads(str(self.attr("resolved_scenario", "")))["run"]
            days, start = int(run["days"]), run["start_date"]
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
            return None
        if not isinstance(start, datetime.date) or days < 1:
            return None
        return days, start.isoformat(), (start + datetime.timedelta(days=days - 1)).isoformat()


def base_results(f):
    """The run the main plots describe: the root, or the first (base) variant of a compare file;
    for a national file, NationalResults (the page is then built by national_page.py)."""
    if is_national(f):
        return NationalResults(f)
    vs = variants(f)
    if vs:
        name = vs[0][0]
        if f"variant/{name}" in f:
            return Results(f, f"variant/{name}/", label=name)
    return Results(f, "")
