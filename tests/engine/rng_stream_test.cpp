// Unit tests of keyed random streams: reproducible, distinct per key, independent of creation
// order.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "sim/engine/rng_stream.hpp"

using sim::engine::RngStream;
using sim::engine::StreamKey;
using sim::engine::StreamSeed;

namespace {

std::vector<double> draws(RngStream& s, int n) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out.push_back(s.uniform01());
  return out;
}

std::vector<double> first_draws(const StreamSeed& seed, const StreamKey& key, int n = 16) {
  RngStream s(seed, key);
  return draws(s, n);
}

// Number of positions where two sequences hold the same value. For independent streams of
// 53-bit uniforms a single coincidence has probability about 2^-53 per position.
int coincidences(const std::vector<double>& a, const std::vector<double>& b) {
  int same = 0;
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) same += (a[i] == b[i]);
  return same;
}

}  // namespace

TEST_CASE("fnv1a matches the published 64-bit FNV-1a test vectors", "[engine]") {
  using sim::engine::fnv1a;
  CHECK(fnv1a("") == 0xcbf29ce484222325ull);
  CHECK(fnv1a("a") == 0xaf63dc4c8601ec8cull);
  CHECK(fnv1a("foobar") == 0x85944171f73967e8ull);
  static_assert(fnv1a("a") == 0xaf63dc4c8601ec8cull, "fnv1a is usable at compile time");
}

TEST_CASE("a stream purpose carries the FNV-1a hash of its name, computed at compile time",
          "[engine]") {
  using sim::engine::StreamPurpose;
  constexpr StreamPurpose purpose{"foobar"};
  static_assert(purpose.hash() == 0x85944171f73967e8ull, "hashed by the compiler");
  static_assert(purpose.name() == "foobar");
  // A purpose picked at run time between two literals keeps each one's hash.
  const bool online = GENERATE(true, false);
  const StreamPurpose picked = sim::engine::either(online, "online.sync", "dossier.sync");
  CHECK(picked.hash() == sim::engine::fnv1a(online ? "online.sync" : "dossier.sync"));
}

TEST_CASE("the same seed and key give the same sequence", "[engine]") {
  const StreamSeed seed{12345, 7, 3};
  const StreamKey key{"service", 11};
  RngStream a(seed, key);
  RngStream b(seed, key);
  for (int i = 0; i < 10000; ++i) REQUIRE(a.uniform01() == b.uniform01());
}

TEST_CASE("the stream engine is Random123's Philox4x64-10 (published known answer)", "[engine]") {
  // Counter and key are the hexadecimal digits of pi; the answer is the philox4x64 10-round
  // line of the kat_vectors file in the Random123 distribution.
  const RngStream::Engine engine(
      RngStream::Engine::key_type{{0x452821e638d01377ull, 0xbe5466cf34e90c6cull}});
  const RngStream::Engine::ctr_type counter{
      {0x243f6a8885a308d3ull, 0x13198a2e03707344ull, 0xa4093822299f31d0ull, 0x082efa98ec4e6c89ull}};
  const auto block = engine(counter);
  CHECK(block[0] == 0xa528f45403e61d95ull);
  CHECK(block[1] == 0x38c72dbd566e9788ull);
  CHECK(block[2] == 0xa5a1610e72fd18b5ull);
  CHECK(block[3] == 0x57bd43b5e52b7fe6ull);
}

TEST_CASE(
    "a stream's key parts enter Philox unhashed: key (root, purpose), counter (block, "
    "replication, center, index)",
    "[engine]") {
  const StreamSeed seed{12345, 7, 3};
  const StreamKey key{"service", 11};
  RngStream stream(seed, key);
  const RngStream::Engine philox(
      RngStream::Engine::key_type{{12345, sim::engine::fnv1a("service")}});
  // Blocks are numbered from 1; the engine hands out a block's four words last to first.
  const auto block1 = philox(RngStream::Engine::ctr_type{{1, 7, 3, 11}});
  const auto block2 = philox(RngStream::Engine::ctr_type{{2, 7, 3, 11}});
  for (int i = 3; i >= 0; --i) CHECK(stream.engine()() == block1[static_cast<std::size_t>(i)]);
  for (int i = 3; i >= 0; --i) CHECK(stream.engine()() == block2[static_cast<std::size_t>(i)]);
}

TEST_CASE("changing any part of the key gives a different sequence", "[engine]") {
  const StreamSeed base_seed{12345, 7, 3};
  const StreamKey base_key{"arrivals", 2};
  const auto base = first_draws(base_seed, base_key);

  CHECK(coincidences(base, first_draws({12346, 7, 3}, base_key)) == 0);      // root seed
  CHECK(coincidences(base, first_draws({12345, 8, 3}, base_key)) == 0);      // replication
  CHECK(coincidences(base, first_draws({12345, 7, 4}, base_key)) == 0);      // center
  CHECK(coincidences(base, first_draws(base_seed, {"service", 2})) == 0);    // purpose
  CHECK(coincidences(base, first_draws(base_seed, {"arrivals", 3})) == 0);   // index
  CHECK(coincidences(base, first_draws(base_seed, {"arrivals ", 2})) == 0);  // one byte more

  // The parts are ordered: swapping replication and center values is a different key.
  CHECK(coincidences(first_draws({1, 1, 2}, base_key), first_draws({1, 2, 1}, base_key)) == 0);
  // Even with an all-zero seed and an empty purpose, the index alone separates streams.
  CHECK(coincidences(first_draws({0, 0, 0}, {"", 0}), first_draws({0, 0, 0}, {"", 1})) == 0);
}

