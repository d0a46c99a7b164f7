// The verdict never rewards serving fewer people: it starts from service level and unserved share.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/stats/verdict.hpp"

using sim::stats::MetricDef;
using sim::stats::Overall;
using sim::stats::ReplicationRow;

namespace {

const std::vector<MetricDef> metrics = {
    {"service_level", "1", ""}, {"unserved_share", "1", ""}, {"wait_mean", "min", ""}};

/// Rows of (service_level, unserved_share, wait_mean) for three replications, each value
/// shifted by `jitter` times the replication so that paired differences have a spread.
std::vector<ReplicationRow> rows(double level, double unserved, double wait, double jitter) {
  std::vector<ReplicationRow> out;
  for (std::uint64_t r = 0; r < 3; ++r) {
    const double x = jitter * static_cast<double>(r);
    out.push_back({r, {level + x, unserved + x, wait + x}});
  }
  return out;
}

bool mentions(const std::vector<std::string>& sentences, const std::string& text) {
  for (const auto& s : sentences)
    if (s.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a variant that sends more people home is worse even when those served wait less",
          "[stats]") {
  // The no-land-counter layout: shorter waits for those served, many more unserved.
  const auto base = rows(0.80, 0.05, 7.0, 0.01);
  const auto variant = rows(0.70, 0.15, 5.0, 0.011);
  const auto c = sim::stats::compare_variants(metrics, base, variant);
  CHECK(sim::stats::overall_verdict(c) == Overall::worse);
  const auto text = sim::stats::verdict_sentences(c);
  REQUIRE(text.size() == 4);
  CHECK(text[0].rfind("Service level", 0) == 0);  // the verdict starts from everyone who came
  CHECK(text[1].rfind("Went home unserved", 0) == 0);
  CHECK(text[2].rfind("Wait of those served", 0) == 0);
  CHECK(mentions({text[2]}, "more people went home unserved, so this wait is not a gain"));
  CHECK(text[3].rfind("Overall: worse", 0) == 0);
}

TEST_CASE("shorter waits alone never make a variant better", "[stats]") {
  // Same people served, waits shorter: no difference for the people who came.
  const auto base = rows(0.80, 0.05, 7.0, 0.01);
  auto variant = base;
  for (auto& r : variant) r.values[2] -= 2.0 + 0.1 * static_cast<double>(r.replication);
  const auto c = sim::stats::compare_variants(metrics, base, variant);
  CHECK(c[2].significantly_better());
  CHECK(sim::stats::overall_verdict(c) == Overall::no_difference);
}

TEST_CASE("serving more people on target is better", "[stats]") {
  const auto base = rows(0.70, 0.10, 7.0, 0.01);
  const auto variant = rows(0.80, 0.05, 8.0, 0.011);
  const auto c = sim::stats::compare_variants(metrics, base, variant);
  CHECK(sim::stats::overall_verdict(c) == Overall::better);
}

TEST_CASE("identical variants have no significant difference", "[stats]") {
  const auto base = rows(0.70, 0.10, 7.0, 0.01);
  const auto c = sim::stats::compare_variants(metrics, base, base);
  CHECK(sim::stats::overall_verdict(c) == Overall::no_difference);
  CHECK(mentions(sim::stats::verdict_sentences(c), "no significant difference"));
}

TEST_CASE("more online dossiers not received in time keep a variant from being better", "[stats]") {
  // (service_level, unserved_share, wait_mean, dossiers_reception_late) for three replications.
  const std::vector<MetricDef> with_online = {{"service_level", "1", ""},
                                              {"unserved_share", "1", ""},
                                              {"wait_mean", "min", ""},
                                              {"dossiers_reception_late", "dossiers", ""}};
  const auto rows4 = [](double level, double unserved, double late, double jitter) {
    std::vector<ReplicationRow> out;
    for (std::uint64_t r = 0; r < 3; ++r) {
      const double x = jitter * static_cast<double>(r);
      out.push_back({r, {level + x, unserved + x, 7.0 + x, late + 10 * x}});
    }
    return out;
  };
  SECTION("walk-ins better, online worse: mixed") {
    const auto c = sim::stats::compare_variants(with_online, rows4(0.70, 0.10, 20.0, 0.01),
                                                rows4(0.80, 0.05, 90.0, 0.011));
    CHECK(sim::stats::overall_verdict(c) == Overall::mixed);
    const auto text = sim::stats::verdict_sentences(c);
    CHECK(mentions(text, "Online dossiers not received within the reception rule"));
    CHECK(mentions(text, "but more online dossiers are not received in time"));
  }
  SECTION("walk-ins unchanged, online worse: worse") {
    const auto c = sim::stats::compare_variants(with_online, rows4(0.70, 0.10, 20.0, 0.01),
                                                rows4(0.70, 0.10, 90.0, 0.011));
    CHECK(sim::stats::overall_verdict(c) == Overall::worse);
    CHECK(mentions(sim::stats::verdict_sentences(c), "Overall: worse: more online dossiers"));
  }
  SECTION("fewer not received in time with walk-ins unchanged is no reason to call it worse") {
    const auto c = sim::stats::compare_variants(with_online, rows4(0.70, 0.10, 90.0, 0.01),
                                                rows4(0.70, 0.10, 20.0, 0.011));
    CHECK(sim::stats::overall_verdict(c) == Overall::no_difference);
  }
}
