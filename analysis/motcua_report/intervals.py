"""Student-t 95 % confidence intervals across replications (numpy only, no scipy)."""
import math

import numpy as np
import pandas as pd

# t_{0.975, df} for df = 1..30, from the exact Student-t quantile. Debian's matplotlib does not
# pull in scipy, so the report must not need it; above 30 degrees of freedom the
# Cornish-Fisher expansion below is exact to 1e-7.
_T975 = [12.706204736, 4.302652730, 3.182446305, 2.776445105, 2.570581837, 2.446911849,
         2.364624251, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
         2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
         2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
         2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456]
_Z975 = 1.959963984540054


def t975(df):
    """The 97.5 % quantile of Student's t with df degrees of freedom (df >= 1)."""
    if df < 1:
        raise ValueError("t quantile needs at least one degree of freedom")
    if df <= len(_T975):
        return _T975[df - 1]
    z, n = _Z975, float(df)
    return (z + (z**3 + z) / (4 * n) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * n**4))


class Interval:
    """Mean of per-replication values and its 95 % interval mean ± t·sd/√n (NaN when n < 2)."""

    def __init__(self, values):
        v = np.asarray(values, dtype=float)
        v = v[~np.isnan(v)]  # a metric undefined in a replication is skipped, as in /summary
        self.n = int(v.size)
        self.mean = float(v.mean()) if self.n else math.nan
        if self.n >= 2:
            self.sd = float(v.std(ddof=1))
            self.half = t975(self.n - 1) * self.sd / math.sqrt(self.n)
        else:
            self.sd = self.half = math.nan
        self.low = self.mean - self.half
        self.high = self.mean + self.half

    @classmethod
    def from_summary(cls, row):
        """An Interval read from one /summary row (mean, ci95_low, ci95_high, sd, n)."""
        obj = cls.__new__(cls)
        obj.n = int(row["n"])
        obj.mean = float(row["mean"])
        obj.sd = float(row["sd"])
        obj.half = float(row["ci95_half_width"])
        obj.low, obj.high = float(row["ci95_low"]), float(row["ci95_high"])
        return obj

    def scaled(self, k):
        """The same interval in other units (k·mean, k·low, k·high)."""
        obj = Interval.__new__(Interval)
        obj.n, obj.mean, obj.sd, obj.half = self.n, self.mean * k, self.sd * abs(k), self.half * abs(k)
        obj.low, obj.high = sorted((self.low * k, self.high * k))
        return obj

    def capped(self, top=1.0):
        """The same interval with its upper bound at most top (a share cannot exceed 1)."""
        obj = self.scaled(1.0)
        obj.high = min(obj.high, top)
        return obj

    def has_interval(self):
        return self.n >= 2 and not math.isnan(self.half)


def by_group(df, keys, value, rep="replication"):
    """Per-replication values grouped by keys -> DataFrame of keys, mean, low, high, n.

    df must hold one value per (replication, keys...) row: aggregate first, then call this.
    """
    rows = []
    for key, g in df.groupby(keys, sort=True):
        iv = Interval(g[value].to_numpy())
        key = key if isinstance(key, tuple) else (key,)
        rows.append((*key, iv.mean, iv.low, iv.high, iv.n))
    names = keys if isinstance(keys, list) else [keys]
    return pd.DataFrame(rows, columns=[*names, "mean", "low", "high", "n"])
