// Policy overlays: merge semantics, what each overlay in scenarios/policies/ changes (and nothing
// else), how overlays combine, and bad overlays named by the overlay's own file, line and key.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "sim/scenario/input_error.hpp"
#include "sim/scenario/overlay.hpp"
#include "sim/scenario/scenario_loader.hpp"
#include "tests/support/params_fingerprint.hpp"
#include "tests/support/paths.hpp"
#include "tests/support/problems.hpp"

namespace fs = std::filesystem;
using sim::scenario::InputError;
using sim::scenario::Problem;
using test_support::changed_keys;
using test_support::fingerprint;
using test_support::Fingerprint;
using test_support::listing;
using test_support::repo_path;
using test_support::reported;

namespace {

const std::string urban = "scenarios/templates/urban_ward.toml";
const std::string stable = "scenarios/software/stable.toml";

std::string policy(const std::string& name) {
  return repo_path("scenarios/policies/" + name + ".toml");
}

Fingerprint loaded(const std::string& scenario, const std::vector<std::string>& overlays = {}) {
  return fingerprint(sim::scenario::load_scenario(repo_path(scenario), overlays).center);
}

double num(const Fingerprint& f, const std::string& key) {
  INFO("key " << key);
  REQUIRE(f.count(key) == 1);
  return std::stod(f.at(key));
}

std::string listing(const std::set<std::string>& keys) {
  std::string text;
  for (const auto& k : keys) text += k + "\n";
  return text;
}

/// Keys of the base with a given prefix and suffix.
std::set<std::string> keys_like(const Fingerprint& f, const std::string& prefix,
                                const std::string& suffix = "") {
  std::set<std::string> out;
  for (const auto& [k, v] : f) {
    if (k.rfind(prefix, 0) == 0 && k.size() >= suffix.size() &&
        k.compare(k.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.insert(k);
  }
  return out;
}

/// The mean of a lognormal given by median m and coefficient of variation cv:
/// sigma^2 = ln(1 + cv^2), mean = m exp(sigma^2 / 2) = m sqrt(1 + cv^2).
double lognormal_mean(double median, double cv) { return median * std::sqrt(1.0 + cv * cv); }

Approx rounding(double v) { return Approx(v).epsilon(1e-12); }

/// An independent reimplementation of the documented merge rule: standard tables merge key by
/// key, everything else replaces.
void merge_by_hand(toml::table& into, const toml::table& from) {
  for (const auto& [key, node] : from) {
    auto* target = into.get(key);
    if (node.is_table() && target && target->is_table() && !node.as_table()->is_inline() &&
        !target->as_table()->is_inline()) {
      merge_by_hand(*target->as_table(), *node.as_table());
    } else {
      into.insert_or_assign(key, node);
    }
  }
}

/// Writes files into a scratch folder; removed at the end of the test.
struct Scratch {
  fs::path dir;
  explicit Scratch(const std::string& name) : dir(test_support::scratch_dir("overlay_" + name)) {}
  ~Scratch() { fs::remove_all(dir); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  }
};

std::vector<Problem> problems_of(const std::vector<std::string>& overlays,
                                 const std::vector<std::string>& settings = {}) {
  try {
    sim::scenario::load_scenario(repo_path(urban), overlays, settings);
  } catch (const InputError& e) {
    return e.problems();
  }
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Merge semantics

TEST_CASE("a standard table in an overlay is merged key by key and keeps the base's other keys",
          "[scenario]") {
  auto base = toml::parse(
      "[hours]\nweekday = [\"07:30-11:30\"]\nticket_stop = \"11:00\"\n"
      "[hours.more]\na = 1\nb = 2\n");
  auto overlay = toml::parse("[hours]\nticket_stop = \"10:30\"\n[hours.more]\nb = 3\nc = 4\n");
  sim::scenario::merge_overlay(base, std::move(overlay));
  CHECK(base["hours"]["ticket_stop"].value<std::string>() == "10:30");
  REQUIRE(base["hours"]["weekday"].as_array() != nullptr);
  CHECK(base["hours"]["weekday"][0].value<std::string>() == "07:30-11:30");
  CHECK(base["hours"]["more"]["a"].value<std::int64_t>() == 1);
  CHECK(base["hours"]["more"]["b"].value<std::int64_t>() == 3);
  CHECK(base["hours"]["more"]["c"].value<std::int64_t>() == 4);
}

TEST_CASE("an inline table in an overlay replaces the base's whole distribution", "[scenario]") {
  auto base = toml::parse(
      "[demand]\ndaily_visits = 10\npatience = { type = \"lognormal\", mean = 90.0, sd = 60.0 }\n");
  auto overlay = toml::parse("[demand]\npatience = { type = \"exponential\", mean = 30.0 }\n");
  sim::scenario::merge_overlay(base, std::move(overlay));
  const auto* patience = base["demand"]["patience"].as_table();
  REQUIRE(patience != nullptr);
  CHECK(patience->size() == 2);  // no leftover sd
  CHECK_FALSE(patience->contains("sd"));
  CHECK((*patience)["type"].value<std::string>() == "exponential");
  CHECK((*patience)["mean"].value<double>() == 30.0);
  CHECK(base["demand"]["daily_visits"].value<std::int64_t>() == 10);
}

TEST_CASE("an array in an overlay replaces the base's array", "[scenario]") {
  auto base = toml::parse(
      "[hours]\nweekday = [\"07:30-11:30\", \"13:30-17:00\"]\n"
      "[[counters]]\nid = \"A\"\n[[counters]]\nid = \"B\"\n");
  auto overlay = toml::parse("[hours]\nweekday = [\"08:00-12:00\"]\n[[counters]]\nid = \"C\"\n");
  sim::scenario::merge_overlay(base, std::move(overlay));
  const auto* weekday = base["hours"]["weekday"].as_array();
  REQUIRE(weekday != nullptr);
  CHECK(weekday->size() == 1);
  CHECK((*weekday)[0].value<std::string>() == "08:00-12:00");
  const auto* counters = base["counters"].as_array();
  REQUIRE(counters != nullptr);
  REQUIRE(counters->size() == 1);
  CHECK((*counters)[0].as_table()->get("id")->value<std::string>() == "C");
}

// ---------------------------------------------------------------------------------------------
// Every overlay in scenarios/policies/ changes exactly what it says

TEST_CASE("the AI robot overlay adds the robot and its failure process and nothing else",
          "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("ai_robot")});
  const std::set<std::string> expected = {"reception.robot",
                                          "reception.robot.capacity",
                                          "reception.robot.service_time",
                                          "reception.robot.accuracy",
                                          "reception.robot.answers",
                                          "reception.robot.answer_share",
                                          "reception.robot.qr_domains",
                                          "reception.robot.qr_service_factor",
                                          "reception.robot.system",
                                          "systems",
                                          "system.reception_robot.repair_mean",
                                          "system.reception_robot.failure_mean",
                                          "system.reception_robot.sync_failure_share"};
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(after.at("reception.robot.capacity") == "2");
  CHECK(num(after, "reception.robot.accuracy") == 0.97);
  CHECK(after.at("reception.robot.answers") == "information");
  CHECK(num(after, "reception.robot.answer_share") == 0.4);
  CHECK(after.at("reception.robot.qr_domains") == "result_pickup");
  CHECK(num(after, "reception.robot.qr_service_factor") == 0.7);
  CHECK(after.at("reception.robot.system") == "reception_robot");
  CHECK(std::stoul(after.at("systems")) == std::stoul(base.at("systems")) + 1);
  CHECK(num(after, "system.reception_robot.failure_mean") == 20160.0);
  CHECK(num(after, "system.reception_robot.repair_mean") == rounding(lognormal_mean(120.0, 0.8)));
  CHECK(num(after, "system.reception_robot.sync_failure_share") == 0.0);
}

TEST_CASE(
    "digital training makes every able staff member 10 percent faster and sync failures 30 percent "
    "rarer",
    "[scenario]") {
  const auto base = loaded(stable), after = loaded(stable, {policy("digital_training")});
  std::set<std::string> expected;
  for (const auto& k : keys_like(base, "staff.", "")) {
    if (k.find(".speed.") != std::string::npos && num(base, k) != 0.0) expected.insert(k);
  }
  for (const auto& k : keys_like(base, "system.", ".sync_failure_share")) {
    if (num(base, k) != 0.0) expected.insert(k);
  }
  REQUIRE(expected.size() > 20);  // 8 staff x 12 domains, less the zero skills, plus systems
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  for (const auto& k : expected) {
    INFO(k);
    const double factor = k.find(".speed.") != std::string::npos ? 1.1 : 0.7;
    CHECK(num(after, k) == num(base, k) * factor);
  }
  // The information officer's zero skills stay zero.
  CHECK(num(after, "staff.6.speed.land") == 0.0);
}

TEST_CASE("the IT support overlay halves every repair time and leaves failures as they were",
          "[scenario]") {
  const auto base = loaded(stable), after = loaded(stable, {policy("it_support")});
  const auto expected = keys_like(base, "system.", ".repair_mean");
  REQUIRE(expected.size() >= 5);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  for (const auto& k : expected) {
    INFO(k);
    CHECK(num(after, k) == rounding(0.5 * num(base, k)));
  }
  for (const auto& k : keys_like(base, "system.", ".failure_mean"))
    CHECK(after.at(k) == base.at(k));
}

TEST_CASE("the online shift moves a fifth of the remaining walk-ins who could file online, online",
          "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("online_shift")});
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == std::set<std::string>{"demand.online_share"});
  // e = 1 - signature 0.0744 - contract 0.0093 - information 0.0744 - pick-ups 0.07 = 0.7719 of
  // the mix may be filed online; s' = s + 0.2 (e - s) with s = 0.25: 0.35438.
  const auto params = sim::scenario::load_scenario(repo_path(urban)).center;
  CHECK(sim::model::online_eligible_share(params) == Approx(0.7719));
  const double s = num(base, "demand.online_share");
  CHECK(s == 0.25);
  CHECK(num(after, "demand.online_share") == Approx(0.25 + 0.2 * (0.7719 - 0.25)));
}

TEST_CASE(
    "online Q&A groups keep 60 percent of information visitors and cut incomplete dossiers by a "
    "fifth",
    "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("online_qa")});
  std::set<std::string> expected = {"demand.visit_factor.information",
                                    "demand.saturday_visit_factor.information"};
  for (const auto& k : keys_like(base, "procedure.", ".incomplete_share"))
    if (num(base, k) != 0.0) expected.insert(k);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(num(after, "demand.visit_factor.information") == 0.6);
  for (const auto& k : keys_like(after, "demand.visit_factor."))
    if (k != "demand.visit_factor.information") CHECK(num(after, k) == 1.0);
  for (const auto& k : keys_like(base, "procedure.", ".incomplete_share")) {
    INFO(k);
    CHECK(num(after, k) == num(base, k) * 0.8);
  }
}

TEST_CASE("extended hours close at 18:00 Monday to Friday with tickets until 17:30", "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("extended_hours")});
  std::set<std::string> expected;
  for (const char* d : {"mon", "tue", "wed", "thu", "fri"}) {
    expected.insert(std::string("calendar.") + d + ".sessions");
    expected.insert(std::string("calendar.") + d + ".ticket_stop");
  }
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  // The evening weight 0.5 goes only to hours the base profile left at 0. The template uses the
  // default profile, whose 17:00-18:00 weight is already 0.4 (unused while the center closes at
  // 17:00), so that hour keeps 0.4 and the profile does not change.
  CHECK(changed == expected);
  CHECK(num(base, "demand.hourly_profile.17") == 0.4);
  CHECK(num(after, "demand.hourly_profile.17") == 0.4);
  for (const char* d : {"mon", "tue", "wed", "thu", "fri"}) {
    INFO(d);
    CHECK(after.at(std::string("calendar.") + d + ".sessions") == "450-690,810-1080");  // 18:00
    CHECK(after.at(std::string("calendar.") + d + ".ticket_stop") == "1050");           // 17:30
  }
  CHECK(after.at("calendar.sat.sessions").empty());
}

TEST_CASE("extended hours give the evening weight to an hour the profile left empty",
          "[scenario]") {
  const std::vector<std::string> profile = {
      "demand.hourly_profile = { \"08\" = 1.0, \"14\" = 1.0, \"16\" = 0.25 }"};
  const auto base = fingerprint(sim::scenario::load_scenario(repo_path(urban), {}, profile).center);
  const auto after = fingerprint(
      sim::scenario::load_scenario(repo_path(urban), {policy("extended_hours")}, profile).center);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed.count("demand.hourly_profile.17") == 1);
  CHECK(changed.count("demand.hourly_profile.16") == 0);
  CHECK(changed.count("demand.hourly_profile.18") == 0);  // 18:00 is the new close
  CHECK(num(base, "demand.hourly_profile.17") == 0.0);
  CHECK(num(after, "demand.hourly_profile.17") == 0.5);
  CHECK(num(after, "demand.hourly_profile.16") == 0.25);
}

TEST_CASE(
    "Friendly Saturday opens Saturday morning for land and justice and moves a tenth of their "
    "visitors",
    "[scenario]") {
  const auto s = sim::scenario::load_scenario(repo_path(urban));
  const auto base = fingerprint(s.center), after = loaded(urban, {policy("friendly_saturday")});
  const std::set<std::string> domains = {"land", "civil_status", "certification"};
  std::set<std::string> expected = {"calendar.sat.sessions",     "calendar.sat.ticket_stop",
                                    "demand.weekday_factor.sat", "saturday",
                                    "saturday.domains",          "saturday.shift_share"};
  for (const auto& d : domains) expected.insert("demand.visit_factor." + d);
  for (const auto& p : s.center.procedures) expected.insert("saturday.share." + p.id);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(after.at("calendar.sat.sessions") == "450-690");  // 07:30-11:30
  CHECK(after.at("calendar.sat.ticket_stop") == "660");   // 11:00
  CHECK(num(after, "saturday.shift_share") == 0.1);
  // weekday_factor[5] = shift (1 + induced) x (share of the three domains' procedures) x sum of
  // the Monday-Friday factors = 0.1 x 1.2 x share x (1.15 + 1 + 1 + 1 + 0.85).
  double share = 0.0;
  for (const auto& p : s.center.procedures) {
    const bool in = domains.count(s.center.domains[p.domain].id) > 0;
    if (in) share += p.share;
    CHECK(num(after, "saturday.share." + p.id) == (in ? p.share : 0.0));
  }
  REQUIRE(share > 0.5);  // certification alone is about half the visits
  CHECK(num(after, "demand.weekday_factor.sat") == rounding(0.1 * 1.2 * share * 5.0));
  for (const auto& d : domains) {
    CHECK(num(after, "demand.visit_factor." + d) == 0.9);
    CHECK(num(after, "demand.saturday_visit_factor." + d) == 1.0);
  }
}

TEST_CASE(
    "secondment appends a land and construction counter with its officer, a back-office worker "
    "and faster repairs, and changes no other",
    "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("secondment")});
  std::set<std::string> expected = {"counters", "staff", "back_office.workers"};
  for (const auto& k : keys_like(after, "counter.7.")) expected.insert(k);
  for (const auto& k : keys_like(after, "staff.8.")) expected.insert(k);
  for (const auto& k : keys_like(after, "system.", ".repair_mean")) expected.insert(k);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(base.at("counters") == "7");
  CHECK(after.at("counters") == "8");
  CHECK(after.at("staff") == "9");
  CHECK(std::stoi(after.at("back_office.workers")) ==
        std::stoi(base.at("back_office.workers")) + 1);
  CHECK(after.at("counter.7.domains") == "land,construction");
  CHECK(after.at("counter.7.overflow").empty());
  CHECK(after.at("staff.8.counter") == after.at("counter.7.id"));
  CHECK(num(after, "staff.8.absence_prob") == 0.05);
  CHECK(num(after, "staff.8.speed.land") == 1.0);
  CHECK(after.at("staff.8.first_day") == "0");
  CHECK(after.at("staff.8.last_day") == std::to_string(UINT32_MAX));
  // The IT officer makes every repair 0.7 times as long.
  const auto repairs = keys_like(after, "system.", ".repair_mean");
  CHECK(repairs.size() > 5);
  for (const auto& k : repairs) CHECK(num(after, k) == Approx(0.7 * num(base, k)));
}

TEST_CASE(
    "youth volunteers put two helpers in the hall for the opening hours, change no form time or "
    "share, and move a tenth of the walk-ins who could file online",
    "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("youth_volunteers")});
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  // The factors apply to a helped citizen only (model::Reception), so every procedure's form
  // time and incomplete share and the kiosk's wrong-pick share are as without the policy.
  CHECK(changed == std::set<std::string>{
                       "demand.online_share", "reception.volunteers", "reception.volunteers.count",
                       "reception.volunteers.from_min", "reception.volunteers.until_min",
                       "reception.volunteers.form_factor", "reception.volunteers.wrong_pick_factor",
                       "reception.volunteers.incomplete_factor"});
  CHECK(after.at("reception.volunteers") == "yes");
  CHECK(after.at("reception.volunteers.count") == "2");
  CHECK(after.at("reception.volunteers.from_min") == "-1");  // the opening hours
  CHECK(after.at("reception.volunteers.until_min") == "-1");
  CHECK(num(after, "reception.volunteers.form_factor") == 0.5);
  CHECK(num(after, "reception.volunteers.wrong_pick_factor") == 0.5);
  CHECK(num(after, "reception.volunteers.incomplete_factor") == 0.8);
}

TEST_CASE("more certification counters adds one certification-only counter with one officer",
          "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("more_certification_counters")});
  std::set<std::string> expected = {"counters", "staff"};
  for (const auto& k : keys_like(after, "counter.7.")) expected.insert(k);
  for (const auto& k : keys_like(after, "staff.8.")) expected.insert(k);
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(after.at("counters") == "8");
  CHECK(after.at("counter.7.domains") == "certification");
  CHECK(after.at("staff.8.counter") == after.at("counter.7.id"));
  CHECK(num(after, "staff.8.absence_prob") == 0.1);
  CHECK(num(after, "staff.8.speed.certification") == 1.0);
}

TEST_CASE("two receptionists replace the kiosk at the desk with fewer wrong picks", "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("two_receptionists")});
  const std::set<std::string> expected = {"reception.mode", "reception.receptionists",
                                          "reception.reception_time", "reception.wrong_pick_share"};
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(after.at("reception.mode") == "receptionist");
  CHECK(after.at("reception.receptionists") == "2");
  CHECK(num(after, "reception.wrong_pick_share") == 0.03);
  CHECK(num(base, "reception.wrong_pick_share") == 0.08);
}

TEST_CASE("the no-writing day overlay applies on Wednesdays with uptake 0.7", "[scenario]") {
  const auto base = loaded(urban), after = loaded(urban, {policy("no_writing_day")});
  const std::set<std::string> expected = {"no_writing", "no_writing.weekdays", "no_writing.uptake",
                                          "no_writing.staff_form_factor",
                                          "no_writing.incomplete_factor"};
  const auto changed = changed_keys(base, after);
  INFO(listing(changed));
  CHECK(changed == expected);
  CHECK(after.at("no_writing.weekdays") == "wed");
  CHECK(num(after, "no_writing.uptake") == 0.7);
  CHECK(num(after, "no_writing.staff_form_factor") == 0.5);
  CHECK(num(after, "no_writing.incomplete_factor") == 0.5);
}

TEST_CASE(
    "the resolved scenario text is the base's merged with each overlay file minus its overlay "
    "table",
    "[scenario]") {
  const auto base = sim::scenario::load_scenario(repo_path(urban));
  for (const auto& entry : fs::directory_iterator(repo_path("scenarios/policies"))) {
    if (entry.path().extension() != ".toml") continue;
    INFO(entry.path().filename().string());
    const auto with = sim::scenario::load_scenario(repo_path(urban), {entry.path().string()});
    REQUIRE(with.overlays.size() == 1);
    CHECK_FALSE(with.overlays[0].name.empty());
    auto expected = toml::parse(base.resolved_text);
    auto overlay = toml::parse_file(entry.path().string());
    REQUIRE(overlay.contains("overlay"));
    overlay.erase("overlay");
    merge_by_hand(expected, overlay);
    const auto actual = toml::parse(with.resolved_text);
    CHECK(actual == expected);
    CHECK(actual != toml::parse(base.resolved_text));
  }
}

TEST_CASE("overlays combine: more counters plus IT support changes what each changes alone",
          "[scenario]") {
  const auto base = loaded(stable);
  const auto a = loaded(stable, {policy("more_certification_counters")});
  const auto b = loaded(stable, {policy("it_support")});
  const auto both = loaded(stable, {policy("more_certification_counters"), policy("it_support")});
  auto expected = changed_keys(base, a);
  const auto from_b = changed_keys(base, b);
  expected.insert(from_b.begin(), from_b.end());
  CHECK(changed_keys(base, both) == expected);
  for (const auto& k : changed_keys(base, a)) CHECK(both.at(k) == a.at(k));
  for (const auto& k : from_b) CHECK(both.at(k) == b.at(k));
  // In the other order too.
  CHECK(loaded(stable, {policy("it_support"), policy("more_certification_counters")}) == both);
}

TEST_CASE("a secondment's IT officer and the IT support team both shorten repairs, multiplied",
          "[scenario]") {
  const auto base = loaded(stable);
  const auto both = loaded(stable, {policy("secondment"), policy("it_support")});
  for (const auto& k : keys_like(both, "system.")) {
    if (k.size() < 11 || k.substr(k.size() - 11) != "repair_mean") continue;
    CHECK(num(both, k) == Approx(0.7 * 0.5 * num(base, k)));
  }
}

// ---------------------------------------------------------------------------------------------
// Bad overlays: the overlay file, its line and the dotted key are named

TEST_CASE("an overlay without a name is rejected naming the overlay file", "[scenario]") {
  Scratch s("noname");
  const auto path = s.write("o.toml", "[overlay]\ndescription = \"x\"\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 1, "overlay.name", "missing required key"));
}

TEST_CASE("an overlay with no overlay table at all is rejected", "[scenario]") {
  Scratch s("notable");
  const auto path = s.write("o.toml", "[policies.online_shift]\nshare = 0.2\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].file == path);
  CHECK(ps[0].key == "overlay");
}

TEST_CASE("an overlay that changes the scenario table is rejected", "[scenario]") {
  Scratch s("scenario");
  const auto path = s.write("o.toml", "[overlay]\nname = \"x\"\n\n[scenario]\nname = \"other\"\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 4, "scenario", "cannot change [scenario]"));
}

TEST_CASE("an unknown key under policies.robot is named at the overlay's line", "[scenario]") {
  Scratch s("robotkey");
  const auto path = s.write("o.toml",
                            "[overlay]\nname = \"x\"\n\n[policies.robot]\n"
                            "service_time = { type = \"deterministic\", value = 1.0 }\n"
                            "acuracy = 0.9\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 6, "policies.robot.acuracy", "unknown key"));
}

TEST_CASE("an unknown domain in the robot's answers is named at the overlay's line", "[scenario]") {
  Scratch s("robotdomain");
  const auto path = s.write("o.toml",
                            "[overlay]\nname = \"x\"\n\n[policies.robot]\n"
                            "service_time = { type = \"deterministic\", value = 1.0 }\n"
                            "answers = [\"informaton\"]\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 6, "policies.robot.answers", "unknown domain 'informaton'"));
}

TEST_CASE("a secondment that ends before it starts is named at the overlay's line", "[scenario]") {
  Scratch s("secondment");
  const auto path = s.write("o.toml",
                            "[overlay]\nname = \"x\"\n\n[policies.secondment]\nstaff = 1\n"
                            "domains = [\"land\"]\nfrom = 2025-09-10\nuntil = 2025-09-09\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 8, "policies.secondment.until", "must not be before from"));
}

TEST_CASE("a Saturday policy with no sessions is named at the overlay's line", "[scenario]") {
  Scratch s("saturday");
  const auto path = s.write("o.toml",
                            "[overlay]\nname = \"x\"\n\n[policies.saturday]\nsessions = []\n"
                            "domains = [\"land\"]\nshift_share = 0.1\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 5, "policies.saturday.sessions", "at least one Saturday session"));
}

TEST_CASE("bad volunteer keys are named at the overlay's line with the valid range", "[scenario]") {
  Scratch s("volunteers");
  const auto path = s.write("o.toml",
                            "[overlay]\nname = \"x\"\n\n[policies.volunteers]\ncount = 101\n"
                            "from = \"10:00\"\nuntil = \"09:00\"\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 5, "policies.volunteers.count", "must be between 0 and 100, got 101"));
  CHECK(reported(ps, path, 7, "policies.volunteers.until", "must be after from"));
  // A factor out of range is found by the validation that follows a clean read.
  const auto factor = s.write("f.toml",
                              "[overlay]\nname = \"x\"\n\n[policies.volunteers]\ncount = 1\n"
                              "wrong_pick_factor = 1.5\n");
  const auto pf = problems_of({factor});
  INFO(listing(pf));
  CHECK(reported(pf, factor, 6, "policies.volunteers.wrong_pick_factor", "1.5"));
}

TEST_CASE("the volunteers' old helpers key is an unknown key and count is required", "[scenario]") {
  Scratch s("helpers");
  const auto path =
      s.write("o.toml", "[overlay]\nname = \"x\"\n\n[policies.volunteers]\nhelpers = 2\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 5, "policies.volunteers.helpers", "unknown key"));
  CHECK(reported(ps, path, 4, "policies.volunteers.count", "missing required key"));
}

TEST_CASE("a missing overlay file is reported by its path", "[scenario]") {
  Scratch s("missing");
  const auto path = (s.dir / "nope.toml").string();
  const auto ps = problems_of({path});
  INFO(listing(ps));
  CHECK(reported(ps, path, 0, "", "cannot open overlay file"));
}

TEST_CASE("a malformed overlay is reported at its own line", "[scenario]") {
  Scratch s("malformed");
  const auto path = s.write("o.toml", "[overlay]\nname = \"x\"\n[policies\n");
  const auto ps = problems_of({path});
  INFO(listing(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].file == path);
  CHECK(ps[0].line == 3);
  CHECK(ps[0].message.find("malformed TOML") != std::string::npos);
}

TEST_CASE("a setting that is not a TOML line is rejected naming the setting", "[scenario]") {
  const auto ps = problems_of({}, {"policies.robot.accuracy 0.9"});
  INFO(listing(ps));
  REQUIRE(ps.size() == 1);
  CHECK(ps[0].file == "--set policies.robot.accuracy 0.9");
  CHECK(ps[0].message.find("expected KEY.PATH = TOML value") != std::string::npos);
}

TEST_CASE("a setting with a bad value is named by the setting and its dotted key", "[scenario]") {
  const auto ps = problems_of({policy("ai_robot")}, {"policies.robot.accuracy = 1.5"});
  INFO(listing(ps));
  CHECK(reported(ps, "--set policies.robot.accuracy = 1.5", 1, "policies.robot.accuracy",
                 "must be between"));
}
