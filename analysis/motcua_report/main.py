"""Command line of the report: read the file, draw every plot, write the PNGs and index.html."""
import argparse
import io
import os
import sys
import traceback

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from . import (blocks, facts, figures, labels, national_facts, national_figures,  # noqa: E402
               national_page, national_text, optimize_page, page, reader, summary_text)
from .labels import pick  # noqa: E402
from .summary_text import number  # noqa: E402


EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 2, 3


def png_bytes(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90)
    plt.close(fig)
    return buf.getvalue()


class Page:
    """One page being written: its language, the folder, the PNG name suffix and the errors."""

    def __init__(self, outdir, lang, suffix, errors):
        self.outdir, self.lang, self.suffix, self.errors = outdir, lang, suffix, errors

    def figure(self, stem, title, fig, caption):
        """Writes STEM[.vi].png and returns the figure's HTML block."""
        data = png_bytes(fig)
        name = stem + self.suffix
        with open(os.path.join(self.outdir, name + ".png"), "wb") as fh:
            fh.write(data)
        return page.figure_block(title, name, data, caption, self.lang)

    def plots(self, res, plots):
        """Every plot as an HTML block; a plot the file cannot support becomes a 'Not shown' line."""
        blocks = []
        for stem, titles, fn in plots:
            title = titles[self.lang == "vi"]
            try:
                fig, caption = fn(res, self.lang)
            except figures.Skip as why:
                blocks.append(page.skipped_block(title, stem, str(why), self.lang))
                continue
            except Exception:  # a bug in one plot must not cost the ward leader the whole page
                self.errors.append(f"plot {stem}:\n{traceback.format_exc()}")
                blocks.append(page.skipped_block(title, stem, pick(
                    self.lang, "this plot failed (a bug in the report script; the error is printed "
                               "on stderr)",
                    "không vẽ được biểu đồ này (lỗi của chương trình báo cáo, chi tiết in ở stderr)"),
                    self.lang))
                plt.close("all")
                continue
            figures.localise(fig, self.lang)
            blocks.append(self.figure(stem, title, fig, caption))
        return blocks


def numbers_for_json(fa):
    """The summary's numbers, unrounded, keyed by what they are."""
    def iv(x):
        return None if x is None else {"mean": x.mean, "low": x.low, "high": x.high, "n": x.n}
    out = {k: iv(v) for k, v in fa["wait"].items()}  # /summary rows: wait_mean, wait_p90, ...
    for key in ("unserved", "counters", "dossiers", "systems", "weekday", "peak", "service"):
        val = fa[key]
        if isinstance(val, dict):
            out[key] = {k: iv(v) if hasattr(v, "low") else v for k, v in val.items()}
    if fa["domains"] is not None:
        d = fa["domains"]
        out["domains"] = [{"name": d["names"][k], "unserved": iv(v["unserved"]),
                           "wait": iv(v["wait"])} for k, v in sorted(d["domains"].items())]
    out["overtime_per_day"] = iv(fa["overtime"])
    return out


def summaries(fa_sentences, lang, both):
    """The summary section(s): the page's language, and on the English page of --lang both the
    Vietnamese summary beside it."""
    langs = ["en", "vi"] if (lang == "en" and both) else [lang]
    parts = ['<div class="summary">']
    for lg in langs:
        parts.append(page.summary_block(lg, pick(lg, "Summary", "Tóm tắt"), *fa_sentences[lg]))
    return parts + ["</div>"]


def other_page_note(lang, both):
    if not both:
        return []
    return ["<p class=\"meta\">" + pick(lang, "Vietnamese page: index.vi.html in the same folder.",
                                          "Bản tiếng Anh: index.html trong cùng thư mục.") + "</p>"]


def center_page_text(f, res, path, pg, both):
    """The page of a single run or of a compare file (its base variant's plots)."""
    lang = pg.lang
    fa = facts.all_facts(res, reader.comparison(f), reader.verdicts(f))
    text = {lg: summary_text.sentences(fa, lg) for lg in ("en", "vi")}
    name = labels.name(str(res.attr("scenario_name", "?")), lang)
    base = pick(lang, f" (base variant: {res.label})", f" (phương án gốc: {res.label})") if res.label else ""
    meta = pick(lang, f"{os.path.basename(path)} · {res.n_replications()} replications · seed "
                      f"{res.attr('seed', '?')} · {res.attr('program_version', '?')}{base}",
                f"{os.path.basename(path)} · {res.n_replications()} lần mô phỏng · hạt giống ngẫu nhiên "
                f"{res.attr('seed', '?')} · {res.attr('program_version', '?')}{base}")
    parts = summaries(text, lang, both) + other_page_note(lang, both)
    var, forest = blocks.variants_blocks(f, lang)
    parts += var
    if forest is not None:
        figures.localise(forest, lang)
        parts.append(pg.figure("comparison_forest", pick(lang, "Forest plot of the differences",
                                                         "Biểu đồ chênh lệch giữa các phương án"),
                               forest, pick(lang, "Each variant's mean difference from the base with "
                                                  "its paired 95 % interval (coloured) and the "
                                                  "unpaired interval (grey).",
                                            "Chênh lệch trung bình của từng phương án so với phương "
                                            "án gốc, với khoảng tin cậy 95 % ghép cặp (có màu) và "
                                            "khoảng không ghép cặp (xám).")))
    parts += pg.plots(res, figures.MAIN_PLOTS)
    parts += [blocks.key_numbers(res, lang), blocks.method_block(res.n_replications(), lang),
              blocks.about_block(res, path, lang),
              page.json_block({"en": text["en"], "vi": text["vi"], "numbers": numbers_for_json(fa)})]
    return page.page(pick(lang, f"motcua report — {name}", f"Báo cáo motcua — {name}"), meta, parts, lang)


