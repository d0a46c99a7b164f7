// Flattens a center's parameters into named fields, so two scenarios can be diffed key by key.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sim/model/center_params.hpp"

namespace test_support {

using Fingerprint = std::map<std::string, std::string>;

/// A number written so that std::stod gives back the same double.
inline std::string exact(double v) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", v);
  return text;
}

inline const std::array<const char*, 7>& weekday_keys() {
  static const std::array<const char*, 7> names = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return names;
}

/// The fields of a center (and its calendar) that the policy overlays may change, by name:
/// procedure.<id>.share, staff.<i>.speed.<domain>, demand.hourly_profile.<h>,
/// calendar.<wd>.sessions, system.<id>.repair_mean, reception.robot.accuracy, no_writing (present),
/// ...
inline Fingerprint fingerprint(const sim::model::CenterParams& c) {
  Fingerprint f;
  const auto domain_id = [&](std::uint32_t d) { return c.domains.at(d).id; };
  const auto domain_list = [&](const std::vector<std::uint32_t>& ds) {
    std::string s;
    for (auto d : ds) s += (s.empty() ? "" : ",") + domain_id(d);
    return s;
  };
  const auto mask_list = [&](const std::vector<bool>& mask) {
    std::string s;
    for (std::size_t d = 0; d < mask.size(); ++d)
      if (mask[d]) s += (s.empty() ? "" : ",") + c.domains.at(d).id;
    return s;
  };
  for (const auto& p : c.procedures) {
    const std::string k = "procedure." + p.id + ".";
    f[k + "domain"] = domain_id(p.domain);
    f[k + "share"] = exact(p.share);
    f[k + "incomplete_share"] = exact(p.incomplete_share);
    f[k + "service_mean"] = exact(p.service.mean());
    f[k + "form_mean"] = exact(p.form.mean());
    f[k + "proxy_writing_allowed"] = p.proxy_writing_allowed ? "true" : "false";
  }
  f["counters"] = std::to_string(c.counters.size());
  for (std::size_t i = 0; i < c.counters.size(); ++i) {
    const std::string k = "counter." + std::to_string(i) + ".";
    f[k + "id"] = c.counters[i].id;
    f[k + "domains"] = domain_list(c.counters[i].domains);
    f[k + "overflow"] = domain_list(c.counters[i].overflow);
  }
  f["staff"] = std::to_string(c.staff.size());
  for (std::size_t i = 0; i < c.staff.size(); ++i) {
    const auto& s = c.staff[i];
    const std::string k = "staff." + std::to_string(i) + ".";
    f[k + "name"] = s.name;
    f[k + "counter"] = c.counters.at(s.counter).id;
    for (std::size_t d = 0; d < s.speed.size(); ++d)
      f[k + "speed." + c.domains.at(d).id] = exact(s.speed[d]);
    f[k + "absence_prob"] = exact(s.absence_prob);
    f[k + "first_day"] = std::to_string(s.first_day);
    f[k + "last_day"] = std::to_string(s.last_day);
  }
  const auto& dm = c.demand;
  f["demand.daily_visits"] = exact(dm.daily_visits);
  for (int d = 0; d < 7; ++d)
    f[std::string("demand.weekday_factor.") + weekday_keys()[d]] = exact(dm.weekday_factor[d]);
  for (int h = 0; h < 24; ++h)
    f["demand.hourly_profile." + std::to_string(h)] = exact(dm.hourly_profile[h]);
  f["demand.online_share"] = exact(dm.online_share);
  // An empty factor list means 1 for every domain: written out so that "empty" and "all 1" match.
  for (std::size_t d = 0; d < c.domains.size(); ++d) {
    const double weekday = dm.domain_visit_factor.empty() ? 1.0 : dm.domain_visit_factor.at(d);
    const double saturday =
        dm.saturday_visit_factor.empty() ? weekday : dm.saturday_visit_factor.at(d);
    f["demand.visit_factor." + c.domains[d].id] = exact(weekday);
    f["demand.saturday_visit_factor." + c.domains[d].id] = exact(saturday);
  }
  if (c.calendar) {
    for (int d = 0; d < 7; ++d) {
      std::string sessions;
      for (const auto& s : c.calendar->sessions[d])
        sessions += (sessions.empty() ? "" : ",") + std::to_string(s.open_min) + "-" +
                    std::to_string(s.close_min);
      f[std::string("calendar.") + weekday_keys()[d] + ".sessions"] = sessions;
      f[std::string("calendar.") + weekday_keys()[d] + ".ticket_stop"] =
          std::to_string(c.calendar->ticket_stop_min[d]);
    }
  }
  const auto& r = c.reception;
  f["reception.mode"] =
      r.mode == sim::model::ReceptionParams::Mode::kiosk ? "kiosk" : "receptionist";
  f["reception.receptionists"] = std::to_string(r.receptionists);
  f["reception.wrong_pick_share"] = exact(r.wrong_pick_share);
  f["reception.reception_time"] = r.reception_time.describe();
  f["reception.robot"] = r.robot ? "yes" : "no";
  if (r.robot) {
    f["reception.robot.capacity"] = std::to_string(r.robot->capacity);
    f["reception.robot.service_time"] = r.robot->service_time.describe();
    f["reception.robot.accuracy"] = exact(r.robot->accuracy);
    f["reception.robot.answers"] = mask_list(r.robot->answers);
    f["reception.robot.answer_share"] = exact(r.robot->answer_share);
    f["reception.robot.qr_domains"] = mask_list(r.robot->qr_domains);
    f["reception.robot.qr_service_factor"] = exact(r.robot->qr_service_factor);
    f["reception.robot.system"] =
        r.robot->system < c.systems.size() ? c.systems[r.robot->system].id : "none";
  }
  f["reception.volunteers"] = r.volunteers ? "yes" : "no";
  if (r.volunteers) {
    f["reception.volunteers.count"] = std::to_string(r.volunteers->count);
    f["reception.volunteers.from_min"] = std::to_string(r.volunteers->from_min);
    f["reception.volunteers.until_min"] = std::to_string(r.volunteers->until_min);
    f["reception.volunteers.form_factor"] = exact(r.volunteers->form_factor);
    f["reception.volunteers.wrong_pick_factor"] = exact(r.volunteers->wrong_pick_factor);
    f["reception.volunteers.incomplete_factor"] = exact(r.volunteers->incomplete_factor);
  }
  f["back_office.workers"] = std::to_string(c.back_office.workers);
  f["systems"] = std::to_string(c.systems.size());
  for (const auto& s : c.systems) {
    const std::string k = "system." + s.id + ".";
    f[k + "repair_mean"] = exact(s.repair_time.mean());
    f[k + "failure_mean"] = s.time_to_failure ? exact(s.time_to_failure->mean()) : "none";
    f[k + "sync_failure_share"] = exact(s.sync_failure_share);
  }
  f["no_writing"] = c.no_writing ? "yes" : "no";
  if (c.no_writing) {
    std::string days;
    for (int d = 0; d < 7; ++d)
      if (c.no_writing->weekdays[d])
        days += (days.empty() ? "" : ",") + std::string(weekday_keys()[d]);
    f["no_writing.weekdays"] = days;
    f["no_writing.uptake"] = exact(c.no_writing->uptake);
    f["no_writing.staff_form_factor"] = exact(c.no_writing->staff_form_factor);
    f["no_writing.incomplete_factor"] = exact(c.no_writing->incomplete_factor);
  }
  f["saturday"] = c.saturday ? "yes" : "no";
  if (c.saturday) {
    f["saturday.domains"] = mask_list(c.saturday->domains);
    f["saturday.shift_share"] = exact(c.saturday->shift_share);
    for (std::size_t p = 0; p < c.saturday->saturday_shares.size(); ++p)
      f["saturday.share." + c.procedures.at(p).id] = exact(c.saturday->saturday_shares[p]);
  }
  return f;
}

/// Keys whose values differ between a and b, or that only one of them has.
inline std::set<std::string> changed_keys(const Fingerprint& a, const Fingerprint& b) {
  std::set<std::string> out;
  for (const auto& [k, v] : a) {
    const auto it = b.find(k);
    if (it == b.end() || it->second != v) out.insert(k);
  }
  for (const auto& [k, v] : b)
    if (!a.count(k)) out.insert(k);
  return out;
}

}  // namespace test_support
