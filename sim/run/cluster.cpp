// The ranks of an MPI job (mpirun): which rank runs which unit, and results sent to rank 0.
#include "sim/run/cluster.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <thread>

#ifdef MOTCUA_MPI
#include <mpi.h>
#endif

namespace sim::run::cluster {
namespace {
int rank_ = 0;
int ranks_ = 1;
bool started_ = false;

#ifdef MOTCUA_MPI
constexpr int result_tag = 1;

/// Open MPI's mpirun sets these in each process it starts; a plain `motcua` never starts MPI.
bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

void check(int status, const char* what) {
  if (status != MPI_SUCCESS) throw std::runtime_error(std::string("MPI: cannot ") + what);
}

/// Waits a moment between polls. Open MPI's blocking calls spin on a core; ranks share
/// machines with other ranks' simulation threads, so a waiting rank should leave the core free.
void idle() { std::this_thread::sleep_for(std::chrono::milliseconds(1)); }
#endif
}  // namespace

Session::Session([[maybe_unused]] int& argc, [[maybe_unused]] char**& argv) {
#ifdef MOTCUA_MPI
  if (!launched_by_mpirun()) return;
  // Only the main thread calls MPI; the thread pools never do.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  started_ = true;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks_);
#endif
}

Session::~Session() {
#ifdef MOTCUA_MPI
  if (started_) MPI_Finalize();
#endif
}

int rank() { return rank_; }
int ranks() { return ranks_; }

std::vector<int> assign_units(const std::vector<double>& work, int ranks) {
  std::vector<std::size_t> order(work.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return work[a] > work[b]; });
  std::vector<double> load(static_cast<std::size_t>(std::max(1, ranks)), 0.0);
  std::vector<int> owner(work.size(), 0);
  for (std::size_t u : order) {
    const auto least = std::min_element(load.begin(), load.end()) - load.begin();
    owner[u] = static_cast<int>(least);
    load[static_cast<std::size_t>(least)] += work[u];
  }
  return owner;
}

namespace {
template <class T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <class T>
T take(const std::string& in, std::size_t& at) {
  if (in.size() - at < sizeof(T)) throw std::runtime_error("MPI: a result batch is truncated");
  T v;
  std::copy_n(in.data() + at, sizeof v, reinterpret_cast<char*>(&v));
  at += sizeof v;
  return v;
}
}  // namespace

std::string pack(const std::vector<Message>& batch) {
  std::string out;
  for (const Message& m : batch) {
    put(out, static_cast<std::uint64_t>(m.unit));
    put(out, static_cast<std::uint8_t>(m.error));
    put(out, static_cast<std::uint64_t>(m.bytes.size()));
    out += m.bytes;
  }
  return out;
}

std::vector<Message> unpack(const std::string& bytes) {
  std::vector<Message> batch;
  for (std::size_t at = 0; at < bytes.size();) {
    Message m;
    m.unit = static_cast<std::size_t>(take<std::uint64_t>(bytes, at));
    m.error = take<std::uint8_t>(bytes, at) != 0;
    const auto size = take<std::uint64_t>(bytes, at);
    if (bytes.size() - at < size) throw std::runtime_error("MPI: a result batch is truncated");
    m.bytes = bytes.substr(at, static_cast<std::size_t>(size));
    at += static_cast<std::size_t>(size);
    batch.push_back(std::move(m));
  }
  return batch;
}

#ifdef MOTCUA_MPI
void send_to_root(const std::vector<Message>& batch) {
  // Test hook (docs/cluster.md): this rank dies as if it crashed, before sending anything.
  if (const char* crash = std::getenv("MOTCUA_TEST_CRASH_RANK");
      crash != nullptr && std::atoi(crash) == rank_)
    std::abort();
  const std::string bytes = pack(batch);
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("a batch of results is over 2 GiB, too large for one MPI message");
  MPI_Request request;
  check(MPI_Isend(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, result_tag,
                  MPI_COMM_WORLD, &request),
        "send results to rank 0");
  for (int done = 0; check(MPI_Test(&request, &done, MPI_STATUS_IGNORE), "send results"), !done;)
    idle();
}

std::vector<Message> receive_at_root() {
  MPI_Status status;
  for (int ready = 0;
       check(MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &ready, &status),
             "wait for results"),
           !ready;)
    idle();
  int size = 0;
  check(MPI_Get_count(&status, MPI_BYTE, &size), "size a batch of results");
  std::string bytes(static_cast<std::size_t>(size), '\0');
  check(MPI_Recv(bytes.data(), size, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE),
        "receive results");
  return unpack(bytes);
}

void abort_job(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();
}
#else
void send_to_root(const std::vector<Message>&) {
  throw std::logic_error("motcua was built without MPI");
}
std::vector<Message> receive_at_root() { throw std::logic_error("motcua was built without MPI"); }
void abort_job(int code) { std::exit(code); }
#endif

}  // namespace sim::run::cluster
