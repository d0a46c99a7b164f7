"""The text blocks of a page in English or Vietnamese: key numbers, method, about, variants."""
import math

from . import comparison, labels, page, reader
from .intervals import t975
from .labels import pick
from .summary_text import number

# /summary rows shown in the "Key numbers" table, in this order, when present: everyone who
# came first, then the wait of those served.
KEY_METRICS = ["service_level", "unserved_share", "arrived", "helped", "served",
               "ticket_served_share", "no_shows", "turned_away",
               "reneged", "balked", "sent_home", "returned", "wait_mean", "wait_p50", "wait_p90",
               "wait_p95", "wait_max", "wait_mean_priority", "sojourn_mean", "utilization",
               "abandon_prob", "on_time_rate", "dossiers_received", "dossiers_late", "backlog_mean",
               "backlog_max", "system_down", "system_outages", "system_citizens_sent_home"]
# Metrics that are shares of 1, shown in % on the page.
SHARES = {"service_level", "unserved_share", "utilization", "abandon_prob", "on_time_rate",
          "abandon_rate", "ticket_served_share"}


def no_interval_note(lang):
    return pick(lang, "one replication: no interval (an interval needs the spread between at "
                      "least two runs)",
                "một lần mô phỏng: không có khoảng tin cậy (cần ít nhất hai lần mô phỏng để biết "
                "kết quả dao động bao nhiêu)")


def _value(x, lang, share):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if share:
        return number(100 * x, lang, 1) + " %"
    return number(x, lang, 1 if abs(x) < 100 else 0)


def key_numbers(res, lang):
    s = res.summary()
    one = res.n_replications() < 2
    rows = []
    for m in [m for m in KEY_METRICS if m in s.index]:
        r, share = s.loc[m], m in SHARES
        unit = "%" if share else labels.unit(str(r["unit"]), lang)
        row = [labels.metric(m, lang), unit, _value(float(r["mean"]), lang, share)]
        if not one:
            row += [_value(float(r["ci95_low"]), lang, share), _value(float(r["ci95_high"]), lang, share)]
        rows.append(row + [int(r["n"])])
    headers = [pick(lang, "what", "chỉ số"), pick(lang, "unit", "đơn vị"), pick(lang, "mean", "trung bình")]
    if not one:
        headers += [pick(lang, "95 % low", "cận dưới 95 %"), pick(lang, "95 % high", "cận trên 95 %")]
    headers.append(pick(lang, "replications", "số lần mô phỏng"))
    intro = pick(lang, "From the file's /summary: the mean over replications of each run's value, "
                       "and its 95 % confidence interval. The first rows count everyone who came.",
                 "Lấy từ bảng /summary của tệp kết quả: giá trị trung bình qua các lần mô phỏng và "
                 "khoảng tin cậy 95 %. Các dòng đầu tính trên tất cả người dân đã đến.")
    if one:
        intro += " " + no_interval_note(lang)[:1].upper() + no_interval_note(lang)[1:] + "."
    return (f"<h2 id=\"key-numbers\">{pick(lang, 'Key numbers', 'Các số liệu chính')}</h2>"
            f"<p>{page.esc(intro)}</p>" + page.table(headers, rows))


