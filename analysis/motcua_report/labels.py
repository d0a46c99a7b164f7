"""Words of the page in English and Vietnamese: metric names, units, weekdays, dates, and the
Vietnamese names of domains, counters, systems and scenarios taken from the files."""
import datetime
import re

LANGS = ("en", "vi")

WEEKDAY = {"en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
           "vi": ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]}


def pick(lang, en, vi):
    """The English or the Vietnamese text."""
    return vi if lang == "vi" else en


# What each metric is, for tables and plot titles (metrics not listed keep their file name).
METRICS = {
    "service_level": ("service level (served within the target wait)",
                      "tỷ lệ được phục vụ trong thời gian chờ mục tiêu"),
    "unserved_share": ("share who went home unserved", "tỷ lệ người dân ra về chưa được giải quyết"),
    "helped": ("helped (served or answered)", "số người được giúp (phục vụ hoặc giải đáp)"),
    "turned_away": ("turned away (no counter serves their domain)",
                    "số người bị từ chối (không quầy nào nhận lĩnh vực)"),
    "served_on_target": ("served within the target wait", "số lượt được phục vụ đúng mục tiêu"),
    "sent_home_pending": ("left to come back, not back by the end",
                          "số người hẹn quay lại nhưng chưa quay lại"),
    "gave_up": ("went home unserved for good", "số người ra về hẳn chưa được giải quyết"),
    "overtime_max": ("longest overtime of one officer in a day",
                     "thời gian làm thêm dài nhất của một cán bộ trong ngày"),
    "last_service_end_mean": ("last service of the day ends, mean",
                              "giờ kết thúc lượt phục vụ cuối cùng trong ngày, trung bình"),
    "last_service_end_max": ("last service of the day ends, latest",
                             "giờ kết thúc lượt phục vụ cuối cùng trong ngày, muộn nhất"),
    "arrived": ("citizens who came (first visits)", "số người dân đến (lượt đầu)"),
    "served": ("served at a counter", "số người được phục vụ tại quầy"),
    "reneged": ("gave up waiting", "số người bỏ về vì chờ lâu"),
    "ticket_served_share": ("share of visits with a ticket that were served",
                            "tỷ lệ lượt đã lấy số được phục vụ"),
    "no_shows": ("not there when their number was called",
                 "số người vắng mặt khi được gọi số"),
    "volunteer_sought": ("came with forms while volunteers were on duty",
                         "số người cần điền tờ khai khi có tình nguyện viên trực"),
    "volunteer_helped": ("helped by a volunteer with their forms",
                         "số người được tình nguyện viên giúp điền tờ khai"),
    "volunteer_found_share": ("share who found a volunteer free",
                              "tỷ lệ gặp được tình nguyện viên rảnh"),
    "balked": ("left at the sight of the queue", "số người thấy đông nên về"),
    "sent_home": ("sent home to come back", "số lượt bị hẹn quay lại"),
    "returned": ("return visits", "số lượt quay lại"),
    "answered": ("questions answered at reception", "số người được giải đáp tại quầy tiếp đón"),
    "wait_mean": ("wait of those served, mean", "thời gian chờ của người được phục vụ, trung bình"),
    "wait_p50": ("wait of those served, median", "thời gian chờ của người được phục vụ, trung vị"),
    "wait_p90": ("wait of those served, 90th percentile",
                 "thời gian chờ của người được phục vụ, phân vị 90"),
    "wait_p95": ("wait of those served, 95th percentile",
                 "thời gian chờ của người được phục vụ, phân vị 95"),
    "wait_max": ("longest wait", "thời gian chờ lâu nhất"),
    "wait_mean_priority": ("wait of priority citizens, mean", "thời gian chờ của người được ưu tiên"),
    "sojourn_mean": ("time in the center, mean", "thời gian ở trung tâm, trung bình"),
    "utilization": ("counter utilisation", "mức độ bận của quầy"),
    "abandon_prob": ("share who gave up waiting", "tỷ lệ bỏ về vì chờ lâu"),
    "abandon_rate": ("share who gave up waiting", "tỷ lệ bỏ về vì chờ lâu"),
    "on_time_rate": ("dossiers on time", "tỷ lệ hồ sơ đúng hạn"),
    "dossiers_received": ("dossiers received", "số hồ sơ tiếp nhận"),
    "dossiers_online": ("of those, filed online", "trong đó nộp trực tuyến"),
    "dossiers_late": ("dossiers finished late", "số hồ sơ trễ hạn"),
    "dossiers_on_time": ("dossiers finished on time", "số hồ sơ đúng hạn"),
    "dossiers_completed": ("dossiers finished", "số hồ sơ đã giải quyết xong"),
    "dossiers_open_overdue": ("open at the end, overdue", "còn tồn cuối kỳ, đã quá hạn"),
    "dossiers_open_not_due": ("open at the end, not yet due", "còn tồn cuối kỳ, chưa đến hạn"),
    "backlog_mean": ("back-office backlog, mean", "hồ sơ tồn đọng, trung bình"),
    "backlog_max": ("back-office backlog, largest", "hồ sơ tồn đọng, nhiều nhất"),
    "overtime": ("overtime", "thời gian làm thêm giờ"),
    "system_down": ("software downtime", "thời gian phần mềm ngừng hoạt động"),
    "system_outages": ("software outages", "số lần phần mềm gặp sự cố"),
    "system_citizens_sent_home": ("citizens sent home because software was down",
                                  "số người phải hẹn lại vì phần mềm ngừng"),
    "payments_online": ("online dossiers paid online", "số hồ sơ thanh toán trực tuyến"),
    "payments_counter": ("fees paid at the counter", "số lượt nộp phí tại quầy"),
    "ticket_visits": ("visits that took a ticket", "số lượt đã lấy số thứ tự"),
    "ticket_visits_served": ("of those, served", "trong đó được phục vụ"),
    "on_time_rate_online": ("dossiers filed online, on time", "tỷ lệ hồ sơ nộp trực tuyến đúng hạn"),
    "on_time_rate_counter": ("dossiers filed at the counter, on time",
                             "tỷ lệ hồ sơ nộp tại quầy đúng hạn"),
}
# The channel split of the dossier counts: "dossiers_online_on_time" reads "dossiers on time,
# filed online" in the words of the total it splits.
for _channel, _en, _vi in (("online", "filed online", "nộp trực tuyến"),
                           ("counter", "filed at the counter", "nộp tại quầy")):
    for _count in ("received", "completed", "on_time", "late", "open_overdue"):
        _total_en, _total_vi = METRICS["dossiers_" + _count]
        METRICS[f"dossiers_{_channel}_{_count}"] = (f"{_total_en}, {_en}", f"{_total_vi}, {_vi}")

