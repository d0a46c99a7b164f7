"""The page of a `motcua optimize` file: the advice, how sure it is, and the ranked layouts."""
import os

import matplotlib.pyplot as plt

from . import page
from .labels import pick
from .reader import _attr, _decode
from .summary_text import number


def is_optimize(f):
    """True for a file written by motcua optimize (experiment = "optimize" or, at province
    scale, "optimize_province")."""
    return _attr(f.attrs.get("experiment", "")) in ("optimize", "optimize_province")


def _table(f, name):
    g = f[name]
    return {k: _decode(g[k]) for k in g.keys()}


def _interval(c, metric, i, lang):
    mean, low, high = (c[f"{metric}_{k}"][i] for k in ("mean", "low", "high"))
    return f"{number(mean, lang, 3)} [{number(low, lang, 3)}; {number(high, lang, 3)}]"


STATUS = {"recommended": ("recommended", "khuyến nghị"), "feasible": ("meets the goal", "đạt"),
          "infeasible": ("does not meet it", "không đạt"),
          "indifferent": ("as good (within δ)", "tương đương (trong δ)"),
          "not in final stage": ("search only", "chỉ trong bước tìm kiếm")}


LEAD = ["service_level", "unserved_share", "on_time_rate"]


def goal_metrics(c):
    """The goal's metrics in the table, everyone-who-came metrics first."""
    found = [k[:-5] for k in c if k.endswith("_mean")]
    return sorted(found, key=lambda m: (LEAD.index(m) if m in LEAD else len(LEAD), m))


def candidates_block(f, lang, limit=15):
    c = _table(f, "candidates")
    metrics = goal_metrics(c)
    head = [pick(lang, "Rank", "Hạng"), pick(lang, "Layout", "Phương án"),
            pick(lang, "Cost", "Chi phí"), pick(lang, "Verdict", "Kết luận")] + \
        [f"{m} (95 % CI)" for m in metrics] + [pick(lang, "Replications", "Số lần chạy")]
    rows, classes = [], []
    for i in range(min(limit, len(c["name"]))):
        st = str(c["status"][i])
        rank = int(c["rank"][i])
        rows.append([str(rank) if rank else "–", str(c["layout"][i]), number(c["cost"][i], lang),
                     pick(lang, *STATUS.get(st, (st, st)))] +
                    [_interval(c, m, i, lang) for m in metrics] +
                    [number(c["search_replications"][i] + c["final_replications"][i] +
                            c["selection_replications"][i], lang, 0)])
        classes.append("better" if st == "recommended" else "worse" if st == "infeasible" else "")
    note = pick(lang, f"The {min(limit, len(c['name']))} first of {len(c['name'])} layouts "
                      "simulated; the final stage's layouts first, by rank. Intervals are over the "
                      "final stage's fresh replications (the search's for the others).",
                f"{min(limit, len(c['name']))} trong {len(c['name'])} phương án đã mô phỏng; các "
                "phương án của bước cuối đứng trước, theo hạng. Khoảng tin cậy tính trên các lần "
                "chạy mới của bước cuối (các phương án khác: của bước tìm kiếm).")
    return (f'<h2 id="candidates">{pick(lang, "Layouts compared", "Các phương án đã so sánh")}</h2>'
            + page.table(head, rows, classes) + f'<p class="caption">{page.esc(note)}</p>')


def cost_figure(f, lang):
    """Cost against the first goal metric, with intervals; the recommended layout marked."""
    c = _table(f, "candidates")
    metric = goal_metrics(c)[0]
    fig, ax = plt.subplots(figsize=(7, 4))
    for i in range(len(c["name"])):
        st = str(c["status"][i])
        colour = {"recommended": "#2a8a3a", "infeasible": "#c0392b",
                  "feasible": "#3b7dd8"}.get(st, "#999999")
        m, lo, hi = (c[f"{metric}_{k}"][i] for k in ("mean", "low", "high"))
        ax.errorbar([c["cost"][i]], [m], yerr=[[m - lo], [hi - m]], fmt="o", color=colour,
                    markersize=8 if st == "recommended" else 4)
    ax.set_xlabel(pick(lang, "cost", "chi phí"))
    ax.set_ylabel(metric)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    caption = pick(lang, f"Each layout simulated: its cost and its mean {metric} with a 95 % interval; "
                         "green: recommended, blue: meets the goal, red: does not, grey: search only.",
                   f"Mỗi phương án đã mô phỏng: chi phí và {metric} trung bình với khoảng tin cậy "
                   "95 %; xanh lá: khuyến nghị, xanh dương: đạt, đỏ: không đạt, xám: chỉ tìm kiếm.")
    return fig, caption


