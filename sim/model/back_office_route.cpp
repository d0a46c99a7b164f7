// The back office's route steps after the specialist work: missing papers, hand-off, signature.
#include <algorithm>
#include <cmath>

#include "sim/model/back_office.hpp"

namespace sim::model {
namespace {
constexpr double work_epsilon = 1e-9;

/// Whole working days from a drawn number (a part day still takes the day).
std::uint32_t whole_days(double days) {
  return static_cast<std::uint32_t>(std::ceil(std::clamp(days, 0.0, 3650.0) - 1e-9));
}
}  // namespace

double BackOffice::after_working_days(double t, std::uint32_t n) const {
  if (n == 0) return t;
  const auto day = static_cast<std::int64_t>(std::floor(t / 1440.0));
  const std::chrono::sys_days start(calendar_.day(0).date);
  const Date from{start + std::chrono::days{day}};
  const Date to = calendar_.due_date(from, 0, static_cast<int>(n), false);
  return static_cast<double>((std::chrono::sys_days(to) - start).count()) * 1440.0 +
         (t - static_cast<double>(day) * 1440.0);
}

void BackOffice::enter_step(Dossier& d, RouteStep step, double old_deadline) {
  if (!d.late_step && sim_.now() > old_deadline) d.late_step = d.step;
  d.step = step;
  for (auto* o : observers_) o->on_dossier_step(sim_.now(), d, old_deadline);
}

void BackOffice::after_specialist(DossierIndex i) {
  Dossier& d = pool_[i];
  if (d.step == RouteStep::result) return complete(i);  // rework after a failed synchronisation
  const RouteParams& r = params_.procedures[d.procedure].route;
  const auto draw = [&](engine::StreamPurpose online, engine::StreamPurpose counter) {
    return engine::keyed_uniform(sim_.stream_seed(),
                                 {engine::either(d.online, online, counter), d.id});
  };
  if (!d.papers_checked && r.missing_papers_share > 0.0) {
    d.papers_checked = true;
    if (draw("online.missing_papers", "dossier.missing_papers") < r.missing_papers_share) {
      auto s = sim_.stream(
          {engine::either(d.online, "online.papers_days", "dossier.papers_days"), d.id});
      d.missing_papers = true;
      send_away(i, RouteStep::citizen, r.missing_papers_days.sample(s));
      return;
    }
  }
  if (!d.handoff_checked && r.handoff && r.handoff->share > 0.0) {
    d.handoff_checked = true;
    if (draw("online.handoff", "dossier.handoff") < r.handoff->share) {
      auto s = sim_.stream(
          {engine::either(d.online, "online.handoff_days", "dossier.handoff_days"), d.id});
      d.handed_off = true;
      send_away(i, RouteStep::agency, r.handoff->working_days.sample(s));
      return;
    }
  }
  to_signature(i);
}

void BackOffice::send_away(DossierIndex i, RouteStep step, double days) {
  Dossier& d = pool_[i];
  const std::uint32_t n = whole_days(days);
  const double old_deadline = d.deadline;
  const ProcedureParams& p = params_.procedures[d.procedure];
  if (step == RouteStep::citizen) {
    // The time the citizen takes to bring the papers is not counted (docs/model.md): the due
    // date moves by as many working days as the dossier is away.
    const auto due = static_cast<std::int64_t>(std::floor(d.deadline / 1440.0)) - 1;
    d.deadline = after_working_days(static_cast<double>(due) * 1440.0, n) + 1440.0;
    d.paused_days += n;
  } else {
    d.agency_over = n > p.route.handoff->deadline_share * p.deadline_working_days + 1e-9;
  }
  enter_step(d, step, old_deadline);
  const double back = after_working_days(sim_.now(), n);
  if (back < horizon_) sim_.schedule_at(back, dossier_back_, i, slice_end_priority);
  // Away past the run's end: it stays open.
}

void BackOffice::on_dossier_back(std::uint64_t dossier) {
  const auto i = static_cast<DossierIndex>(dossier);
  Dossier& d = pool_[i];
  if (d.step == RouteStep::agency) return to_signature(i);
  // Back with the papers: the specialist checks them and redoes part of the work.
  d.work_left = params_.procedures[d.procedure].route.missing_papers_rework * d.work_total;
  enter_step(d, RouteStep::specialist, d.deadline);
  if (d.work_left <= work_epsilon) return after_specialist(i);
  make_ready(i);
}

void BackOffice::to_signature(DossierIndex i) {
  Dossier& d = pool_[i];
  const bool waits = params_.procedures[d.procedure].route.signature &&
                     !params_.back_office.signature_batches.empty();
  if (!waits) return complete(i);
  enter_step(d, RouteStep::signature, d.deadline);
  awaiting_signature_.push_back(i);
}

void BackOffice::on_signing(std::uint64_t batch) {
  const double away = params_.back_office.signature_away_share;
  if (away > 0.0 && engine::keyed_uniform(sim_.stream_seed(), {"leader.away", batch}) < away)
    return;  // the leader is away: the dossiers wait for the next batch
  signing_now_.swap(awaiting_signature_);
  for (DossierIndex i : signing_now_) complete(i);
  signing_now_.clear();
}

}  // namespace sim::model
