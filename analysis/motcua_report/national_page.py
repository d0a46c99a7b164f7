"""The tables of the national page: national figures, provinces, the worst centers by wait and
by on-time rate, in English or Vietnamese."""
from . import labels, national_facts, page
from .labels import pick
from .summary_text import _digits, estimate, number

# What each national metric is (as in sim/run/national_aggregate.cpp); rates are shown in %.
WHAT = {"arrived": ("citizens who came in person (first visits)", "số người dân đến trực tiếp (lượt đầu)"),
        "served": ("of those, served at a counter", "trong đó được phục vụ tại quầy"),
        "reneged": ("of those, gave up waiting", "trong đó bỏ về vì chờ lâu"),
        "balked": ("of those, left without a ticket", "trong đó thấy đông nên về, không lấy số"),
        "turned_away": ("turned away: nobody at the center serves their domain",
                        "bị từ chối: trung tâm không có quầy nhận lĩnh vực"),
        "sent_home": ("departures sent home to come back", "số lượt được hẹn quay lại"),
        "sent_home_pending": ("left to come back, not back by the end",
                              "được hẹn lại nhưng đến cuối kỳ chưa quay lại"),
        "gave_up": ("left unserved for good (no return visit follows)",
                    "ra về hẳn chưa được giải quyết (không quay lại)"),
        "returned": ("return visits", "số lượt quay lại"),
        "answered": ("questions answered by a reception robot", "số câu hỏi được robot tiếp đón giải đáp"),
        "helped": ("served + answered", "được phục vụ + được giải đáp"),
        "served_on_target": ("visits served within the target wait", "lượt được phục vụ trong thời gian chờ mục tiêu"),
        "service_level": ("share of all visits served within the target wait",
                          "tỷ lệ lượt đến được phục vụ trong thời gian chờ mục tiêu"),
        "unserved_share": ("share of those who came who went home unserved",
                           "tỷ lệ người dân đến ra về chưa được giải quyết"),
        "wait_mean": ("mean wait of served citizens (centers weighted by served)",
                      "thời gian chờ trung bình của người được phục vụ"),
        "abandon_rate": ("reneged / arrived", "tỷ lệ bỏ về vì chờ lâu"),
        "overtime": ("minutes worked past closing, all staff", "số phút làm thêm sau giờ đóng cửa, mọi cán bộ"),
        "dossiers_received": ("dossiers received (counter and online)", "hồ sơ tiếp nhận (tại quầy và trực tuyến)"),
        "dossiers_online": ("of those, filed online", "trong đó nộp trực tuyến"),
        "dossiers_completed": ("back-office work finished within the run", "hồ sơ đã xử lý xong trong kỳ"),
        "dossiers_on_time": ("finished by the deadline", "xong đúng hạn"),
        "dossiers_late": ("finished after the deadline", "xong trễ hạn"),
        "dossiers_open_overdue": ("open at the end, deadline passed", "còn tồn cuối kỳ, đã quá hạn"),
        "dossiers_open_not_due": ("open at the end, not yet due", "còn tồn cuối kỳ, chưa đến hạn"),
        "on_time_rate": ("dossiers_on_time / (dossiers_completed + dossiers_open_overdue)",
                         "tỷ lệ hồ sơ đúng hạn (trên số hồ sơ đã có kết quả)"),
        "system_down": ("minutes software systems were down, summed over systems and centers",
                        "số phút phần mềm ngừng hoạt động, cộng mọi hệ thống và trung tâm"),
        "payments_online": ("online dossiers paid online", "hồ sơ trực tuyến đã thanh toán trực tuyến")}
RATES = {"abandon_rate", "on_time_rate", "service_level", "unserved_share"}


def no_interval(lang):
    return pick(lang, "one replication, no interval", "một lần mô phỏng, không có khoảng tin cậy")


def _value(x, half, pct, lang):
    """x as text with the decimals its interval supports (raw, not clipped at 0)."""
    k = 100.0 if pct else 1.0
    text = number(x * k, lang, _digits(x * k, half * k))
    return text + " %" if pct else text


def _cell(iv, lang, pct=False):
    """'mean (low–high)' for a table cell; the bare mean when there is no interval.

    As in the summary, bounds are clipped to what the quantity can be: 0, and 100 % for a share.
    """
    if iv is None or (not isinstance(iv, float) and iv.n == 0) or isinstance(iv, float):
        return "–"
    value, ci = estimate(iv.capped(1.0) if pct else iv, lang, pct)
    return value + ci