TEST_CASE("a stream's numbers do not depend on which other streams were created before it",
          "[engine]") {
  const StreamSeed seed{2024, 1, 5};
  const StreamKey k_arr{"arrivals", 0}, k_srv{"service", 3}, k_rte{"routing", 1};

  // Reference: each stream alone.
  const auto arr_alone = first_draws(seed, k_arr, 200);
  const auto srv_alone = first_draws(seed, k_srv, 200);
  const auto rte_alone = first_draws(seed, k_rte, 200);

  // Created in the opposite order, draws interleaved, extra streams created in between.
  RngStream rte(seed, k_rte);
  std::vector<double> r_draws;
  for (int i = 0; i < 50; ++i) r_draws.push_back(rte.uniform01());
  RngStream srv(seed, k_srv);
  RngStream extra1(seed, {"counter", 9});
  (void)draws(extra1, 1000);
  RngStream arr(seed, k_arr);
  RngStream extra2(seed, {"arrivals", 1});
  (void)draws(extra2, 1000);
  std::vector<double> a_draws, s_draws;
  for (int i = 0; i < 200; ++i) {
    a_draws.push_back(arr.uniform01());
    s_draws.push_back(srv.uniform01());
    if (i < 150) r_draws.push_back(rte.uniform01());
  }
  CHECK(a_draws == arr_alone);
  CHECK(s_draws == srv_alone);
  CHECK(r_draws == rte_alone);
}

TEST_CASE("uniform01 lies between 0 and 1 (excluded) with mean 1/2 and variance 1/12", "[engine]") {
  RngStream s({777, 0, 0}, {"uniform-check", 0});
  const int n = 200000;
  double sum = 0.0, sum_sq = 0.0, lo = 1.0, hi = 0.0;
  int outside = 0;
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    outside += !(u >= 0.0 && u < 1.0);
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    sum += u;
    sum_sq += u * u;
  }
  CHECK(outside == 0);
  // With n = 200000 draws the smallest is below 1e-4 and the largest above 1 - 1e-4 except
  // with probability (1 - 1e-4)^n = e^-20 each: the whole interval is covered.
  CHECK(lo < 1e-4);
  CHECK(hi > 1.0 - 1e-4);

  const double mean = sum / n;
  const double var = (sum_sq - n * mean * mean) / (n - 1);
  // Sample mean: SE = sqrt(1/12)/sqrt(n) ≈ 6.5e-4. A 5 SE band gives a false-alarm chance
  // below 1e-6 under the normal approximation (the seed is fixed, so the test is deterministic).
  const double se_mean = std::sqrt(1.0 / 12.0 / n);
  CHECK(std::abs(mean - 0.5) < 5.0 * se_mean);
  // Sample variance: SE ≈ sqrt((mu4 - sigma^4)/n) with mu4 = 1/80 and sigma^4 = 1/144 for
  // U(0,1), about 1.7e-4; again a 5 SE band.
  const double se_var = std::sqrt((1.0 / 80.0 - 1.0 / 144.0) / n);
  CHECK(std::abs(var - 1.0 / 12.0) < 5.0 * se_var);
}

TEST_CASE("the stream engine can be used directly and advances the same state as uniform01",
          "[engine]") {
  RngStream a({5, 5, 5}, {"engine", 0});
  RngStream b({5, 5, 5}, {"engine", 0});
  // One engine call per uniform01 for a 64-bit engine: after discarding one raw output from a,
  // a's next uniform equals b's second uniform.
  (void)a.engine()();
  (void)b.uniform01();
  for (int i = 0; i < 100; ++i) REQUIRE(a.uniform01() == b.uniform01());
}

TEST_CASE("keyed_uniform is a reproducible uniform draw determined by the key alone", "[engine]") {
  using sim::engine::keyed_uniform;
  const StreamSeed seed{424242, 2, 6};
  CHECK(keyed_uniform(seed, {"absence", 17}) == keyed_uniform(seed, {"absence", 17}));
  CHECK(keyed_uniform(seed, {"absence", 17}) != keyed_uniform(seed, {"absence", 18}));
  CHECK(keyed_uniform(seed, {"absence", 17}) != keyed_uniform({424242, 2, 7}, {"absence", 17}));
  CHECK(keyed_uniform(seed, {"absence", 17}) != keyed_uniform(seed, {"absent", 17}));

  // Over n = 100000 consecutive indices the draws behave like U(0,1): all in [0, 1), sample
  // mean within 5 SE of 1/2 (SE = sqrt(1/12 / n) ≈ 9.1e-4), and the share below 0.1 within
  // 5 SE of 0.1 (binomial SE = sqrt(0.1 * 0.9 / n) ≈ 9.5e-4).
  const int n = 100000;
  double sum = 0.0;
  int outside = 0, below_tenth = 0;
  for (int i = 0; i < n; ++i) {
    const double u = keyed_uniform(seed, {"absence", static_cast<std::uint64_t>(i)});
    outside += !(u >= 0.0 && u < 1.0);
    below_tenth += (u < 0.1);
    sum += u;
  }
  CHECK(outside == 0);
  CHECK(std::abs(sum / n - 0.5) < 5.0 * std::sqrt(1.0 / 12.0 / n));
  CHECK(std::abs(static_cast<double>(below_tenth) / n - 0.1) < 5.0 * std::sqrt(0.09 / n));
}