UNITS = {"min": ("min", "phút"), "h": ("h", "giờ"), "citizens": ("citizens", "người"),
         "1": ("", ""), "dossiers": ("dossiers", "hồ sơ"), "events": ("events", "lần"),
         "staff-min": ("staff-min", "phút công"), "persons": ("persons", "người"),
         "tickets": ("tickets", "số phiếu"), "%": ("%", "%")}


def metric(name, lang):
    """A metric's plain name in lang; the file's name when the page has none for it."""
    return METRICS[name][lang == "vi"] if name in METRICS else name


def unit(name, lang):
    return UNITS[name][lang == "vi"] if name in UNITS else name


def _is_vietnamese(text):
    """Vietnamese text has letters outside ASCII (an English word in brackets has none)."""
    return any(ord(ch) > 127 and ch.isalpha() for ch in text)


def en_name(label):
    """'Land (đất đai)' -> 'Land': the English part of a bilingual label."""
    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", label)
    return m.group(1) if m and m.group(1) and _is_vietnamese(m.group(2)) else label


def vi_name(label, capital=False):
    """'Land (đất đai)' -> 'đất đai' ('Đất đai' with capital): the Vietnamese part in brackets,
    else the label itself."""
    m = re.search(r"\(([^()]*)\)\s*$", label)
    name = m.group(1) if m and _is_vietnamese(m.group(1)) else label
    return name[:1].upper() + name[1:] if capital else name


def name(label, lang, capital=False):
    """A bilingual file label in lang."""
    return vi_name(label, capital) if lang == "vi" else en_name(label)


def counter_name(counter_id, domains, domain_names, lang):
    """A counter as the page names it: its id in English; in Vietnamese 'Quầy 5 (đất đai, xây
    dựng)' from the number at the start of the id and the Vietnamese names of its domains.

    domains: the counter's domain ids separated by spaces (/layout_counters); domain_names:
    {domain id: bilingual name} (/domains)."""
    if lang != "vi":
        return counter_id
    m = re.match(r"^(\d+)", counter_id)
    label = f"Quầy {m.group(1)}" if m else f"Quầy {counter_id}"
    names = ", ".join(vi_name(domain_names.get(d, d)) for d in str(domains).split())
    if len(names) > 32:  # a counter for six domains would fill the plot's margin
        names = names[:30].rsplit(" ", 1)[0].rstrip(",") + "…"
    return f"{label} ({names})" if names else label


# The classes of scenarios/national/*.toml: which template a center is built from.
CLASSES_VI = {"rural commune": "mẫu xã nông thôn", "urban ward": "mẫu phường đô thị",
              "megaward": "mẫu phường rất lớn"}


def center_class(name, lang):
    """A national scenario's center class in lang (unknown classes as written)."""
    return CLASSES_VI.get(str(name), str(name)) if lang == "vi" else str(name)


def date(iso, lang):
    """'2025-09-08' as 08/09/2025 in Vietnamese; unchanged in English."""
    if lang != "vi":
        return iso
    try:
        return datetime.date.fromisoformat(str(iso)).strftime("%d/%m/%Y")
    except ValueError:
        return str(iso)