def national_block(res, lang):
    """Every metric of /national_summary: mean and 95 % interval, or 'one replication, no interval'."""
    rows = []
    for metric, iv in national_facts.national_intervals(res).items():
        pct = metric in RATES
        unit = "%" if pct else labels.unit(str(res.summary().loc[metric, "unit"]), lang)
        interval = (f"{_value(iv.low, iv.half, pct, lang)} {pick(lang, 'to', 'đến')} "
                    f"{_value(iv.high, iv.half, pct, lang)}"
                    if iv.has_interval() else no_interval(lang) if iv.n < 2 else "–")
        what = WHAT.get(metric)
        row = [_value(iv.mean, iv.half, pct, lang), interval, iv.n]
        if lang == "vi":  # one column: the plain description (the file's names are English)
            rows.append([labels.metric(metric, lang) if what is None else what[1], unit] + row)
        else:
            rows.append([metric, "" if what is None else what[0], unit] + row)
    intro = pick(lang, "All centers of the run together, from the file's <code>/national_summary</code>: "
                       "per replication, counts are summed over the centers, the mean wait is "
                       "weighted by the citizens each center served, and the rates are formed from "
                       "the summed counts; then the mean over replications and its 95 % interval.",
                 "Tất cả các trung tâm của lần chạy, lấy từ bảng <code>/national_summary</code>: "
                 "trong mỗi lần mô phỏng, các số đếm được cộng trên các trung tâm, thời gian chờ "
                 "trung bình có trọng số là số người mỗi trung tâm phục vụ, các tỷ lệ tính từ các số "
                 "đã cộng; sau đó lấy trung bình qua các lần mô phỏng và khoảng tin cậy 95 %.")
    return (f"<h2 id=\"national\">{pick(lang, 'National figures', 'Số liệu toàn quốc')}</h2><p>{intro}</p>"
            + page.table(([] if lang == "vi" else ["metric"]) + [pick(lang, "what", "chỉ số"),
                          pick(lang, "unit", "đơn vị"), pick(lang, "mean", "trung bình"),
                          pick(lang, "95 % interval", "khoảng tin cậy 95 %"),
                          pick(lang, "replications", "số lần mô phỏng")], rows))


def _bracket_note(res, lang):
    """What the brackets of a table mean, or that there are none."""
    if res.n_replications() >= 2:
        return pick(lang, "in brackets the 95 % interval across replications",
                    "trong ngoặc là khoảng tin cậy 95 % qua các lần mô phỏng")
    return pick(lang, f"{no_interval(lang)}: the values are those of the single run",
                f"{no_interval(lang)}: các giá trị là của lần chạy duy nhất")


def _per_day(x, days, lang):
    return number(x / days if days else x, lang, 0)


def day_base(res):
    """(number of days, True when they are working days) that per-day figures divide by: the
    root attribute working_days when the file has it, so that arrivals stand beside daily_visits
    (planned visits of a working day) on the same base; else the run's calendar days; (None, False)
    when the file says neither."""
    working = res.attr("working_days")
    if isinstance(working, (int, float)) and working > 0:
        return int(working), True
    period = res.period()
    return (period[0], False) if period else (None, False)


def _arrived_header(base, lang):
    days, working = base
    if days and working:
        return pick(lang, "arrived in person per working day", "số người đến trực tiếp mỗi ngày làm việc")
    if days:  # an older file: no count of working days, so calendar days (weekends included)
        return pick(lang, "arrived in person per calendar day",
                    "số người đến trực tiếp mỗi ngày (tính cả ngày nghỉ)")
    return pick(lang, "arrived in person (whole run)", "số người đến trực tiếp (cả kỳ)")


def _has(frame, key):
    return key in frame and frame[key].map(lambda iv: not isinstance(iv, float) and iv.n > 0).any()


def province_block(res, lang):
    """One row per province, the lowest on-time rate first."""
    base = day_base(res)
    days = base[0]
    table = national_facts.province_table(res)
    unserved = _has(table, "unserved")
    rows = []
    for r in table.itertuples():
        row = [r.name, r.code, r.centers, _per_day(r.arrived, days, lang)]
        if unserved:
            row.append(_cell(r.unserved, lang, True))
        row += [_cell(r.wait, lang), _cell(r.abandon, lang, True), number(r.dossiers_received, lang, 0),
                number(r.dossiers_online, lang, 0), _cell(r.on_time, lang, True)]
        rows.append(row)
    headers = [pick(lang, "province", "tỉnh, thành phố"), pick(lang, "code", "mã"),
               pick(lang, "centers", "số trung tâm"), _arrived_header(base, lang)]
    if unserved:
        headers.append(pick(lang, "went home unserved", "ra về chưa được giải quyết"))
    headers += [pick(lang, "mean wait of those served (min)", "thời gian chờ của người được phục vụ (phút)"),
                pick(lang, "gave up", "bỏ về"), pick(lang, "dossiers received", "hồ sơ tiếp nhận"),
                pick(lang, "of them online", "trong đó trực tuyến"), pick(lang, "on time", "đúng hạn")]
    working = base[1]
    if lang == "vi":
        when = ("chia cho số ngày làm việc của kỳ" if working else
                "chia cho số ngày của kỳ, tính cả cuối tuần và ngày lễ (tệp cũ không ghi số ngày làm "
                "việc)" if days else "trong cả kỳ")
        intro = ("Các trung tâm của từng tỉnh, thành phố cộng lại (<code>/province_results</code>), "
                 f"trung bình qua các lần mô phỏng; {_bracket_note(res, lang)}. Số người đến là người "
                 f"đến trực tiếp, {when}; hồ sơ tính cho cả kỳ. Tỷ lệ đúng hạn thấp nhất xếp trước.")
    else:
        when = (f"divided by the run's {days} working days" if working else
                f"divided by the run's {days} calendar days, weekends and holidays included (an older "
                "file without working_days)" if days else "over the whole run")
        intro = ("Each province's centers of the run together (<code>/province_results</code>), mean "
                 f"over replications; {_bracket_note(res, lang)}. Arrivals are citizens who came in "
                 f"person, {when}; dossiers are over the whole run. Lowest on-time rate first.")
    return (f"<h2 id=\"provinces\">{pick(lang, 'Provinces', 'Các tỉnh, thành phố')}</h2><p>{intro}</p>"
            + page.table(headers, rows))


