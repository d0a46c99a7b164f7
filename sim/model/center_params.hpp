// The parameters a Center is built from: plain, validated data produced by the scenario builder.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine/distribution.hpp"
#include "sim/engine/sim_time.hpp"
#include "sim/model/system_params.hpp"
#include "sim/model/work_calendar.hpp"

namespace sim::model {

/// A group of procedures with its own ticket queue (civil status, certification, land...).
struct DomainParams {
  std::string id;
  std::string name;
};

/// A hand-off of a dossier to another agency (tax office, land registration office, a
/// province department): it leaves the commune for a number of statutory working days.
struct HandoffParams {
  std::string agency;  ///< who takes it (a label: "tax", "land_registration", ...)
  double share = 0.0;  ///< share of the procedure's dossiers handed off
  /// Statutory working days the agency keeps the dossier (rounded up to whole days).
  engine::Distribution working_days = engine::Distribution::deterministic(0.0);
  /// Share of the procedure's statutory time allotted to the agency: a late dossier whose
  /// agency kept it longer than this is the agency's responsibility.
  double deadline_share = 0.0;
};

/// The steps a dossier takes after intake at the counter (docs/model.md, "A dossier's route"):
/// specialist work in the back office; at most once, a request for missing papers that sends
/// it back to the citizen (the legal clock pauses); at most one hand-off to another agency;
/// the leader's signature (in batches, [back_office.signature]); the result going out
/// (synchronised to the portal). The default route is specialist work and the result only.
struct RouteParams {
  double missing_papers_share = 0.0;  ///< dossiers sent back for missing papers after review
  /// Statutory working days until the citizen brings the papers (rounded up to whole days).
  engine::Distribution missing_papers_days = engine::Distribution::deterministic(0.0);
  double missing_papers_rework = 0.0;  ///< share of the specialist work done again on return
  std::optional<HandoffParams> handoff;
  bool signature = false;  ///< the leader signs the result
};
/// Which channels a procedure may be filed through: at the counter only; online, but the
/// citizen must still come to the counter once (to collect the paper result: "một phần"); or
/// online from filing to result ("toàn trình").
enum class Channels : std::uint8_t { in_person, online_partly, online_fully };
/// How the result of an online filing reaches the citizen.
enum class Delivery : std::uint8_t { counter, post, electronic };

/// One administrative procedure of the catalogue (times in minutes).
struct ProcedureParams {
  std::string id;
  std::uint32_t domain = 0;
  double share = 1.0;  ///< share of in-person visits
  engine::Distribution service = engine::Distribution::exponential(1.0);
  engine::Distribution form = engine::Distribution::deterministic(0.0);
  double incomplete_share = 0.0;   ///< dossiers found incomplete at the counter
  double fix_on_spot_share = 1.0;  ///< of those: fixed at once; the rest come back another day
  engine::Distribution fix_on_spot = engine::Distribution::deterministic(0.0);
  int deadline_working_days = 0;
  bool same_day_rule = true;
  bool proxy_writing_allowed = true;
  std::vector<std::string> systems;  ///< names as written in the catalogue
  /// Systems the counter service and the back-office work need (indices into
  /// CenterParams::systems), resolved by the loader; empty when the scenario models no systems.
  std::vector<std::uint32_t> system_ids;
  /// Whether a served visit files a dossier that needs back-office work (not information
  /// visits or result pick-ups).
  bool dossier = false;
  engine::Distribution back_office = engine::Distribution::deterministic(0.0);  ///< minutes of work
  double online_weight = 0.0;  ///< relative weight of this procedure among online dossiers
  RouteParams route;           ///< the dossier's steps after intake
  Channels channels = Channels::in_person;  ///< the loader sets online_fully when weighted
  Delivery delivery = Delivery::electronic;
  double fee_vnd = 0.0;        ///< fee per dossier; only dossiers with a fee are paid online
  bool result_pickup = false;  ///< this procedure is the visit to collect a result
};

/// Whether the online share thins this procedure's walk-ins (it may be filed online).
inline bool online_allowed(const ProcedureParams& p) { return p.channels != Channels::in_person; }
/// Whether an online filing of this procedure brings the citizen to the counter for the result.
inline bool collected_at_counter(const ProcedureParams& p) {
  return online_allowed(p) &&
         (p.channels == Channels::online_partly || p.delivery == Delivery::counter);
}

/// The systems a procedure needs, as a bit mask over CenterParams::systems.
inline std::uint64_t system_mask(const ProcedureParams& p) {
  std::uint64_t mask = 0;
  for (auto s : p.system_ids) mask |= std::uint64_t{1} << s;
  return mask;
}

/// A counter: the domains it calls tickets for, first its own, then overflow domains it
/// helps with only when its own queues are empty. A cover domain is called as one of its own
/// in a session in which no officer sits at any counter whose own domains include it (the
/// colleague is absent), at the speed of the officer at this counter.
struct CounterParams {
  std::string id;
  std::vector<std::uint32_t> domains;
  std::vector<std::uint32_t> overflow;
  std::vector<std::uint32_t> cover;
};

/// A civil servant at a counter. speed[d] multiplies the service rate for domain d
/// (1 = nominal, 2 = twice as fast, 0 = cannot do that domain).
struct StaffParams {
  std::string name;
  std::uint32_t counter = 0;
  std::vector<double> speed;
  double absence_prob = 0.0;  ///< chance to be away for a whole session
  std::array<bool, 7> works{true, true, true, true,
                            true, true, true};  ///< by weekday, Monday first
  std::uint32_t first_day = 0;          ///< first day of the run at the counter (secondment)
  std::uint32_t last_day = UINT32_MAX;  ///< last day of the run at the counter
};

/// The AI reception robot (policy overlay, phường Cửa Nam): citizens who reach it while it
/// works are greeted, may have their question answered (and leave without a ticket), get help
/// picking the domain and have QR codes read; while it is down they use the ordinary reception.
struct RobotParams {
  std::uint32_t capacity = 1;  ///< citizens it serves at once
  engine::Distribution service_time = engine::Distribution::deterministic(1.0);  ///< minutes
  double accuracy = 0.95;          ///< share of the citizens it routes who get the right domain
  std::vector<bool> answers;       ///< by domain: questions of this domain it can answer
  double answer_share = 0.0;       ///< of citizens of an answered domain: share who leave satisfied
  std::vector<bool> qr_domains;    ///< by domain: counter look-ups sped up by reading a QR code
  double qr_service_factor = 1.0;  ///< counter service-time multiplier for those domains
  std::uint32_t system =
      UINT32_MAX;  ///< its failure process (index into systems); none: never fails
};

/// No-writing day (policy overlay, xã An Khánh): on chosen weekdays staff fill the forms for
/// citizens who ask, except for procedures where the law forbids writing for someone else.
struct NoWritingParams {
  std::array<bool, 7> weekdays{};  ///< Monday first
  double uptake = 1.0;             ///< share of citizens who ask the staff to write
  double staff_form_factor = 0.5;  ///< staff minutes per minute the citizen would have written
  double incomplete_factor = 0.5;  ///< incomplete-dossier share multiplier for staff-written forms
};

/// Friendly Saturday (policy overlay, phường Ngô Quyền): Saturday sessions for chosen domains.
/// Saturday's visits come from weekdays (a share of those domains' weekday visitors moves) and
/// from people who could not come on a weekday (`induced_share` of the moved ones, extra).
struct SaturdayParams {
  std::vector<bool> domains;  ///< by domain: served on Saturday
  double shift_share = 0.0;   ///< share of these domains' weekday walk-ins who come on Saturday
  std::vector<double> saturday_shares;  ///< procedure shares on Saturday (0 outside domains)
};

/// Youth volunteers in the hall (policy overlay, seed 004; B14: 1-4 at a center): each helps one
/// citizen with forms at a time, while on duty; a citizen who finds none free fills the forms
/// alone at the normal speed, with the normal wrong-pick and incomplete-dossier shares.
struct VolunteerParams {
  std::uint32_t count = 0;   ///< volunteers on duty
  int from_min = -1;         ///< minute of the day they start (-1: whenever the center is open)
  int until_min = -1;        ///< minute of the day they stop (-1: whenever the center is open)
  double form_factor = 1.0;  ///< form-filling time multiplier for a helped citizen
  double wrong_pick_factor = 1.0;  ///< wrong-pick share multiplier for a helped citizen
  double incomplete_factor = 1.0;  ///< incomplete-dossier share multiplier for a helped citizen
};

/// How citizens get their ticket.
struct ReceptionParams {
  enum class Mode { kiosk, receptionist };
  Mode mode = Mode::kiosk;
  double wrong_pick_share =
      0.0;  ///< share who pick a wrong domain and are re-queued at the counter
  std::uint32_t receptionists = 1;
  engine::Distribution reception_time = engine::Distribution::deterministic(0.0);
  /// Counter time spent finding out a ticket is for the wrong domain.
  engine::Distribution misroute_time = engine::Distribution::deterministic(1.0);
  /// The ticket machine (index into CenterParams::systems; UINT32_MAX = not modelled). While it
  /// is down every citizen gets a ticket by hand at the reception desk, which has
  /// `receptionists` servers also in kiosk mode.
  std::uint32_t ticket_system = UINT32_MAX;
  engine::Distribution manual_ticket_time = engine::Distribution::deterministic(1.0);  ///< minutes
  std::optional<RobotParams> robot;           ///< the AI reception robot, in front of the reception
  std::optional<VolunteerParams> volunteers;  ///< volunteers helping with forms in the hall
};

/// Citizen demand on a calendar day.
struct DemandParams {
  double daily_visits =
      100.0;  ///< expected in-person and online visits on an ordinary Monday-factor-1 day
  std::array<double, 7> weekday_factor{1, 1, 1, 1, 1, 1, 1};
  std::array<double, 24> hourly_profile{};  ///< relative arrival intensity per clock hour
  double surge_factor = 1.0;  ///< demand multiplier on the first working day after a holiday
  double online_share = 0.0;  ///< share of the day's demand filed online (see OnlineParams)
  /// By domain: share of would-be walk-ins who come at all (1 = everyone). Policies lower it:
  /// online Q&A groups answer information questions at home, Friendly Saturday moves visitors.
  std::vector<double> domain_visit_factor;
  /// The same on Saturdays (empty = as on weekdays).
  std::vector<double> saturday_visit_factor;
};

/// What happens at lunch and at closing time to citizens still holding a ticket.
struct PolicyParams {
  enum class Lunch { wait, leave_and_return };
  /// At the day's last close: serve every ticket issued until the overtime cap (overtime);
  /// the same, and the ticket machine stops early once a new ticket's expected finish passes
  /// the cap (stop_issuing); or send everyone still waiting home (send_home).
  enum class Closing { overtime, stop_issuing, send_home };
  /// Demand nobody can serve: an input error, or turned away on purpose.
  enum class Unserved { error, turn_away };
  Lunch lunch = Lunch::wait;
  Closing closing = Closing::stop_issuing;
  int overtime_cap_min = 20 * 60;      ///< minute of day when overtime service stops
  std::uint32_t daily_ticket_cap = 0;  ///< 0 = no cap
  std::uint32_t balk_threshold = 0;    ///< leave without a ticket if this many are ahead; 0 = never
  int return_after_working_days = 1;  ///< sent-home citizens come back this many working days later
  std::uint32_t max_visits = 3;       ///< after this many visits a sent-home citizen gives up
  Unserved unserved = Unserved::error;
  /// By domain: nobody can serve it, and the scenario says so on purpose ([policy] unserved =
  /// "turn_away"): its citizens are turned away when they ask for a ticket. Empty = none.
  std::vector<bool> turn_away;
};

/// How citizens behave at the ticket machine and once holding a ticket (the scenario's
/// [demand] keys balking, abandon_share and gave_up_return_share; docs/model.md gives sources).
struct BehaviourParams {
  /// A citizen who sees `balk_start` tickets or more ahead in their queue may leave without a
  /// ticket, with a chance rising linearly to 1 at `balk_full` tickets. 0 = nobody balks so.
  std::uint32_t balk_start = 0;
  std::uint32_t balk_full = 0;
  /// From this minute of the day on (-1 = never) both thresholds are multiplied by
  /// `balk_late_factor`: late in the day fewer tickets ahead are enough to discourage.
  int balk_late_from_min = -1;
  double balk_late_factor = 1.0;
  /// Share of ticket holders whose patience can run out; the others wait to be called (or
  /// until the center sends them home). 1 = everyone has the drawn patience.
  double abandon_share = 1.0;
  /// Where a ticket holder's patience starts: at the ticket (the queueing-theory default), or
  /// at the call the ticket machine let them expect (the tickets ahead at the pace of the
  /// counters now, breaks skipped: the citizen decided at the machine to wait that long).
  enum class PatienceFrom : std::uint8_t { ticket, expected_call };
  PatienceFrom patience_from = PatienceFrom::ticket;
  /// Share of ticket holders not there when their number is called (went away for reasons of
  /// their own); the counter spends `no_show_min` calling the number before the next one.
  double no_show_share = 0.0;
  double no_show_min = 1.0;
  /// Chance that a citizen who left unserved by giving up (reneged or balked) comes back on a
  /// later working day, like one sent home (up to max_visits).
  double gave_up_return_share = 0.0;
};

/// One center as the model sees it. Without a calendar the center is always open and the
/// arrival process is a renewal process (the station form the queueing-theory validation uses);
/// with a calendar, arrivals follow the day's opening hours and demand profile.
struct CenterParams {
  std::uint64_t center_id = 0;
  std::vector<DomainParams> domains{DomainParams{"all", "all procedures"}};
  std::vector<ProcedureParams> procedures{ProcedureParams{}};
  std::vector<CounterParams> counters{CounterParams{"1", {0}, {}, {}}};
  std::vector<StaffParams> staff{StaffParams{"staff 1", 0, {1.0}}};
  double priority_share = 0.0;  ///< legal priority class (elderly, disabled, pregnant)
  std::optional<engine::Distribution> patience;
  BehaviourParams behaviour;
  ReceptionParams reception;
  PolicyParams policy;

