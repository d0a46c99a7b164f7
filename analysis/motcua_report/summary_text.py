"""Plain-language summary sentences in English and Vietnamese, built from the computed facts.

Everyone who came counts first: the summary opens with the service level and the share who went
home unserved, names the domain where most went home unserved and the one with the longest wait,
and only then gives the wait of those served."""
import math

from . import labels

WEEKDAY_EN, WEEKDAY_VI = labels.WEEKDAY["en"], labels.WEEKDAY["vi"]


def _digits(x, half=None):
    """Decimals for a reader: 1 below 10, none above, more when the interval is narrower than that."""
    d = 1 if abs(x) < 10 else 0
    if half is not None and not math.isnan(half) and half > 0:
        d = max(d, min(3, -math.floor(math.log10(half))))
    return d


def number(x, lang, digits=None):
    """A number as text; Vietnamese uses a decimal comma and a dot between thousands."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "?"
    if digits is None:
        digits = _digits(x)
    text = f"{x:,.{digits}f}"
    if text.startswith("-") and float(text[1:].replace(",", "")) == 0:
        text = text[1:]
    if lang == "vi":  # 1,234.5 -> 1.234,5
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def estimate(iv, lang, pct=False):
    """(value, ' (low–high)') with the same decimals for both, so that a narrow interval shows.

    Lower bounds below 0 are shown as 0: every quantity in the summary is a count, a time or a
    share, which cannot be negative, and "−2 to 19 citizens" only confuses a reader.
    """
    k, unit = (100.0, " %") if pct else (1.0, "")
    if iv is None:
        return "?", ""
    mean = iv.mean * k
    if not iv.has_interval():
        digits = _digits(mean)
        if pct and (mean < 1 or mean > 99) and mean != 0:
            digits = max(digits, 1)
        return number(mean, lang, digits) + unit, ""
    half = iv.half * k
    digits = _digits(mean, half)
    low, high = max(iv.low * k, 0.0), iv.high * k
    return (number(mean, lang, digits) + unit,
            f" ({number(low, lang, digits)}–{number(high, lang, digits)}{unit})")


def percent(x, lang):
    """A share as a percentage, one decimal near 0 % and 100 %."""
    p = 100 * x
    digits = 1 if (p < 1 or p > 99) and p != 0 else 0
    return number(p, lang, digits) + " %"


def clock(minutes):
    return f"{int(minutes) // 60:02d}:{int(minutes) % 60:02d}"


def _intro(f, lang):
    run = f["run"]
    n = run["replications"]
    window = f["wait"].get("window")
    if lang == "en":
        if "working_days" in run:
            period = f"{run['working_days']} working days from {run['first']} to {run['last']}"
        else:
            period = f"a window of {number(window.mean, lang, 0)} minutes" if window else "one window"
        if n >= 2:
            return (f"{run['name']}: {period}, simulated {n} times with different random arrivals "
                    "(replications). Ranges in brackets are 95 % confidence intervals across the "
                    "replications: the true average lies in the range with 95 % confidence.")
        return (f"{run['name']}: {period}, simulated once. One replication gives no confidence "
                "interval (an interval needs the spread between at least two runs): run 10 or "
                "more (motcua run -r 10) before deciding anything.")
    if "working_days" in run:
        period = (f"{run['working_days']} ngày làm việc từ {labels.date(run['first'], 'vi')} đến "
                  f"{labels.date(run['last'], 'vi')}")
    else:
        period = f"một khoảng {number(window.mean, lang, 0)} phút" if window else "một khoảng thời gian"
    if n >= 2:
        return (f"{run['name']}: {period}, được mô phỏng {n} lần với các lượt người dân đến ngẫu "
                "nhiên khác nhau. Các khoảng trong ngoặc là khoảng tin cậy 95 % giữa các lần mô "
                "phỏng: giá trị trung bình thực nằm trong khoảng này với độ tin cậy 95 %.")
    return (f"{run['name']}: {period}, chỉ được mô phỏng một lần nên không có khoảng tin cậy (cần "
            "ít nhất hai lần mô phỏng để biết kết quả dao động bao nhiêu): hãy chạy từ 10 lần trở "
            "lên (motcua run -r 10) trước khi đưa ra quyết định.")


def _wait(f, lang):
    w = f["wait"]
    if w["wait_mean"] is None:
        return None
    mean, mean_ci = estimate(w["wait_mean"], lang)
    p90, p90_ci = estimate(w["wait_p90"], lang)
    p95, _ = estimate(w["wait_p95"], lang)
    if lang == "en":
        text = f"People who were served waited {mean} minutes on average{mean_ci}"
        if w["wait_p90"] is not None:
            text += f"; 1 in 10 waited more than {p90} minutes{p90_ci}"
        if w["wait_p95"] is not None:
            text += f" and 1 in 20 more than {p95} minutes"
        return text + "."
    text = f"Người dân được phục vụ đã chờ trung bình {mean} phút{mean_ci}"
    if w["wait_p90"] is not None:
        text += f"; cứ 10 người thì có 1 người chờ hơn {p90} phút{p90_ci}"
    if w["wait_p95"] is not None:
        text += f", cứ 20 người thì có 1 người chờ hơn {p95} phút"
    return text + "."


def _weekday(f, lang):
    wd = f["weekday"]
    if wd is None:
        return None
    w, (v, ci) = wd["weekday"], estimate(wd["wait"], lang)
    worst = wd["weekday_kinds"] > 1
    if lang == "en":
        extra = ", the weekday with the longest waits," if worst else ""
        return f"On an ordinary {WEEKDAY_EN[w]}{extra} people wait {v} minutes on average{ci}."
    extra = " (ngày chờ lâu nhất trong tuần)" if worst else ""
    return f"Vào một ngày {WEEKDAY_VI[w]} bình thường{extra}, người dân chờ trung bình {v} phút{ci}."


def _peak(f, lang):
    p = f["peak"]
    if p is None:
        return None
    t, (v, ci) = clock(p["bin_start"]), estimate(p["tickets"], lang)
    if lang == "en":
        return f"The queue is longest around {t}, with {v} tickets waiting on average{ci}."
    return f"Hàng chờ dài nhất vào khoảng {t}, trung bình có {v} người cầm số đang chờ{ci}."


def _counters(f, lang):
    c = f["counters"]
    if c is None:
        return None
    idle, idle_ci = estimate(c["idle"], lang, pct=True)
    busy, _ = estimate(c["busy"], lang, pct=True)
    if lang == "en":
        return (f"Counter {c['idle_id']} is idle (neither serving nor doing back-office work) "
                f"{idle} of the time it is open{idle_ci}; the busiest, {c['busy_id']}, serves "
                f"citizens {busy} of its open time.")
    return (f"{c['idle_name_vi']} không có việc (không tiếp dân, không xử lý hồ sơ) {idle} thời "
            f"gian mở cửa{idle_ci}; {c['busy_name_vi'][:1].lower() + c['busy_name_vi'][1:]} bận "
            f"nhất, dành {busy} thời gian mở cửa để tiếp dân.")


def _unserved(f, lang):
    u = f["unserved"]
    if u is None:
        return None
    (s, s_ci), (g, g_ci) = estimate(u["sent_home"], lang), estimate(u["gave_up"], lang)
    if lang == "en":
        return (f"{s} citizens a day are sent home unserved, to come back another day{s_ci}, and "
                f"{g} a day give up and leave without being served{g_ci}.")
    return (f"Mỗi ngày có {s} người dân phải ra về khi chưa được giải quyết và hẹn quay lại hôm "
            f"khác{s_ci}, và {g} người bỏ về vì chờ quá lâu mà không được phục vụ{g_ci}.")


def _overtime(f, lang):
    if f["overtime"] is None:
        return None
    v, ci = estimate(f["overtime"], lang)
    if lang == "en":
        return f"Staff work {v} minutes of overtime a day in total, after closing time{ci}."
    return f"Cán bộ làm thêm giờ sau giờ đóng cửa tổng cộng {v} phút mỗi ngày{ci}."


def _dossiers(f, lang):
    d = f["dossiers"]
    if d is None:
        return None
    r, r_ci = estimate(d["on_time_rate"], lang, pct=True)
    still, _ = estimate(d["open_not_due"], lang)
    if lang == "en":
        text = f"{r} of the dossiers whose outcome is known were finished on time{r_ci}"
        if d["open_not_due"] is not None:
            text += f"; {still} were still in work and not yet due at the end"
        return text + "."
    text = f"{r} hồ sơ đã có kết quả được giải quyết đúng hạn{r_ci}"
    if d["open_not_due"] is not None:
        text += f"; {still} hồ sơ vẫn đang xử lý và chưa đến hạn khi kết thúc kỳ"
    return text + "."


def _systems(f, lang):
    s = f["systems"]
    if s is None:
        return None
    days = f["run"].get("days")
    total, total_ci = estimate(s["total_hours"], lang)
    worst, _ = estimate(s["worst_hours"], lang)
    outages = number(s["worst_outages"], lang)
    if lang == "en":
        period = f" over the {days} days" if days else ""
        text = f"Software systems were down {total} hours in total{period}, nights included{total_ci}"
        if s["worst_hours"].mean > 0:
            text += (f"; the most, {labels.en_name(s['worst_name'])}: {worst} hours, in {outages} outages "
                     "on average")
        return text + "."
    period = f" trong {days} ngày" if days else ""
    text = f"Các hệ thống phần mềm ngừng hoạt động tổng cộng {total} giờ{period}, kể cả ban đêm{total_ci}"
    if s["worst_hours"].mean > 0:
        text += (f"; nhiều nhất là {labels.vi_name(s['worst_name'])}: {worst} giờ, trung bình {outages} "
                 "lần sự cố")
    return text + "."


def _station(f, lang):
    """The station form has no days: utilisation and abandonment from /summary instead."""
    if f["center_form"]:
        return None
    w = f["wait"]
    parts = []
    if w["utilization"] is not None:
        u, u_ci = estimate(w["utilization"], lang, pct=True)
        parts.append(f"Counters are busy {u} of the time{u_ci}" if lang == "en"
                     else f"Các quầy bận {u} thời gian{u_ci}")
    if w["abandon_prob"] is not None and w["abandon_prob"].mean > 0:
        a, a_ci = estimate(w["abandon_prob"], lang, pct=True)
        parts.append(f"{a} of arrivals give up waiting{a_ci}" if lang == "en"
                     else f"{a} người đến bỏ về vì chờ quá lâu{a_ci}")
    return "; ".join(parts) + "." if parts else None


def _service(f, lang):
    """The lead: service level and the share who went home unserved (files that have them)."""
    sv = f.get("service") or {}
    level, unserved = sv.get("service_level"), sv.get("unserved_share")
    if level is None and unserved is None:
        return None
    target = number(sv.get("target", 30.0), lang, 0)
    parts = []
    if level is not None:
        v, ci = estimate(level.capped(1.0), lang, pct=True)
        answered = sv.get("answered") is not None and sv["answered"].mean > 0
        extra = (pick(lang, " or had their question answered at reception",
                      " hoặc được giải đáp ngay tại quầy tiếp đón") if answered else "")
        parts.append(f"{v} of all visits were served within {target} minutes{extra}{ci}" if lang == "en"
                     else f"{v} lượt đến được phục vụ trong vòng {target} phút{extra}{ci}")
    if unserved is not None:
        v, ci = estimate(unserved.capped(1.0), lang, pct=True)
        parts.append(f"{v} of the citizens who came went home unserved (gave up, turned away or "
                     f"told to come back and not back yet){ci}" if lang == "en" else
                     f"{v} người dân đến đã ra về mà chưa được giải quyết (bỏ về, bị từ chối hoặc "
                     f"được hẹn lại mà chưa quay lại){ci}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _domains(f, lang):
    """Where the problem is: the domain with the largest unserved share and the longest wait."""
    d = f.get("domains")
    if d is None or len(d["domains"]) < 2:
        return None
    worst = d["domains"][d["worst_unserved"]]
    name = labels.name(d["names"][d["worst_unserved"]], lang, capital=True)
    v, ci = estimate(worst["unserved"].capped(1.0), lang, pct=True)
    if lang == "en":
        text = f"{name}: {v} of its citizens went home unserved{ci}, the most of any domain"
    else:
        text = f"{name}: {v} người dân đến đã ra về mà chưa được giải quyết{ci}, nhiều nhất trong các lĩnh vực"
    if d["worst_wait"] is not None:
        k = d["worst_wait"]
        w, w_ci = estimate(d["domains"][k]["wait"], lang)
        wname = labels.name(d["names"][k], lang)
        text += (f"; the longest wait is in {wname}: {w} minutes on average for those served{w_ci}"
                 if lang == "en" else
                 f"; chờ lâu nhất là lĩnh vực {wname}: người được phục vụ chờ trung bình {w} phút{w_ci}")
    return text + "."


def _significant(row):
    return row is not None and (row["low"] > 0 or row["high"] < 0)


def _change(row, lang, what, unit, scale, up, down, digits=None):
    """'what up/down by X unit (paired interval lo to hi)', or 'no clear difference in what'."""
    diff, lo, hi = (row[k] * scale for k in ("diff", "low", "high"))
    if math.isnan(lo) or math.isnan(hi):
        span = pick(lang, " (one replication: no interval)", " (một lần mô phỏng: không có khoảng tin cậy)")
        d = _digits(abs(diff)) if digits is None else digits
    else:
        d = _digits(abs(diff), (hi - lo) / 2) if digits is None else digits
        span = f" ({number(lo, lang, d)} {pick(lang, 'to', 'đến')} {number(hi, lang, d)})"
    if not _significant(row) and not math.isnan(lo):
        return pick(lang, f"no clear difference in {what}{span}", f"chưa có khác biệt rõ ràng về {what}{span}")
    word = up if diff > 0 else down
    return f"{what}: {word} {number(abs(diff), lang, d)}{unit}{span}"


def pick(lang, en, vi):
    return labels.pick(lang, en, vi)


OVERALL = {"better": ("better for the people who came", "tốt hơn cho người dân đến làm thủ tục"),
           "worse": ("worse for the people who came", "kém hơn cho người dân đến làm thủ tục"),
           "mixed": ("mixed: better on one count of the people who came, worse on the other",
                     "chưa rõ: tốt hơn ở một mặt nhưng kém hơn ở mặt kia"),
           "no_difference": ("no significant difference for the people who came",
                             "chưa có khác biệt rõ ràng cho người dân đến làm thủ tục")}


# /verdicts `overall` as motcua writes it -> the key of OVERALL.
VERDICT_NAMES = {"no significant difference": "no_difference"}


def overall(rows):
    """The variant's verdict on the people who came, by the same rule as motcua compare: better
    only when it serves significantly more of them (service level up or unserved share down) and
    is significantly worse on neither; waiting times never decide it. None without the metrics."""
    level, unserved = rows.get("service_level"), rows.get("unserved_share")
    if level is None and unserved is None:
        return None
    gains = (_significant(level) and level["diff"] > 0) + (_significant(unserved) and unserved["diff"] < 0)
    losses = (_significant(level) and level["diff"] < 0) + (_significant(unserved) and unserved["diff"] > 0)
    if gains and losses:
        return "mixed"
    return "better" if gains else "worse" if losses else "no_difference"


def _fewer_served(rows):
    """True when the variant significantly serves fewer of the people who came: a higher
    unserved share, or (older files without it) more who gave up, left or were sent home."""
    if "unserved_share" in rows:
        return _significant(rows["unserved_share"]) and rows["unserved_share"]["diff"] > 0
    return any(_significant(rows.get(m)) and rows[m]["diff"] > 0 for m in ("reneged", "balked", "sent_home"))


def _unserved_note(rows, lang):
    """What to say next to the wait of those served when the share who went home unserved
    differs significantly: a shorter wait bought by serving fewer people is not an improvement."""
    shorter = rows["wait_mean"]["diff"] < 0
    if _fewer_served(rows):
        if shorter:
            return pick(lang, " — but fewer of the people who came were served, so the shorter "
                              "wait is not an improvement",
                        " — nhưng ít người dân được giải quyết hơn, nên chờ ngắn hơn không có nghĩa "
                        "là tốt hơn")
        return pick(lang, ", and fewer of the people who came were served",
                    ", và ít người dân được giải quyết hơn")
    unserved = rows.get("unserved_share")
    if _significant(unserved) and unserved["diff"] < 0:
        if shorter:
            return pick(lang, ", and more of the people who came were served",
                        ", và nhiều người dân được giải quyết hơn")
        return pick(lang, " — while more of the people who came were served, which can lengthen "
                          "the wait of those served",
                    " — trong khi nhiều người dân được giải quyết hơn, điều này có thể làm người "
                    "được phục vụ chờ lâu hơn")
    return ""


def _comparison(f, lang):
    """One sentence per variant: service level, unserved share, then the wait of those served,
    with a warning next to a shorter wait when fewer people were served."""
    out = []
    target = number((f.get("service") or {}).get("target", 30.0), lang, 0)
    for variant, rows in f["comparison"]:
        parts = []
        if "service_level" in rows:
            parts.append(_change(rows["service_level"], lang,
                                 pick(lang, f"the share of visits served within {target} minutes",
                                      f"tỷ lệ lượt đến được phục vụ trong vòng {target} phút"),
                                 pick(lang, " points", " điểm phần trăm"), 100.0,
                                 pick(lang, "up", "tăng"), pick(lang, "down", "giảm")))
        if "unserved_share" in rows:
            parts.append(_change(rows["unserved_share"], lang,
                                 pick(lang, "the share who went home unserved",
                                      "tỷ lệ người dân ra về chưa được giải quyết"),
                                 pick(lang, " points", " điểm phần trăm"), 100.0,
                                 pick(lang, "up", "tăng"), pick(lang, "down", "giảm")))
        if "wait_mean" in rows:
            text = _change(rows["wait_mean"], lang,
                           pick(lang, "the wait of those served", "thời gian chờ của người được phục vụ"),
                           pick(lang, " minutes", " phút"), 1.0,
                           pick(lang, "longer by", "dài hơn"), pick(lang, "shorter by", "ngắn hơn"))
            parts.append(text + _unserved_note(rows, lang))
        if not parts:
            continue
        head = pick(lang, f"Variant {variant} against the base: ", f"Phương án {variant} so với phương án gốc: ")
        verdict = VERDICT_NAMES.get(rows.get("_overall"), rows.get("_overall")) or overall(rows)
        tail = ""
        if verdict in OVERALL:
            tail = pick(lang, " Overall: ", " Nhìn chung: ") + OVERALL[verdict][lang == "vi"] + "."
        out.append(head + "; ".join(parts) + "." + tail)
    return out


def sentences(facts, lang):
    """(intro, [sentences]) in lang ('en' or 'vi'); sentences whose data is missing are left out."""
    parts = [_service, _domains, _wait, _weekday, _peak, _counters, _unserved, _overtime, _dossiers,
             _systems, _station]
    body = [s for s in (p(facts, lang) for p in parts) if s]
    return _intro(facts, lang), body + _comparison(facts, lang)
