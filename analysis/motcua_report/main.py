"""Command line of the report: read the file, draw every plot, write the PNGs and index.html."""
import argparse
import io
import os
import sys
import traceback

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import (comparison, facts, figures, national_facts, national_figures,  # noqa: E402
               national_page, national_text, page, reader, summary_text)
from .intervals import t975  # noqa: E402

EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 3

# /summary rows shown in the "Key numbers" table, in this order, when present.
KEY_METRICS = ["arrived", "served", "reneged", "balked", "sent_home", "returned", "wait_mean",
               "wait_p50", "wait_p90", "wait_p95", "wait_max", "wait_mean_priority", "sojourn_mean",
               "utilization", "abandon_prob", "on_time_rate", "dossiers_received", "dossiers_late",
               "backlog_mean", "backlog_max", "system_down", "system_outages",
               "system_citizens_sent_home"]


def png_bytes(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


def write_png(outdir, stem, data):
    with open(os.path.join(outdir, stem + ".png"), "wb") as fh:
        fh.write(data)


def draw_main_plots(res, outdir, errors, plots=figures.MAIN_PLOTS):
    """Every plot as an HTML block; a plot the file cannot support becomes a 'Not shown' line."""
    blocks = []
    for stem, title, fn in plots:
        try:
            fig, caption = fn(res)
        except figures.Skip as why:
            blocks.append(page.skipped_block(title, stem, str(why)))
            continue
        except Exception:  # a bug in one plot must not cost the ward leader the whole page
            errors.append(f"plot {stem}:\n{traceback.format_exc()}")
            blocks.append(page.skipped_block(title, stem, "this plot failed (a bug in the report "
                                                          "script; the error is printed on stderr)"))
            plt.close("all")
            continue
        data = png_bytes(fig)
        write_png(outdir, stem, data)
        blocks.append(page.figure_block(title, stem, data, caption))
    return blocks


def key_numbers(res):
    s = res.summary()
    rows = []
    for m in [m for m in KEY_METRICS if m in s.index]:
        r = s.loc[m]
        f = lambda x: "–" if x != x else f"{x:,.4g}"  # noqa: E731  (x != x is NaN)
        rows.append([m, r["unit"], f(r["mean"]), f(r["ci95_low"]), f(r["ci95_high"]), int(r["n"])])
    return ("<h2 id=\"key-numbers\">Key numbers</h2><p>From the file's <code>/summary</code>: the mean "
            "over replications of each run's value, and its 95 % confidence interval.</p>"
            + page.table(["metric", "unit", "mean", "95 % low", "95 % high", "n"], rows))


def method_block(n):
    t = f"{t975(n - 1):.3f}" if n >= 2 else "undefined"
    return ("<h2 id=\"method\">How the intervals are computed</h2><p>Each replication is an "
            "independent run with its own random numbers. For a quantity <i>x</i> computed once per "
            "replication (a run's mean wait, a weekday's queue at 09:00, a counter's idle share), "
            "the report shows the mean <i>x̄</i> over the <i>n</i> replications and the Student-t "
            "95 % interval <i>x̄</i> ± t<sub>0.975, n−1</sub> · <i>s</i> / √<i>n</i>, where <i>s</i> "
            f"is the sample standard deviation (divisor n − 1). Here n = {n}, t<sub>0.975, n−1</sub> "
            f"= {t}. The interval is for the expected value of the per-replication quantity, not the "
            "range of single citizens. In the summary sentences, lower bounds below zero are shown as "
            "0. Details: <code>docs/report.md</code>.</p>")


def about_block(f, res, path):
    a = lambda k: res.attr(k, "?")  # noqa: E731
    rows = [["results file", path], ["scenario", a("scenario_name")], ["scenario file", a("scenario_path")],
            ["seed", a("seed")], ["replications", a("replications")], ["written by", a("program_version")],
            ["schema version", a("schema_version")]]
    if a("overlays") not in ("?", ""):
        rows.insert(3, ["overlays", a("overlays")])
    note = ""
    if isinstance(a("schema_version"), int) and a("schema_version") > reader.KNOWN_SCHEMA:
        note = (f"<p class=\"skip\">This file has schema version {a('schema_version')}; this report "
                f"was written for version {reader.KNOWN_SCHEMA}. New tables are not shown.</p>")
    text = res.attr("scenario_text", "")
    scen = (f"<details><summary>The scenario file (assumptions are marked in its comments)</summary>"
            f"<pre>{page.esc(text)}</pre></details>") if text else ""
    return "<h2 id=\"about\">About this run</h2>" + note + page.table(["", ""], rows) + scen


def variants_blocks(f, outdir):
    """The comparison part of a `motcua compare` file, or [] for a single run."""
    vs = reader.variants(f)
    if not vs:
        return []
    kind = str(f.attrs.get("experiment", "compare"))
    if isinstance(f.attrs.get("experiment"), bytes):
        kind = f.attrs["experiment"].decode()
    swept = f.attrs.get("sweep_key", "")
    swept = swept.decode() if isinstance(swept, bytes) else str(swept)
    what = f"a sweep of <code>{page.esc(swept)}</code>" if kind == "sweep" and swept else f"motcua {page.esc(kind)}"
    blocks = [f"<h2 id=\"variants\">Variants</h2><p>This file holds {len(vs)} variants ({what}). "
              "The first variant is the base: the plots below describe it. Each other variant was "
              "run with the same random numbers (common random numbers), so their differences are "
              "compared replication by replication.</p>",
              page.table(["variant", "overlays"], [[n, o or "(none)"] for n, o in vs])]
    comp = reader.comparison(f)
    if comp is None or comp.empty:
        return blocks + ["<p class=\"skip\">Not shown: the file has no /comparison table.</p>"]
    rows = comparison.table_rows(comp)
    blocks.append("<h3>Paired comparison</h3><p>Difference = variant − base, mean over replications; "
                  "the paired interval is the Student-t 95 % interval of the per-replication "
                  "differences, the unpaired one treats the two variants as independent samples. "
                  "Coloured rows: the paired interval excludes 0, and the variant is better "
                  "(green), worse (red), or different for a metric that is neither (purple). "
                  "\u201cBetter in\u201d is the share of replications in which the variant did "
                  "better than the base.</p>")
    headers = ["variant", "metric", "base", "variant", "difference", "paired 95 %", "unpaired 95 %",
               "better in"]
    key = [(r, c) for r, c in rows if r[1] in comparison.KEY_METRICS]
    rest = [(r, c) for r, c in rows if r[1] not in comparison.KEY_METRICS]
    blocks.append(page.table(headers, [r for r, _ in key], [c for _, c in key]))
    if rest:
        blocks.append(f"<details><summary>All other metrics ({len(rest)} rows)</summary>"
                      + page.table(headers, [r for r, _ in rest], [c for _, c in rest]) + "</details>")
    data = png_bytes(comparison.forest_plot(comp))
    write_png(outdir, "comparison_forest", data)
    blocks.append(page.figure_block("Forest plot of the differences", "comparison_forest", data,
                                    "Each variant's mean difference from the base with its paired "
                                    "95 % interval (blue) and the unpaired interval (grey)."))
    return blocks


def numbers_for_json(fa):
    """The summary's numbers, unrounded, keyed by what they are."""
    def iv(x):
        return None if x is None else {"mean": x.mean, "low": x.low, "high": x.high, "n": x.n}
    out = {k: iv(v) for k, v in fa["wait"].items()}  # /summary rows: wait_mean, wait_p90, ...
    for key in ("unserved", "counters", "dossiers", "systems", "weekday", "peak"):
        val = fa[key]
        if isinstance(val, dict):
            out[key] = {k: iv(v) if hasattr(v, "low") else v for k, v in val.items()}
    out["overtime_per_day"] = iv(fa["overtime"])
    return out


def center_page_text(f, res, path, outdir, errors):
    """The page of a single run or of a compare file (its base variant's plots)."""
    comp = reader.comparison(f)
    fa = facts.all_facts(res, comp)
    en = summary_text.sentences(fa, "en")
    vi = summary_text.sentences(fa, "vi")
    name = res.attr("scenario_name", "?")
    base = f" (base variant: {res.label})" if res.label else ""
    meta = (f"{os.path.basename(path)} · {res.n_replications()} replications · seed "
            f"{res.attr('seed', '?')} · {res.attr('program_version', '?')}{base}")
    parts = ['<div class="summary">', page.summary_block("en", "Summary", *en),
             page.summary_block("vi", "Tóm tắt", *vi), "</div>"]
    parts += variants_blocks(f, outdir)
    parts += draw_main_plots(res, outdir, errors)
    parts += [key_numbers(res), method_block(res.n_replications()), about_block(f, res, path),
              page.json_block({"en": en, "vi": vi, "numbers": numbers_for_json(fa)})]
    return page.page(f"motcua report — {name}", meta, parts)


def national_page_text(f, res, path, outdir, errors):
    """The page of a national file: national figures, provinces, slowest centers (docs/report.md)."""
    fa = national_facts.national_facts(res)
    en, vi = national_text.sentences(fa, "en"), national_text.sentences(fa, "vi")
    meta = (f"{os.path.basename(path)} · national: {fa['centers']:,} centers · "
            f"{res.n_replications()} replications · seed {res.attr('seed', '?')} · "
            f"{res.attr('program_version', '?')}")
    parts = ['<div class="summary">', page.summary_block("en", "Summary", *en),
             page.summary_block("vi", "Tóm tắt", *vi), "</div>",
             national_page.national_block(res), national_page.province_block(res)]
    parts += draw_main_plots(res, outdir, errors, national_figures.NATIONAL_PLOTS)
    parts += [national_page.centers_block(res), method_block(res.n_replications()),
              about_block(f, res, path),
              page.json_block({"en": en, "vi": vi, "numbers": national_page.numbers_for_json(fa, res)})]
    return page.page(f"motcua report — {fa['name']}", meta, parts)


def build(path, outdir):
    """Write outdir/*.png and outdir/index.html; returns the list of internal errors (empty if ok)."""
    f = reader.open_file(path)
    with f:
        res = reader.base_results(f)
        if os.path.exists(outdir) and not os.path.isdir(outdir):
            raise reader.BadInput(f"{outdir}: exists and is not a folder")
        try:
            os.makedirs(outdir, exist_ok=True)
        except OSError as e:
            raise reader.BadInput(f"{outdir}: cannot create the output folder: {e}") from e
        errors = []
        make = national_page_text if reader.is_national(f) else center_page_text
        text = make(f, res, path, outdir, errors)
        tmp = os.path.join(outdir, f".index.html.partial-{os.getpid()}")
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, os.path.join(outdir, "index.html"))  # never a half-written page
        return errors


def main(argv):
    parser = argparse.ArgumentParser(
        prog="report.py", description="Turn a motcua results file into PNG plots and one "
        "self-contained HTML page OUTDIR/index.html.",
        epilog="exit codes: 0 ok, 2 bad input (missing or non-motcua file, bad output folder), "
        "3 internal error")
    parser.add_argument("results", help="HDF5 file written by motcua run (or motcua compare)")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                        help="folder to write index.html and the PNGs into (created if missing)")
    args = parser.parse_args(argv)  # argparse itself exits 2 on bad options
    try:
        errors = build(args.results, args.output)
    except reader.BadInput as e:
        print(f"motcua report: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for e in errors:
        print(f"motcua report: internal error in {e}", file=sys.stderr)
    if errors:
        return EXIT_INTERNAL
    print(f"wrote {os.path.join(args.output, 'index.html')}")
    return EXIT_OK