def province_page_text(f, path, pg, both):
    """The page of a province-scale file: the advice and the units that get officers first."""
    lang = pg.lang
    rec = _table(f, "recommendation")
    a = _table(f, "allocation")
    langs = ["vi", "en"] if (lang == "en" and both) else [lang]
    parts = ['<div class="summary">']
    for lg in langs:
        parts.append(page.summary_block(
            lg, pick(lg, "Advice", "Khuyến nghị"), str(rec[f"advice_{lg}"][0]),
            [pick(lg, "Total gain (visits in time, mean [interval]): ",
                  "Tổng số lượt thêm được phục vụ đúng hẹn (trung bình [khoảng tin cậy]): ") +
             str(rec["total_gain"][0])]))
    parts.append("</div>")
    order = sorted(range(len(a["code"])), key=lambda i: (-a["officers"][i], -a["gain"][i], i))
    rows = [[str(a["name"][i]), str(a["code"][i]), number(a["officers"][i], lang, 0),
             f"{number(a['gain'][i], lang, 1)} [{number(a['gain_low'][i], lang, 1)}; "
             f"{number(a['gain_high'][i], lang, 1)}]", number(a["next_gain"][i], lang, 1)]
            for i in order[:30]]
    parts.append(f'<h2 id="allocation">{pick(lang, "Where the officers go", "Phân bổ cán bộ")}</h2>'
                 + page.table([pick(lang, "Unit", "Đơn vị"), pick(lang, "Code", "Mã"),
                               pick(lang, "Officers", "Số cán bộ"),
                               pick(lang, "Gain (interval)", "Lượt thêm (khoảng tin cậy)"),
                               pick(lang, "Next officer's gain", "Lượt thêm nếu thêm 1 người")], rows))
    name = str(_attr(f.attrs.get("scenario_name", "?")))
    title = pick(lang, f"Seconded staff — {name}", f"Phân bổ cán bộ biệt phái — {name}")
    meta = f"{os.path.basename(path)} · motcua optimize · seed {_attr(f.attrs.get('seed', '?'))}"
    return page.page(title, meta, parts, lang)


def optimize_page_text(f, path, pg, both):
    if _attr(f.attrs.get("experiment", "")) == "optimize_province":
        return province_page_text(f, path, pg, both)
    lang = pg.lang
    rec = _table(f, "recommendation")
    name = str(_attr(f.attrs.get("scenario_name", "?")))
    langs = ["vi", "en"] if (lang == "en" and both) else [lang]
    parts = ['<div class="summary">']
    for lg in langs:
        parts.append(page.summary_block(
            lg, pick(lg, "Advice", "Khuyến nghị"), str(rec[f"advice_{lg}"][0]),
            [pick(lg, "How sure: ", "Độ tin cậy: ") +
             str(rec["guarantee_vi" if lg == "vi" and "guarantee_vi" in rec else "guarantee"][0])] +
            ([pick(lg, "Scenario file of the recommended layout: ",
                   "Tệp kịch bản của phương án khuyến nghị: ") + str(rec["scenario_file"][0])]
             if str(rec["scenario_file"][0]) else [])))
    parts.append("</div>")
    if both:
        parts.append('<p class="meta">' + pick(lang, "Vietnamese page: index.vi.html in the same folder.",
                                                     "Bản tiếng Anh: index.html trong cùng thư mục.") + "</p>")
    parts.append(candidates_block(f, lang))
    fig, caption = cost_figure(f, lang)
    parts.append(pg.figure("optimize_cost", pick(lang, "Cost and target metric of every layout",
                                                 "Chi phí và chỉ tiêu của từng phương án"), fig, caption))
    v = _table(f, "variables")
    rows = [[str(v["name"][i]), str(v["kind"][i]), str(v["what"][i]), str(v["min"][i]),
             str(v["max"][i]), str(v["cost"][i]), str(v["today"][i])] for i in range(len(v["name"]))]
    parts.append(f'<h2 id="variables">{pick(lang, "What could change", "Những gì có thể thay đổi")}</h2>'
                 + page.table([pick(lang, "Variable", "Biến"), pick(lang, "Kind", "Loại"),
                               pick(lang, "Key, domains or options", "Khóa, lĩnh vực hoặc lựa chọn"),
                               "min", "max", pick(lang, "Cost per unit", "Chi phí mỗi đơn vị"),
                               pick(lang, "Today", "Hiện nay")], rows))
    parts.append(page.json_block({"outcome": str(rec["outcome"][0]), "layout": str(rec["layout"][0]),
                                  "cost": str(rec["cost"][0]), "advice_vi": str(rec["advice_vi"][0]),
                                  "advice_en": str(rec["advice_en"][0])}))
    meta = pick(lang, f"{os.path.basename(path)} · motcua optimize · seed {_attr(f.attrs.get('seed', '?'))} · "
                      f"{_attr(f.attrs.get('replications_run', '?'))} replications in all",
                f"{os.path.basename(path)} · motcua optimize · seed {_attr(f.attrs.get('seed', '?'))} · "
                f"tổng {_attr(f.attrs.get('replications_run', '?'))} lần mô phỏng")
    title = pick(lang, f"Staffing advice — {name}", f"Tư vấn bố trí nhân sự — {name}")
    return page.page(title, meta, parts, lang)