def national_page_text(f, res, path, pg, both):
    """The page of a national file: national figures, provinces, the worst centers (docs/report.md)."""
    lang = pg.lang
    fa = national_facts.national_facts(res)
    text = {lg: national_text.sentences(fa, lg) for lg in ("en", "vi")}
    centers = number(fa["centers"], lang, 0)
    meta = pick(lang, f"{os.path.basename(path)} · national: {centers} centers · "
                      f"{res.n_replications()} replications · seed {res.attr('seed', '?')} · "
                      f"{res.attr('program_version', '?')}",
                f"{os.path.basename(path)} · toàn quốc: {centers} trung tâm · "
                f"{res.n_replications()} lần mô phỏng · hạt giống ngẫu nhiên {res.attr('seed', '?')} · "
                f"{res.attr('program_version', '?')}")
    parts = summaries(text, lang, both) + other_page_note(lang, both)
    parts += [national_page.national_block(res, lang), national_page.province_block(res, lang)]
    parts += pg.plots(res, national_figures.NATIONAL_PLOTS)
    parts += [national_page.centers_block(res, lang), national_page.on_time_block(res, lang),
              blocks.method_block(res.n_replications(), lang), blocks.about_block(res, path, lang),
              page.json_block({"en": text["en"], "vi": text["vi"],
                               "numbers": national_page.numbers_for_json(fa, res)})]
    name = labels.name(fa["name"], lang)
    return page.page(pick(lang, f"motcua report — {name}", f"Báo cáo motcua — {name}"), meta, parts, lang)


def page_files(lang):
    """[(page language, HTML file name, PNG suffix)] for --lang en|vi|both."""
    if lang == "both":
        return [("en", "index.html", ""), ("vi", "index.vi.html", ".vi")]
    return [(lang, "index.html", "")]


def build(path, outdir, lang="both"):
    """Write the page(s) and their PNGs into outdir; returns the list of internal errors."""
    f = reader.open_file(path)
    with f:
        optimizing = optimize_page.is_optimize(f)
        res = None if optimizing else reader.base_results(f)
        if os.path.exists(outdir) and not os.path.isdir(outdir):
            raise reader.BadInput(f"{outdir}: exists and is not a folder")
        try:
            os.makedirs(outdir, exist_ok=True)
        except OSError as e:
            raise reader.BadInput(f"{outdir}: cannot create the output folder: {e}") from e
        errors = []
        make = national_page_text if reader.is_national(f) else center_page_text
        for page_lang, name, suffix in page_files(lang):
            pg = Page(outdir, page_lang, suffix, errors)
            if optimizing:
                text = optimize_page.optimize_page_text(f, path, pg, lang == "both")
            else:
                text = make(f, res, path, pg, lang == "both")
            tmp = os.path.join(outdir, f".{name}.partial-{os.getpid()}")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, os.path.join(outdir, name))  # never a half-written page
        return errors


def main(argv):
    parser = argparse.ArgumentParser(
        prog="report.py", description="Turn a motcua results file into PNG plots and one "
        "self-contained HTML page per language: OUTDIR/index.html (and, with --lang both, the "
        "Vietnamese page OUTDIR/index.vi.html).",
        epilog="exit codes: 0 ok, 2 bad input (missing or non-motcua file, bad output folder), "
        "3 internal error")
    parser.add_argument("results", help="HDF5 file written by motcua run (or motcua compare)")
    parser.add_argument("-o", "--output", required=True, metavar="OUTDIR",
                        help="folder to write index.html and the PNGs into (created if missing)")
    parser.add_argument("--lang", choices=["vi", "en", "both"], default="both",
                        help="vi: one Vietnamese page; en: one English page; both (default): "
                        "index.html in English with both summaries, and index.vi.html in Vietnamese")
    args = parser.parse_args(argv)  # argparse itself exits 2 on bad options
    try:
        errors = build(args.results, args.output, args.lang)
    except reader.BadInput as e:
        print(f"motcua report: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for e in errors:
        print(f"motcua report: internal error in {e}", file=sys.stderr)
    if errors:
        return EXIT_INTERNAL
    for _, name, _ in page_files(args.lang):
        print(f"wrote {os.path.join(args.output, name)}")
    return EXIT_OK
