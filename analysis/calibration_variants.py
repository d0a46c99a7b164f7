"""A calibration variant: the targets file (analysis/calibration_targets.toml) read as one of its
[variants.NAME] reads the evidence, for `calibration.py --variant NAME`."""


def with_variant(cfg, name):
    """The targets file read as its variant `name` ([variants.NAME]) reads the evidence: the
    demoted targets become checks (with their bands), the promoted checks become targets (with
    their kind and sigma), the variant's start replaces the fit's; each moved entry's why gains
    the variant's reason. The main fit's entries are not changed."""
    variants = cfg.get("variants", {})
    if name not in variants:
        raise ValueError("no variant %r in analysis/calibration_targets.toml (variants: %s)" % (
            name, ", ".join(sorted(variants)) or "none"))
    v = variants[name]
    moved = lambda entry, extra: dict(entry, **{k: w for k, w in extra.items() if k != "why_variant"},  # noqa: E731
                                      why="%s VARIANT %s: %s" % (entry["why"], name, extra["why_variant"]))
    demote, promote = v.get("demote", {}), v.get("promote", {})
    for key, pool in ((demote, cfg["target"]), (promote, cfg["check"])):
        missing = set(key) - {e["id"] for e in pool}
        if missing:
            raise ValueError("variant %r moves %s, not in the file" % (name, ", ".join(sorted(missing))))
    out = dict(cfg, fit=dict(cfg["fit"], start=v.get("start", cfg["fit"]["start"])))
    out["target"] = [t for t in cfg["target"] if t["id"] not in demote] + [
        moved(c, promote[c["id"]]) for c in cfg["check"] if c["id"] in promote]
    out["check"] = [c for c in cfg["check"] if c["id"] not in promote] + [
        moved(t, demote[t["id"]]) for t in cfg["target"] if t["id"] in demote]
    out["variant"] = dict(v, name=name)
    return out
