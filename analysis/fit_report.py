#!/usr/bin/python3
"""The fit report: one self-contained HTML page (Vietnamese and English) from `motcua fit`'s JSON.

usage: /usr/bin/python3 analysis/fit_report.py WARD.fit.json -o DIR    (or: motcua fit ... --report DIR)

Histograms of service times with the three fitted densities, Q-Q plots of the chosen family,
the hourly and weekday profiles with their 95 % intervals, and the rows kept and dropped.
Every curve and quantile was computed by motcua (Boost.Math); this script only draws.
"""
import argparse
import io
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from motcua_report.page import CSS, data_uri, esc  # noqa: E402

WEEKDAYS = {"en": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
            "vi": ["T2", "T3", "T4", "T5", "T6", "T7", "CN"]}
FAMILY = {"en": {"exponential": "exponential", "gamma": "gamma", "lognormal": "lognormal"},
          "vi": {"exponential": "mũ", "gamma": "gamma", "lognormal": "loga chuẩn"}}


def num(x, lang, digits=1):
    """A number with a decimal comma in Vietnamese and a point in English."""
    text = f"{x:,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def ci(e, lang, digits=1):
    return f"{num(e['value'], lang, digits)} [{num(e['low'], lang, digits)}; {num(e['high'], lang, digits)}]"