def method_block(n, lang):
    t = number(t975(n - 1), lang, 3) if n >= 2 else None
    if lang == "vi":
        tail = (f"Ở đây n = {n}, t<sub>0,975; n−1</sub> = {t}." if t else
                f"Ở đây n = {n}: {page.esc(no_interval_note(lang))}.")
        return ("<h2 id=\"method\">Cách tính khoảng tin cậy</h2><p>Mỗi lần mô phỏng là một lần chạy "
                "độc lập với các số ngẫu nhiên riêng. Với một đại lượng <i>x</i> tính một lần cho mỗi "
                "lần mô phỏng (thời gian chờ trung bình, số người chờ lúc 9 giờ sáng thứ Hai, tỷ lệ "
                "thời gian một quầy không có việc), báo cáo cho giá trị trung bình <i>x̄</i> qua "
                "<i>n</i> lần mô phỏng và khoảng tin cậy 95 % theo phân phối Student "
                "<i>x̄</i> ± t<sub>0,975; n−1</sub> · <i>s</i> / √<i>n</i>, trong đó <i>s</i> là độ "
                f"lệch chuẩn mẫu (chia cho n − 1). {tail} Khoảng này là cho giá trị kỳ vọng của đại "
                "lượng, không phải khoảng dao động của từng người dân. Trong các câu tóm tắt, cận "
                "dưới âm được ghi là 0. Chi tiết: <code>docs/report.md</code>.</p>")
    tail = (f"Here n = {n}, t<sub>0.975, n−1</sub> = {t}." if t else
            f"Here n = {n}: {page.esc(no_interval_note(lang))}.")
    return ("<h2 id=\"method\">How the intervals are computed</h2><p>Each replication is an "
            "independent run with its own random numbers. For a quantity <i>x</i> computed once per "
            "replication (a run's mean wait, a weekday's queue at 09:00, a counter's idle share), "
            "the report shows the mean <i>x̄</i> over the <i>n</i> replications and the Student-t "
            "95 % interval <i>x̄</i> ± t<sub>0.975, n−1</sub> · <i>s</i> / √<i>n</i>, where <i>s</i> "
            f"is the sample standard deviation (divisor n − 1). {tail} The interval is for the "
            "expected value of the per-replication quantity, not the range of single citizens. In "
            "the summary sentences, lower bounds below zero are shown as 0. Details: "
            "<code>docs/report.md</code>.</p>")


def about_block(res, path, lang):
    a = lambda k: res.attr(k, "?")  # noqa: E731
    rows = [[pick(lang, "results file", "tệp kết quả"), path],
            [pick(lang, "scenario", "kịch bản"), a("scenario_name")],
            [pick(lang, "scenario file", "tệp kịch bản"), a("scenario_path")],
            [pick(lang, "seed", "giá trị khởi tạo ngẫu nhiên (seed)"), a("seed")],
            [pick(lang, "replications", "số lần mô phỏng"), a("replications")],
            [pick(lang, "written by", "chương trình"), a("program_version")],
            [pick(lang, "schema version", "phiên bản cấu trúc tệp"), a("schema_version")]]
    if a("overlays") not in ("?", ""):
        rows.insert(3, [pick(lang, "overlays", "tệp điều chỉnh kịch bản"), a("overlays")])
    note = ""
    if isinstance(a("schema_version"), int) and a("schema_version") > reader.KNOWN_SCHEMA:
        note = "<p class=\"skip\">" + page.esc(pick(
            lang, f"This file has schema version {a('schema_version')}; this report was written for "
                  f"version {reader.KNOWN_SCHEMA}. New tables are not shown.",
            f"Tệp này có cấu trúc phiên bản {a('schema_version')}; báo cáo được viết cho phiên bản "
            f"{reader.KNOWN_SCHEMA}. Các bảng mới không được hiển thị.")) + "</p>"
    text = res.attr("scenario_text", "")
    summary = pick(lang, "The scenario file (assumptions are marked in its comments)",
                   "Tệp kịch bản (các giả định được ghi trong phần chú thích)")
    scen = (f"<details><summary>{summary}</summary><pre>{page.esc(text)}</pre></details>"
            if text else "")
    heading = pick(lang, "About this run", "Thông tin về lần chạy")
    return (f"<h2 id=\"about\">{heading}</h2>" + note
            + page.table([pick(lang, "item", "mục"), pick(lang, "value", "giá trị")], rows) + scen)


def _experiment(f, lang):
    def attr(k):
        v = f.attrs.get(k, "")
        return v.decode() if isinstance(v, bytes) else str(v)
    kind, swept = attr("experiment") or "compare", attr("sweep_key")
    if kind == "sweep" and swept:
        return pick(lang, f"a sweep of <code>{page.esc(swept)}</code>",
                    f"thay đổi lần lượt <code>{page.esc(swept)}</code>")
    return f"motcua {page.esc(kind)}"


