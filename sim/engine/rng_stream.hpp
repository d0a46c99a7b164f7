// Keyed random streams: each (root seed, replication, center, purpose, index) gets its own engine.
#pragma once

#include <cstdint>
#include <string_view>

#include <boost/random/mersenne_twister.hpp>

namespace sim::engine {

/// 64-bit FNV-1a hash, used to turn a stream's purpose name into a number.
constexpr std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

/// Where a stream belongs: the run-level part of its key.
struct StreamSeed {
  std::uint64_t root_seed = 0;
  std::uint64_t replication = 0;
  std::uint64_t center = 0;
};

/// What a stream is for: a purpose name ("arrivals", "service") and an entity index
/// (counter 3, procedure 12). Streams are derived from the key alone, never from the order
/// in which they are created, so adding a counter cannot move a single arrival time.
struct StreamKey {
  std::string_view purpose;
  std::uint64_t index = 0;
};

/// Derives the 64-bit seed of a stream by hashing all key parts (SplitMix64 finaliser).
std::uint64_t derive_stream_seed(const StreamSeed& seed, const StreamKey& key);

/// A single uniform number on [0, 1) determined by the key alone (a counter-based draw): for
/// rare per-entity decisions, such as whether a staff member is absent in a given session,
/// where creating a whole stream would be wasteful. Different keys give independent draws.
double keyed_uniform(const StreamSeed& seed, const StreamKey& key);

/// One independent random stream: a Boost mt19937_64 engine, portable across compilers and
/// platforms (unlike std:: distributions, Boost's give the same numbers everywhere).
class RngStream {
 public:
  using Engine = boost::random::mt19937_64;

  RngStream(const StreamSeed& seed, const StreamKey& key);

  /// Uniform on [0, 1).
  double uniform01();

  Engine& engine() { return engine_; }

 private:
  Engine engine_;
};

}  // namespace sim::engine