  // Station form (no calendar):
  engine::Distribution interarrival = engine::Distribution::exponential(1.0);
  engine::SimTime arrivals_end = std::numeric_limits<double>::infinity();

  // Calendar form:
  std::optional<CalendarSpec> calendar;
  DemandParams demand;
  std::vector<SystemParams> systems;  ///< at most 64 (procedures hold them as a bit mask)
  BackOfficeParams back_office;
  OnlineParams online;
  std::optional<NoWritingParams> no_writing;
  std::optional<SaturdayParams> saturday;
};

/// Whether the center serves a domain on a day: every domain, except on a Friendly Saturday,
/// which serves the Saturday domains only.
bool serves_domain_on(const CenterParams& params, const DayPlan& day, std::uint32_t domain);

/// Share of the walk-in mix whose procedures may be filed online (the most demand.online_share
/// can move online).
double online_eligible_share(const CenterParams& params);
/// Chance that a would-be walk-in of procedure p files online instead: online_share spread over
/// the procedures that allow it (online_share / online_eligible_share), 0 where they do not.
double online_chance(const CenterParams& params, const ProcedureParams& p);
/// Index of the procedure that is the visit to collect a result, if the catalogue has one.
std::optional<std::uint32_t> pickup_procedure(const CenterParams& params);

/// The station form: one domain, one procedure, `counters` identical counters each staffed
/// by one civil servant of speed 1, always open.
CenterParams station_params(std::uint32_t counters, engine::Distribution interarrival,
                            engine::Distribution service,
                            std::optional<engine::Distribution> patience, double priority_share,
                            engine::SimTime arrivals_end);

}  // namespace sim::model
