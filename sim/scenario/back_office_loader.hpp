// Reads where dossiers go besides the counter: the back office and the online channel.
#pragma once

#include <array>

#include "sim/model/center_params.hpp"
#include "sim/scenario/systems_loader.hpp"
#include "sim/scenario/toml_reader.hpp"

namespace sim::scenario {

/// Hour-of-day intensity of online filings used when [online] gives no hourly_profile.
/// ASSUMPTION (no measured curve exists, note 2.7): about two thirds in office hours 07-17,
/// because staff and volunteers key many "online" dossiers in at the center (note 2.1, B14);
/// an evening bump of filings from home; little at night.
inline constexpr std::array<double, 24> default_online_profile = {
    0.15, 0.08, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.3, 1.5, 1.4, 1.0,
    0.6,  0.9,  1.3,  1.3,  1.1,  0.7, 0.6, 0.8, 0.9, 0.8, 0.5, 0.3};

/// Reads [back_office]: who does back-office work and when.
void read_back_office(TableReader& t, model::BackOfficeParams& b);

/// Reads [online]: hourly and weekday profile of online filings, online payment.
void read_online(TableReader& t, const SystemIndex& systems, model::OnlineParams& o);

}  // namespace sim::scenario
