// Keyed random streams: each (root seed, replication, center, purpose, index) gets its own engine.
#pragma once

#include <cstdint>
#include <string_view>

#include <Random123/philox.h>
#include <Random123/conventional/Engine.hpp>

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

/// A stream's purpose name ("arrivals", "service") with its FNV-1a hash. Purposes are string
/// literals and the hash is computed by the compiler (consteval), so creating a stream never
/// hashes a name at run time. To pick one of two purposes at run time, use either() below.
class StreamPurpose {
 public:
  consteval StreamPurpose(const char* name)  // NOLINT(google-explicit-constructor): literals
      : name_(name), hash_(fnv1a(name)) {}

  constexpr std::string_view name() const { return name_; }
  constexpr std::uint64_t hash() const { return hash_; }

 private:
  std::string_view name_;
  std::uint64_t hash_;
};

/// One of two purposes, chosen at run time: `either(d.online, "online.x", "dossier.x")`. A
/// function rather than `c ? StreamPurpose{"a"} : "b"`, which crashes clang 14's code
/// generation (the sanitizer build, .ci/sanitize).
constexpr StreamPurpose either(bool first, StreamPurpose a, StreamPurpose b) {
  return first ? a : b;
}

/// What a stream is for: a purpose and an entity index (counter 3, procedure 12). Streams are
/// derived from the key alone, never from the order in which they are created, so adding a
/// counter cannot move a single arrival time.
struct StreamKey {
  StreamPurpose purpose;
  std::uint64_t index = 0;
};

/// One independent random stream over Random123's Philox4x64-10, a counter-based generator:
/// output block n is Philox(counter, key), so a stream is nothing but its key and a counter
/// and creating one costs a few instructions (the purpose's hash is computed at compile time).
/// The key parts map onto Philox's input
/// without hashing: key = (root seed, FNV-1a of the purpose), counter = (block, replication,
/// center, index). Two streams that differ in any part therefore feed Philox different
/// (key, counter) pairs, and Philox is a bijection of the counter for each key, so no two
/// streams share a block (independent by construction, no seed collisions).
///
/// The engine meets Boost.Random's engine requirements (64-bit result_type, min, max,
/// operator()), so the portable Boost distributions draw from it unchanged.
class RngStream {
 public:
  using Engine = r123::Engine<r123::Philox4x64>;

  RngStream(const StreamSeed& seed, const StreamKey& key);

  /// Uniform on [0, 1).
  double uniform01();

  Engine& engine() { return engine_; }

 private:
  Engine engine_;
};

/// A single uniform number on [0, 1) determined by the key alone: the first uniform01() of
/// the stream with that key. For rare per-entity decisions, such as whether a staff member
/// is absent in a given session; with counter-based streams this costs one Philox block.
double keyed_uniform(const StreamSeed& seed, const StreamKey& key);

}  // namespace sim::engine
