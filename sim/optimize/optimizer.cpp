// motcua optimize: the search, then a final stage on fresh replications with a stated guarantee.
#include "sim/optimize/optimizer.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace sim::optimize {
namespace {

struct Moments {
  double mean = 0.0;
  double sd = 0.0;
  bool defined = true;  ///< false when a replication's value is NaN
};

Moments moments(const std::vector<double>& v) {
  Moments m;
  for (double x : v) {
    if (std::isnan(x)) m.defined = false;
    m.mean += x;
  }
  m.mean /= static_cast<double>(v.size());
  double ss = 0.0;
  for (double x : v) ss += (x - m.mean) * (x - m.mean);
  m.sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
  return m;
}

std::string fixed(double x, int digits) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(digits);
  out << x;
  return out.str();
}

/// Feasibility of every final layout: two looks per constraint (see selection.hpp).
void check_feasibility(const Goal& goal, Evaluator& ev, Result& r) {
  const auto n0 = goal.stats.first_stage;
  const std::size_t m = goal.constraints.size();
  std::vector<std::size_t> ids;
  for (auto& e : r.final) {
    ids.push_back(e.id);
    e.checks.assign(m, Decision::undecided);
    e.check_size.assign(m, 0);
  }
  if (m == 0) {
    for (auto& e : r.final) e.decision = Decision::feasible;
    return;
  }
  r.t_feasibility = t_quantile(feasibility_tail(r.alpha_feasibility, r.final.size() * m), n0 - 1);
  ev.ensure(ids, Block::feasibility, n0);
  std::vector<std::pair<std::size_t, std::uint64_t>> more;
  for (auto& e : r.final) {
    for (std::size_t c = 0; c < m && e.decision != Decision::infeasible; ++c) {
      const auto& k = goal.constraints[c];
      const auto mo = moments(ev.values(e.id, Block::feasibility, k.metric, n0));
      e.check_size[c] = n0;
      if (!mo.defined) {
        e.checks[c] = e.decision = Decision::infeasible;  // undefined in some replication
        continue;
      }
      e.checks[c] = first_look(k.sense, k.bound, k.tolerance, mo.mean, mo.sd, n0, r.t_feasibility);
      if (e.checks[c] == Decision::infeasible) e.decision = Decision::infeasible;
      if (e.checks[c] != Decision::undecided) continue;
      auto n = stein_size(r.t_feasibility, mo.sd, k.tolerance, n0);
      if (n > goal.stats.max_replications) {
        n = goal.stats.max_replications;
        r.guarantee_holds = false;
      }
      e.check_size[c] = n;
    }
    if (e.decision == Decision::infeasible) continue;
    const auto most = *std::max_element(e.check_size.begin(), e.check_size.end());
    if (most > n0) more.emplace_back(e.id, most);
  }
  ev.ensure(more, Block::feasibility);
  for (auto& e : r.final) {
    if (e.decision == Decision::infeasible) continue;
    e.decision = Decision::feasible;
    for (std::size_t c = 0; c < m; ++c) {
      const auto& k = goal.constraints[c];
      if (e.checks[c] == Decision::undecided) {
        const auto mo = moments(ev.values(e.id, Block::feasibility, k.metric, e.check_size[c]));
        e.checks[c] = mo.defined ? second_look(k.sense, k.bound, mo.mean) : Decision::infeasible;
      }
      if (e.checks[c] == Decision::infeasible) e.decision = Decision::infeasible;
    }
  }
}

/// The objective's values, larger is better, first n replications of the selection block.
std::vector<double> oriented(const Goal& goal, const Evaluator& ev, std::size_t id,
                             std::uint64_t n) {
  auto v = ev.values(id, Block::selection, goal.objective, n);
  if (!goal.maximise)
    for (auto& x : v) x = -x;
  return v;
}

/// Screen and select among the feasible layouts of a metric objective; ranks them.
void select(const Goal& goal, Evaluator& ev, Result& r, std::vector<FinalEntry*>& feasible) {
  const auto n0 = goal.stats.first_stage;
  std::vector<std::size_t> ids;
  for (auto* e : feasible) ids.push_back(e->id);
  ev.ensure(ids, Block::selection, n0);
  std::vector<std::vector<double>> first;
  for (auto id : ids) first.push_back(oriented(goal, ev, id, n0));
  // Screening one-sided at alpha_s / 2; the selection's pairwise intervals two-sided at
  // alpha_s / 2, so that layouts called indifferent are provably close (docs/optimize.md).
  r.selection = screen(first, goal.stats.delta, r.alpha_selection / 2, r.alpha_selection / 4);
  auto& s = r.selection;
  if (s.second_stage_size > goal.stats.max_replications) {
    s.second_stage_size = goal.stats.max_replications;
    r.guarantee_holds = false;
  }
  std::vector<std::size_t> survivors;
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (s.survived[i]) survivors.push_back(ids[i]);
  ev.ensure(survivors, Block::selection, s.second_stage_size);
  std::vector<std::vector<double>> data;
  for (std::size_t i = 0; i < ids.size(); ++i)
    data.push_back(s.survived[i] ? oriented(goal, ev, ids[i], s.second_stage_size)
                                 : std::vector<double>{});
  select_best(s, data, goal.stats.delta);
  r.selected_best = ids[s.best];
  // The recommendation: the cheapest of the best and the layouts indifferent to it.
  std::size_t pick = s.best;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    feasible[i]->selection_survived = s.survived[i];
    feasible[i]->indifferent = s.indifferent[i];
    if (s.indifferent[i]) r.indifference = true;
    if (s.indifferent[i] && ev.candidate(ids[i]).cost < ev.candidate(ids[pick]).cost) pick = i;
  }
  r.recommended = ids[pick];
  // Ranks: the recommended first, then survivors by mean, then the screened out by mean.
  std::vector<std::size_t> order(ids.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const auto mean_of = [&](std::size_t i) {
    const auto v = oriented(goal, ev, ids[i], s.survived[i] ? s.second_stage_size : n0);
    return moments(v).mean;
  };
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    const auto ka = std::make_tuple(a != pick, !s.survived[a], -mean_of(a));
    const auto kb = std::make_tuple(b != pick, !s.survived[b], -mean_of(b));
    return ka < kb;
  });
  for (std::size_t rank = 0; rank < order.size(); ++rank) feasible[order[rank]]->rank = rank + 1;
}

