// Dossiers filed online: their own arrival process around the clock, feeding the back office.
#include "sim/model/online_channel.hpp"

#include <numeric>

namespace sim::model {

OnlineChannel::OnlineChannel(engine::Simulation& sim, const CenterParams& params,
                             const WorkCalendar& calendar, const SystemBoard& board,
                             BackOffice& back_office, const Observers& observers)
    : sim_(sim),
      params_(params),
      calendar_(calendar),
      board_(board),
      back_office_(back_office),
      observers_(observers),
      arrival_(sim.add_handler<&OnlineChannel::on_arrival>(*this, "online.arrival")) {
  std::vector<double> index(params.procedures.size()), weights;
  std::iota(index.begin(), index.end(), 0.0);
  for (const auto& p : params.procedures) weights.push_back(p.online_weight);
  if (std::accumulate(weights.begin(), weights.end(), 0.0) > 0.0) {
    procedure_choice_ = engine::Distribution::empirical(index, weights);
  }
}

void OnlineChannel::start_day(std::uint32_t day) {
  if (!procedure_choice_ || params_.demand.online_share <= 0.0) return;
  day_ = day;
  const DayPlan& plan = calendar_.day(day);
  const double factor = params_.online.weekday_factor[plan.holiday ? 6 : plan.weekday];
  profile_ = ArrivalProfile::around_the_clock(
      params_.online.hourly_profile,
      params_.demand.daily_visits * params_.demand.online_share * factor, day);
  streams_.emplace(
      DayStreams{sim_.stream({"online.arrivals", day}), sim_.stream({"online.procedure", day}),
                 sim_.stream({"online.work", day}), sim_.stream({"online.payment", day})});
  schedule_next();
}

void OnlineChannel::schedule_next() {
  const double t =
      profile_.next(sim_.now(), engine::Distribution::exponential(1.0).sample(streams_->arrivals));
  if (t >= 0.0) sim_.schedule_at(t, arrival_, 0, arrival_priority);
}

void OnlineChannel::on_arrival(std::uint64_t) {
  schedule_next();
  Dossier d;
  d.id = next_id_++;
  d.procedure = static_cast<std::uint32_t>(procedure_choice_->sample(streams_->procedure));
  const ProcedureParams& p = params_.procedures[d.procedure];
  d.domain = p.domain;
  d.day = day_;
  d.received = sim_.now();
  d.work_total =
      p.back_office.sample(streams_->work) * params_.back_office.time_factor_at(d.received);
  d.online = true;
  d.deadline = back_office_.deadline(d.procedure, d.received);
  // Drawn for every dossier, so that a fee changes no other dossier's draws.
  const bool pays = streams_->payment.uniform01() < params_.online.payment_share;
  bool paid_online = false;
  if (pays && p.fee_vnd > 0.0) {
    const auto s = params_.online.payment_system;
    paid_online = s >= board_.size() || board_.state(s) != SystemState::down;
    for (auto* o : observers_) o->on_online_payment(sim_.now(), d, p.fee_vnd, paid_online);
  }
  if (!paid_online && p.fee_vnd > 0.0) {  // the fee is paid at the counter instead
    for (auto* o : observers_) o->on_counter_payment(sim_.now(), d.procedure, p.fee_vnd);
  }
  back_office_.submit_online(d);
}

}  // namespace sim::model