def png(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def hourly_figure(fit):
    hours = [h for h in fit["hours"] if h["open_hours"] > 0]
    fig, ax = plt.subplots(figsize=(8, 3.2))
    x = [h["hour"] for h in hours]
    y = [h["per_open_hour"]["value"] for h in hours]
    err = [[v - h["per_open_hour"]["low"] for v, h in zip(y, hours)],
           [h["per_open_hour"]["high"] - v for v, h in zip(y, hours)]]
    ax.bar(x, y, yerr=err, color="#3b7dd8", capsize=3)
    ax.set_xlabel("Giờ trong ngày / hour of day")
    ax.set_ylabel("Vé mỗi giờ mở cửa\ntickets per open hour")
    ax.set_xticks(x)
    return png(fig)


def weekday_figure(fit):
    days = [(i, w) for i, w in enumerate(fit["weekdays"]) if w["open_days"] > 0]
    fig, ax = plt.subplots(figsize=(6, 3))
    y = [w["per_day"]["value"] for _, w in days]
    err = [[v - w["per_day"]["low"] for v, (_, w) in zip(y, days)],
           [w["per_day"]["high"] - v for v, (_, w) in zip(y, days)]]
    ax.bar([f"{WEEKDAYS['vi'][i]}/{WEEKDAYS['en'][i]}" for i, _ in days], y, yerr=err,
           color="#6a9f58", capsize=3)
    ax.set_ylabel("Vé mỗi ngày / tickets a day")
    return png(fig)


def domain_figure(d):
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
    sample = [x for x in d["sample"] if x > 0]
    left.hist(sample, bins=min(40, max(10, len(sample) // 20)), density=True, color="#cfd8e3",
              edgecolor="#8a9bb0")
    for f in d["fits"]:
        best = f["family"] == d["best"]
        left.plot(d["grid"], f["density"], lw=2.2 if best else 1.0, ls="-" if best else "--",
                  label=f"{FAMILY['vi'][f['family']]} / {f['family']}" + (" *" if best else ""))
    left.set_xlabel("Phút phục vụ / service minutes")
    left.set_ylabel("Mật độ / density")
    left.legend(fontsize=8)
    qq = d["qq"]
    right.scatter(qq["model"], qq["sample"], s=6, color="#3b7dd8")
    top = max(max(qq["model"]), max(qq["sample"]))
    right.plot([0, top], [0, top], color="#999", lw=1)
    right.set_xlabel(f"Phân vị mô hình ({FAMILY['vi'][d['best']]}) / model quantile")
    right.set_ylabel("Phân vị số liệu / data quantile")
    return png(fig)


def summary(fit, lang):
    t = (lambda en, vi: vi if lang == "vi" else en)
    items = [
        t(f"{fit['kept']} tickets kept of {fit['rows']} rows, {fit['open_days']} open days from "
          f"{fit['first_day']} to {fit['last_day']}.",
          f"Giữ {fit['kept']} vé trong {fit['rows']} dòng, {fit['open_days']} ngày mở cửa từ "
          f"{fit['first_day']} đến {fit['last_day']}."),
        t(f"Tickets per open weekday: {ci(fit['daily_visits'], lang)}.",
          f"Số vé mỗi ngày làm việc: {ci(fit['daily_visits'], lang)}."),
    ]
    busiest = max(fit["hours"], key=lambda h: h["per_open_hour"]["value"])
    items.append(t(f"Busiest hour: {busiest['hour']:02d}:00-{busiest['hour'] + 1:02d}:00.",
                   f"Giờ đông nhất: {busiest['hour']:02d}:00-{busiest['hour'] + 1:02d}:00."))
    for d in fit["domains"]:
        if "best" not in d:
            continue
        items.append(t(f"{d['id']}: {d['n']} services, {FAMILY['en'][d['best']]} chosen by AIC, "
                       f"mean {ci(d['mean'], lang)} min.",
                       f"{d['name'] or d['id']}: {d['n']} lượt phục vụ, phân phối "
                       f"{FAMILY['vi'][d['best']]} (chọn theo AIC), trung bình {ci(d['mean'], lang)} phút."))
    p = fit["patience"]
    if "mean" in p:
        items.append(t(f"Patience: exponential, mean {ci(p['mean'], lang)} min ({p['reneged']} gave up, "
                       f"{p['censored']} called or sent home first: censored, not dropped).",
                       f"Sức chờ: phân phối mũ, trung bình {ci(p['mean'], lang)} phút ({p['reneged']} "
                       f"người bỏ về, {p['censored']} người được gọi hoặc hẹn trước: dữ liệu bị chặn, vẫn được dùng)."))
    items.append(t(f"What the log shows: {fit['served']} served, {fit['reneged']} gave up, {fit['unserved']} "
                   f"left unserved otherwise; those served waited {ci(fit['wait_mean'], lang)} min on average "
                   f"(compare a run of the fitted scenario with this).",
                   f"Nhật ký ghi nhận: {fit['served']} lượt được phục vụ, {fit['reneged']} người bỏ về, "
                   f"{fit['unserved']} người về vì lý do khác; người được phục vụ chờ trung bình "
                   f"{ci(fit['wait_mean'], lang)} phút (hãy so sánh với kết quả chạy kịch bản đã khớp)."))
    items.append(t(f"Seen in the log: {len(fit['counters'])} counters, {len(fit['officers'])} officers.",
                   f"Trong nhật ký: {len(fit['counters'])} quầy, {len(fit['officers'])} cán bộ."))
    return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in items) + "</ul>"


def rows_table(fit):
    rows = [("Giữ lại / kept", fit["kept"])] + [(f"Bỏ / dropped: {k}", v) for k, v in fit["dropped"].items()]
    body = "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in rows)
    return f"<table><tr><th>Dòng / rows</th><th>{fit['rows']}</th></tr>{body}</table>"


def family_table(d):
    head = "<tr><th>Phân phối / family</th><th>AIC</th><th>KS D</th><th>p (KS)</th><th>Trung bình / mean</th></tr>"
    body = "".join(
        f"<tr><td>{esc(FAMILY['vi'][f['family']])} / {esc(f['family'])}{' *' if f['family'] == d['best'] else ''}</td>"
        f"<td>{f['aic']:.1f}</td><td>{f['ks']:.3f}</td><td>{f['ks_p']:.2f}</td><td>{f['mean']:.2f}</td></tr>"
        for f in d["fits"])
    return f"<table>{head}{body}</table>"


def page(fit):
    parts = [f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Khớp mô hình / Fit: "
             f"{esc(fit['log'])}</title><style>{CSS}</style></head><body>",
             f"<h1>Khớp kịch bản từ nhật ký cấp số / Scenario fitted from a ticket log</h1>"
             f"<p class='meta'>{esc(fit['log'])} → {esc(fit['scenario'])}</p>",
             "<div class='summary'>",
             f"<section lang='vi'><h2>Tóm tắt</h2>{summary(fit, 'vi')}</section>",
             f"<section lang='en'><h2>Summary</h2>{summary(fit, 'en')}</section></div>",
             "<h2>Dòng giữ lại và bỏ đi / Rows kept and dropped</h2>", rows_table(fit),
             "<h2>Lượng vé theo giờ / Hourly profile</h2>",
             f"<img src='{data_uri(hourly_figure(fit))}' alt='hourly profile'>",
             "<p class='caption'>Vé mỗi giờ mở cửa, khoảng tin cậy 95 % (Poisson) / tickets per open "
             "hour with exact 95 % Poisson intervals.</p>",
             "<h2>Theo ngày trong tuần / By weekday</h2>",
             f"<img src='{data_uri(weekday_figure(fit))}' alt='weekday profile'>"]
    for d in fit["domains"]:
        parts.append(f"<h2>{esc(d['name'] or d['id'])} ({esc(d['id'])})</h2>")
        if "best" not in d:
            parts.append("<p class='skip'>Quá ít lượt phục vụ để khớp / too few services to fit.</p>")
            continue
        parts.append(f"<img src='{data_uri(domain_figure(d))}' alt='{esc(d['id'])}'>")
        parts.append("<p class='caption'>Trái: tần suất và mật độ khớp (* = chọn theo AIC); phải: biểu "
                     "đồ Q–Q. Left: histogram and fitted densities (* = chosen by AIC); right: Q–Q plot.</p>")
        parts.append(family_table(d))
    parts.append("</body></html>")
    return "".join(parts)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("fit_json")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    try:
        with open(args.fit_json, encoding="utf-8") as f:
            fit = json.load(f)
    except (OSError, ValueError) as e:
        print(f"fit_report: cannot read {args.fit_json}: {e}", file=sys.stderr)
        return 2
    os.makedirs(args.output, exist_ok=True)
    path = os.path.join(args.output, "index.html")
    with open(path, "w", encoding="utf-8") as f:
        f.write(page(fit))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