/// x with a decimal comma in Vietnamese.
std::string shown(double x, bool vi) {
  std::ostringstream out;
  out << x;
  auto text = out.str();
  if (vi) std::replace(text.begin(), text.end(), '.', ',');
  return text;
}

std::string guarantee_text(const Goal& goal, const Result& r, bool vi) {
  std::ostringstream g;
  const auto K = r.final.size();
  const auto m = goal.constraints.size();
  const auto a = shown(goal.stats.alpha, vi);
  const auto d = shown(goal.stats.delta, vi);
  if (vi) {
    g << "Với xác suất ít nhất " << shown(100 * (1 - goal.stats.alpha), true) << " % (alpha " << a
      << ", hiệu chỉnh Bonferroni trên " << K << " phương án cuối";
    if (m) g << " x " << m << " ràng buộc, kiểm tra hai giai đoạn Stein";
    g << ", các lần chạy mới dùng chung số ngẫu nhiên): ";
  } else {
    g << "With probability at least " << fixed(1 - goal.stats.alpha, 2) << " (alpha " << a
      << ", Bonferroni over " << K << " final layouts";
    if (m) g << " x " << m << " constraints, Stein two-stage checks";
    g << ", fresh replications on common random numbers): ";
  }
  if (m && !r.recommended) {
    g << (vi ? "không phương án cuối nào vượt mọi mục tiêu quá sai số cho phép."
             : "none of the final layouts meets every target by more than its tolerance.");
  } else {
    if (m)
      g << (vi ? "mọi phương án cuối đều được xếp đúng là đạt hay không đạt (trong phạm vi sai số "
                 "cho phép), nên phương án khuyến nghị đạt từng mục tiêu trong phạm vi sai số cho "
                 "phép"
               : "every final layout was judged feasible or not correctly up to the constraints' "
                 "tolerances, so the recommended layout meets each target to within its "
                 "tolerance");
    if (goal.cost_objective()) {
      if (m)
        g << (vi ? " và không phương án cuối nào rẻ hơn mà vượt mọi mục tiêu quá sai số cho phép"
                 : " and no final layout that meets every target by more than its tolerance is "
                   "cheaper");
    } else if (vi) {
      g << (m ? "; và " : "") << "nếu phương án tốt nhất về " << goal.objective
        << " hơn mọi phương án khác ít nhất delta = " << d
        << " thì nó được chọn, và phương án khuyến nghị (rẻ nhất trong các phương án cách phương "
           "án "
           "được chọn dưới delta) cách nó không quá 2 delta";
    } else {
      g << (m ? "; and " : "") << "if the best feasible layout's " << goal.objective
        << " is at least delta = " << d
        << " better than every other's, it is selected, and the recommended layout (the cheapest "
           "of those within delta of the selected one) is within 2 delta of it";
    }
    g << ".";
  }
  if (!r.guarantee_holds)
    g << (vi ? " CHƯA BẢO ĐẢM: có phương án cần nhiều hơn max_replications lần chạy."
             : " NOT GUARANTEED: some layout needed more than max_replications replications.");
  return g.str();
}

}  // namespace

Result optimize(const Goal& goal, Evaluator& ev, std::ostream* progress) {
  Result r;
  if (progress) *progress << "search: " << goal.stats.search << " replications per layout\n";
  r.search = search(goal, ev, progress);
  for (auto id : final_set(goal, ev, r.search)) r.final.push_back(FinalEntry{id, {}, {}});
  const bool selecting = !goal.cost_objective();
  r.alpha_feasibility = goal.constraints.empty() ? 0.0
                        : selecting              ? goal.stats.alpha / 2
                                                 : goal.stats.alpha;
  r.alpha_selection = selecting ? goal.stats.alpha - r.alpha_feasibility : 0.0;
  if (progress)
    *progress << "final stage: " << r.final.size() << " layouts on fresh replications\n";
  check_feasibility(goal, ev, r);
  std::vector<FinalEntry*> feasible;
  for (auto& e : r.final)
    if (e.decision == Decision::feasible) feasible.push_back(&e);
  if (!feasible.empty() && !selecting) {
    std::stable_sort(feasible.begin(), feasible.end(), [&](auto* a, auto* b) {
      return ev.candidate(a->id).cost < ev.candidate(b->id).cost;
    });
    for (std::size_t i = 0; i < feasible.size(); ++i) feasible[i]->rank = i + 1;
    r.recommended = feasible.front()->id;
  } else if (feasible.size() == 1) {
    feasible.front()->rank = 1;
    r.recommended = r.selected_best = feasible.front()->id;
  } else if (!feasible.empty()) {
    select(goal, ev, r, feasible);
  }
  r.guarantee = guarantee_text(goal, r, false);
  r.guarantee_vi = guarantee_text(goal, r, true);
  return r;
}

}  // namespace sim::optimize