def _centers_table(res, frame, lang):
    base = day_base(res)
    days = base[0]
    unserved = _has(frame, "unserved")
    rows = []
    for r in frame.itertuples():
        row = [r.name, r.province_name, labels.center_class(r.klass, lang), number(r.daily_visits, lang, 0),
               _per_day(r.arrived, days, lang)]
        if unserved:
            row.append(_cell(r.unserved, lang, True))
        rows.append(row + [_cell(r.wait, lang), _cell(r.abandon, lang, True), _cell(r.on_time, lang, True)])
    headers = [pick(lang, "center", "trung tâm"), pick(lang, "province", "tỉnh, thành phố"),
               pick(lang, "class", "mẫu trung tâm"),
               pick(lang, "planned visits per working day (in person and online)",
                    "lượt đến dự kiến mỗi ngày làm việc (trực tiếp và trực tuyến)"),
               _arrived_header(base, lang)]
    if unserved:
        headers.append(pick(lang, "went home unserved", "ra về chưa được giải quyết"))
    headers += [pick(lang, "mean wait of those served (min)", "thời gian chờ của người được phục vụ (phút)"),
                pick(lang, "gave up", "bỏ về"), pick(lang, "on time", "đúng hạn")]
    return rows, page.table(headers, rows)


def centers_block(res, lang, k=10):
    """The k centers with the longest mean wait."""
    rows, table = _centers_table(res, national_facts.slowest_centers(res, k), lang)
    heading = pick(lang, f"The {len(rows)} centers with the longest mean wait",
                   f"{len(rows)} trung tâm có thời gian chờ trung bình dài nhất")
    intro = pick(lang, "From <code>/center_results</code>: each center's mean wait of served citizens, "
                       f"mean over replications ({_bracket_note(res, lang)}); expected visits a day "
                       "are the center's planned demand (in person and online).",
                 "Từ bảng <code>/center_results</code>: thời gian chờ trung bình của người được phục "
                 f"vụ tại từng trung tâm, trung bình qua các lần mô phỏng ({_bracket_note(res, lang)}); "
                 "lượt đến dự kiến mỗi ngày là nhu cầu theo kế hoạch của trung tâm (trực tiếp và trực "
                 "tuyến).")
    return f"<h2 id=\"slowest-centers\">{heading}</h2><p>{intro}</p>" + table


def on_time_block(res, lang, k=10):
    """The k centers with the lowest on-time rate."""
    rows, table = _centers_table(res, national_facts.least_on_time_centers(res, k), lang)
    if not rows:
        return ""
    heading = pick(lang, f"The {len(rows)} centers with the lowest on-time rate",
                   f"{len(rows)} trung tâm có tỷ lệ hồ sơ đúng hạn thấp nhất")
    intro = pick(lang, "From <code>/center_results</code>: each center's on_time / (completed + "
                       f"open_overdue), mean over replications ({_bracket_note(res, lang)}).",
                 "Từ bảng <code>/center_results</code>: tỷ lệ hồ sơ đúng hạn trên số hồ sơ đã có kết "
                 f"quả tại từng trung tâm, trung bình qua các lần mô phỏng ({_bracket_note(res, lang)}).")
    return f"<h2 id=\"least-on-time-centers\">{heading}</h2><p>{intro}</p>" + table


def numbers_for_json(fa, res):
    """The unrounded national and per-province numbers behind the summary."""
    def iv(x):
        return None if x is None or isinstance(x, float) or x.n == 0 else {
            "mean": x.mean, "low": x.low, "high": x.high, "n": x.n}
    provinces = [{"code": r.code, "name": r.name, "centers": r.centers, "wait_mean": iv(r.wait),
                  "abandon_rate": iv(r.abandon), "on_time_rate": iv(r.on_time)}
                 for r in national_facts.province_table(res).itertuples()]
    return {"national": {m: iv(v) for m, v in fa["national"].items()}, "provinces": provinces}