def variants_blocks(f, lang):
    """The comparison part of a `motcua compare` file as (HTML blocks, forest figure or None)."""
    vs = reader.variants(f)
    if not vs:
        return [], None
    what = _experiment(f, lang)
    blocks = [pick(lang, f"<h2 id=\"variants\">Variants</h2><p>This file holds {len(vs)} variants "
                         f"({what}). The first variant is the base: the plots below describe it. Each "
                         "other variant was run with the same random numbers (the same citizens "
                         "arrive), so their differences are compared replication by replication.</p>",
                   f"<h2 id=\"variants\">Các phương án</h2><p>Tệp này có {len(vs)} phương án ({what}). "
                   "Phương án đầu tiên là phương án gốc: các biểu đồ bên dưới là của phương án này. "
                   "Các phương án khác được chạy với cùng các số ngẫu nhiên (cùng những người dân "
                   "đến), nên chênh lệch được so sánh theo từng cặp lần mô phỏng.</p>"),
              page.table([pick(lang, "variant", "phương án"), pick(lang, "overlays", "tệp điều chỉnh")],
                         [[n, o or pick(lang, "(none)", "(không có)")] for n, o in vs])]
    comp = reader.comparison(f)
    if comp is None or comp.empty:
        return blocks + [page.skipped_block(pick(lang, "Paired comparison", "So sánh theo cặp"),
                                            "comparison", pick(lang, "the file has no /comparison table",
                                                               "tệp không có bảng /comparison"), lang)], None
    blocks.append(pick(lang, "<h3>Paired comparison</h3><p>Difference = variant − base, mean over "
                             "replications; the paired interval is the Student-t 95 % interval of the "
                             "per-replication differences, the unpaired one treats the two variants as "
                             "independent samples. The first rows count everyone who came: a variant is "
                             "only better if it serves more of them, never because those it serves "
                             "wait less. Coloured rows: the paired interval excludes 0, and the variant "
                             "is better (green), worse (red), or different for a metric that is neither "
                             "(purple). Better / equal / worse: the share of replications in which the "
                             "variant did better than, the same as, or worse than the base.</p>",
                       "<h3>So sánh theo cặp</h3><p>Chênh lệch = phương án − phương án gốc, trung bình "
                       "qua các lần mô phỏng; khoảng ghép cặp là khoảng tin cậy 95 % của chênh lệch "
                       "trong từng lần mô phỏng, khoảng không ghép cặp coi hai phương án là hai mẫu "
                       "độc lập. Các dòng đầu tính trên tất cả người dân đã đến: một phương án chỉ tốt "
                       "hơn khi giải quyết được cho nhiều người hơn, không phải vì người được phục vụ "
                       "chờ ít hơn. Dòng có màu: khoảng ghép cặp không chứa 0, và phương án tốt hơn "
                       "(xanh), kém hơn (đỏ) hoặc chỉ khác đi với chỉ số không có hướng tốt xấu (tím). "
                       "Tốt hơn / bằng / kém hơn: tỷ lệ số lần mô phỏng mà phương án tốt hơn, bằng "
                       "hoặc kém hơn phương án gốc.</p>"))
    rows = comparison.table_rows(comp, lang)
    headers = comparison.headers(lang)
    key = [(r, c) for r, c, m in rows if m in comparison.KEY_METRICS]
    rest = [(r, c) for r, c, m in rows if m not in comparison.KEY_METRICS]
    blocks.append(page.table(headers, [r for r, _ in key], [c for _, c in key]))
    if rest:
        blocks.append(f"<details><summary>{pick(lang, 'All other metrics', 'Các chỉ số khác')} "
                      f"({len(rest)})</summary>"
                      + page.table(headers, [r for r, _ in rest], [c for _, c in rest]) + "</details>")
    return blocks, comparison.forest_plot(comp, lang)
