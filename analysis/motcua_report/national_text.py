"""The plain-language summary of a national file, in English and Vietnamese."""
from . import labels
from .summary_text import estimate, number


def _share(iv):
    """A rate's interval with its upper bound at 100 % (the lower one is clipped at 0 anyway)."""
    return None if iv is None else iv.capped(1.0)


def _intro(f, lang):
    n, p = f["replications"], f["period"]
    centers, provinces = number(f["centers"], lang, 0), f["provinces"]
    if lang == "en":
        where = f"{centers} centers in {provinces} province{'s' if provinces != 1 else ''}"
        when = f", {p[0]} days from {p[1]} to {p[2]}" if p else ""
        if n >= 2:
            return (f"{f['name']}: {where}{when}, simulated {n} times with different random "
                    "arrivals (replications). Ranges in brackets are 95 % confidence intervals "
                    "across the replications.")
        return (f"{f['name']}: {where}{when}, simulated once: one replication, no interval (an "
                "interval needs the spread between at least two runs). Run 10 or more (motcua run "
                "-r 10) before deciding anything.")
    where = f"{centers} trung tâm tại {provinces} tỉnh, thành phố"
    when = f", {p[0]} ngày từ {labels.date(p[1], 'vi')} đến {labels.date(p[2], 'vi')}" if p else ""
    if n >= 2:
        return (f"{f['name']}: {where}{when}, được mô phỏng {n} lần với các lượt người dân đến "
                "ngẫu nhiên khác nhau. Các khoảng trong ngoặc là khoảng tin cậy 95 % giữa các lần "
                "mô phỏng.")
    return (f"{f['name']}: {where}{when}, chỉ được mô phỏng một lần nên không có khoảng tin cậy (cần "
            "ít nhất hai lần mô phỏng để biết kết quả dao động bao nhiêu): hãy chạy từ 10 lần trở "
            "lên (motcua run -r 10) trước khi đưa ra quyết định.")


def _dossiers(f, lang):
    nat = f["national"]
    if "dossiers_received" not in nat:
        return None
    received, r_ci = estimate(nat["dossiers_received"], lang)
    online, _ = estimate(nat.get("dossiers_online"), lang)
    centers = number(f["centers"], lang, 0)
    rate, rate_ci = estimate(_share(nat.get("on_time_rate")), lang, pct=True)
    if lang == "en":
        text = (f"Across the {centers} centers, {received} dossiers were received{r_ci}, "
                f"{online} of them online")
        if "on_time_rate" in nat:
            text += f"; {rate} of those whose outcome is known were finished on time{rate_ci}"
        return text + "."
    text = (f"Trên toàn bộ {centers} trung tâm, {received} hồ sơ đã được tiếp nhận{r_ci}, trong đó "
            f"{online} hồ sơ nộp trực tuyến")
    if "on_time_rate" in nat:
        text += f"; {rate} hồ sơ đã có kết quả được giải quyết đúng hạn{rate_ci}"
    return text + "."


def _wait(f, lang):
    nat = f["national"]
    if "wait_mean" not in nat:
        return None
    wait, w_ci = estimate(nat["wait_mean"], lang)
    gave_up, g_ci = estimate(_share(nat.get("abandon_rate")), lang, pct=True)
    if lang == "en":
        text = f"People who were served waited {wait} minutes on average{w_ci}"
        if "abandon_rate" in nat:
            text += f"; {gave_up} of those who came gave up waiting{g_ci}"
        return text + "."
    text = f"Người dân được phục vụ đã chờ trung bình {wait} phút{w_ci}"
    if "abandon_rate" in nat:
        text += f"; {gave_up} người đến đã bỏ về vì chờ quá lâu{g_ci}"
    return text + "."


def _provinces(f, lang):
    longest, lowest = f["longest_wait"], f["lowest_on_time"]
    if longest is None or f["provinces"] < 2:
        return None
    w, w_ci = estimate(longest[1], lang)
    if lang == "en":
        text = f"The province with the longest mean wait is {longest[0]}: {w} minutes{w_ci}"
        if lowest is not None:
            r, r_ci = estimate(_share(lowest[1]), lang, pct=True)
            text += f"; the lowest on-time rate is in {lowest[0]}: {r}{r_ci}"
        return text + "."
    text = f"Tỉnh, thành phố có thời gian chờ trung bình dài nhất là {longest[0]}: {w} phút{w_ci}"
    if lowest is not None:
        r, r_ci = estimate(_share(lowest[1]), lang, pct=True)
        text += f"; tỷ lệ đúng hạn thấp nhất là {lowest[0]}: {r}{r_ci}"
    return text + "."


def _center(f, lang):
    if f["slowest_center"] is None:
        return None
    name, province, iv = f["slowest_center"]
    w, w_ci = estimate(iv, lang)
    if lang == "en":
        text = f"The center with the longest mean wait is {name} ({province}): {w} minutes{w_ci}"
    else:
        text = f"Trung tâm có thời gian chờ trung bình dài nhất là {name} ({province}): {w} phút{w_ci}"
    if f.get("least_on_time_center") is not None:
        name, province, iv = f["least_on_time_center"]
        r, r_ci = estimate(_share(iv), lang, pct=True)
        text += (f"; the lowest on-time rate is at {name} ({province}): {r}{r_ci}" if lang == "en"
                 else f"; tỷ lệ hồ sơ đúng hạn thấp nhất là {name} ({province}): {r}{r_ci}")
    return text + "."


def _service(f, lang):
    """The lead, in files that have them: service level and the share who went home unserved."""
    nat = f["national"]
    parts = []
    if "service_level" in nat:
        v, ci = estimate(_share(nat["service_level"]), lang, pct=True)
        parts.append(f"{v} of all visits were served within the target wait{ci}" if lang == "en"
                     else f"{v} lượt đến được phục vụ trong thời gian chờ mục tiêu{ci}")
    if "unserved_share" in nat:
        v, ci = estimate(_share(nat["unserved_share"]), lang, pct=True)
        parts.append(f"{v} of the citizens who came went home unserved{ci}" if lang == "en"
                     else f"{v} người dân đến đã ra về mà chưa được giải quyết{ci}")
    if not parts:
        return None
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def sentences(facts, lang):
    """(intro, [sentences]) in lang ('en' or 'vi'); sentences whose data is missing are left out."""
    parts = (_service, _dossiers, _wait, _provinces, _center)
    body = [s for s in (p(facts, lang) for p in parts) if s]
    return _intro(facts, lang), body
