// The ranks of an MPI job (mpirun): which rank runs which unit, and results sent to rank 0.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace sim::run::cluster {

/// Starts MPI when the process was launched by mpirun and motcua was built with MPI; ends it
/// when destroyed. Without mpirun (or without MPI) the process is a job of one rank.
class Session {
 public:
  Session(int& argc, char**& argv);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
};

int rank();
int ranks();
inline bool is_root() { return rank() == 0; }

/// Thrown on every rank but 0 once its units are sent to rank 0: it has nothing left to do
/// (rank 0 alone writes the output and prints). `failed` when one of its units threw.
struct WorkerDone {
  bool failed = false;
};

/// The rank that runs each unit: units in decreasing expected work, each given to the rank
/// with the least work so far (the lowest such rank on a tie). Every rank computes the same
/// split from the same numbers, so no message is needed to agree on it.
std::vector<int> assign_units(const std::vector<double>& work, int ranks);

/// A unit's result (or, when `error`, its error message) as bytes, sent to rank 0.
struct Message {
  std::size_t unit = 0;
  bool error = false;
  std::string bytes;
};
/// Messages as one buffer (each: unit, error flag, size, bytes) and back; unpack throws on a
/// buffer that is not a whole number of messages.
std::string pack(const std::vector<Message>& batch);
std::vector<Message> unpack(const std::string& bytes);
/// Sends a batch of messages to rank 0 as one MPI message: one handshake per batch, not per
/// unit (a national run has thousands of units, and each handshake costs a poll interval).
void send_to_root(const std::vector<Message>& batch);
/// The next batch from any rank (blocks until one arrives).
std::vector<Message> receive_at_root();
/// A worker rank sends its results in batches of about this many bytes.
inline constexpr std::size_t batch_bytes = std::size_t{16} << 20;
/// Stops every rank of the job at once (used when a message cannot be understood).
[[noreturn]] void abort_job(int code);

}  // namespace sim::run::cluster
