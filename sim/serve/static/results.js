// The results of a run: verdict sentences, charts (Chart.js) and the table of paired differences.
"use strict";

function formatValue(x, unit) {
  if (unit === "1") return `${fmt(100 * x, 1)} %`;
  if (unit === "min") return `${fmt(x, 1)} ${t("minutes")}`;
  if (unit === "staff-min") return `${fmt(x / 60, 1)} ${t("hours_unit")}`;
  if (unit === "h") return `${fmt(x, 1)} ${t("hours_unit")}`;
  // Counts per run have no decimals; averages below 20 (people waiting) keep one.
  const digits = Math.abs(x) < 20 ? 1 : 0;
  if (unit === "citizens") return `${fmt(x, digits)} ${t("people")}`;
  if (unit === "dossiers") return `${fmt(x, digits)} ${t("dossiers")}`;
  return `${fmt(x, 2)} ${unit || ""}`.trim();
}
function formatDiff(x, unit) {
  const sign = x > 0 && fmt(x, 1) !== fmt(0, 1) ? "+" : "";
  if (unit === "1") return `${sign}${fmt(100 * x, 1)} ${t("points")}`;
  return sign + formatValue(x, unit);
}
function significance(c) {
  if (!(c.n >= 2) || !Number.isFinite(c.low) || !Number.isFinite(c.high)) return "none";
  if (c.low > 0 || c.high < 0) {
    if (c.better !== "lower" && c.better !== "higher") return "changed";
    const good = (c.better === "lower") === (c.diff < 0);
    return good ? "better" : "worse";
  }
  return "same";
}

function renderVerdict(data) {
  const ul = $("verdict");
  ul.replaceChildren();
  const byName = Object.fromEntries(data.comparison.map((c) => [c.metric, c]));
  for (const m of VERDICT_METRICS) {
    const c = byName[m];
    if (!c) continue;
    if (m === "dossiers_reception_late" && !c.base_mean && !c.variant_mean) continue;  // no online reception
    const sig = significance(c);
    const how = sig === "better" ? t("better") : sig === "worse" ? t("worse") : t("same");
    ul.append(el("li", { class: "verdict-" + sig, "data-metric": m, text: t("verdict_line", {
      label: metricLabel(m), b: formatValue(c.base_mean, c.unit), v: formatValue(c.variant_mean, c.unit),
      how, d: formatDiff(c.diff, c.unit), lo: formatDiff(c.low, c.unit), hi: formatDiff(c.high, c.unit) }) }));
  }
  const unserved = byName.unserved_share;
  if (unserved && significance(unserved) === "worse") {
    // The remark on shorter waits only when those served do wait less.
    const wait = byName.wait_mean;
    const shorter = wait && wait.variant_mean < wait.base_mean;
    ul.append(el("li", { class: "verdict-warn", text: t(shorter ? "verdict_fewer" : "verdict_fewer_only") }));
  }
  const late = byName.dossiers_reception_late;
  if (late && significance(late) === "worse") ul.append(el("li", { class: "verdict-warn", text: t("verdict_online_late") }));
}

function chart(id, type, labels, datasets, yTitle, extra = {}) {
  if (state.charts[id]) state.charts[id].destroy();
  const colors = ["#7f8c99", "#c0392b"];
  state.charts[id] = new Chart($(id), {
    type,
    data: { labels, datasets: datasets.map((d, i) => ({ borderColor: colors[i], backgroundColor: colors[i],
      pointRadius: 0, borderWidth: 2, ...d })) },
    options: { animation: false, responsive: true, locale: locale(),
      scales: { y: { beginAtZero: true, title: { display: true, text: yTitle } }, ...(extra.scales || {}) },
      plugins: { legend: { position: "bottom" } } },
  });
}

function renderCharts(data) {
  const [cur, edi] = data.variants;
  const names = [t("current"), t("edited")];
  // Queue through the day: bins where anyone waits in either layout.
  const starts = cur.queue.bin_start;
  const active = starts.map((_, i) => (cur.queue.tickets_waiting[i] || 0) + (edi.queue.tickets_waiting[i] || 0) > 0.01);
  const first = Math.max(0, active.indexOf(true) - 1), last = Math.min(starts.length - 1, active.lastIndexOf(true) + 1);
  const hhmm = (m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(Math.round(m % 60)).padStart(2, "0")}`;
  const slice = (a) => a.slice(first, last + 1);
  chart("chart-queue", "line", slice(starts).map(hhmm),
    [{ label: names[0], data: slice(cur.queue.tickets_waiting) }, { label: names[1], data: slice(edi.queue.tickets_waiting) }],
    t("people"));
  const doms = cur.domains.filter((d, i) => d.came_per_replication > 0 || edi.domains[i].came_per_replication > 0).map((d) => d.id);
  const pick = (v, key, scale = 1) => doms.map((id) => { const x = v.domains.find((d) => d.id === id)[key]; return x == null ? null : x * scale; });
  chart("chart-wait", "bar", doms.map(domainName),
    [{ label: names[0], data: pick(cur, "wait_mean") }, { label: names[1], data: pick(edi, "wait_mean") }], t("minutes"));
  chart("chart-unserved", "bar", doms.map(domainName),
    [{ label: names[0], data: pick(cur, "unserved_share", 100) }, { label: names[1], data: pick(edi, "unserved_share", 100) }], "%");
  const staff = [...new Set([...cur.staff, ...edi.staff].map((s) => s.name))];
  const util = (v) => staff.map((n) => { const s = v.staff.find((x) => x.name === n); return s ? 100 * s.utilization : null; });
  chart("chart-staff", "bar", staff, [{ label: names[0], data: util(cur) }, { label: names[1], data: util(edi) }], "%");
}

// In how many of the paired runs the new layout did better, the same or worse (ties are not
// losses); "—" for a metric with no better direction.
function shares(c) {
  if (c.better_share == null || !(c.n >= 1)) return "—";
  const k = (x) => fmt(Math.round(x * c.n), 0);
  return `${k(c.better_share)} / ${k(c.equal_share)} / ${k(c.worse_share)}`;
}

function renderChanges(data) {
  const order = (m) => { const i = VERDICT_METRICS.indexOf(m); return i < 0 ? 99 : i; };
  const rows = data.comparison.filter((c) => c.metric !== "events" && c.metric !== "window")
    .sort((a, b) => order(a.metric) - order(b.metric));
  // Metrics with a name in the page's language first; the others keep their file names.
  const named = $("changes").querySelector("tbody"), more = $("changes-more").querySelector("tbody");
  named.replaceChildren();
  more.replaceChildren();
  for (const c of rows) {
    const sig = significance(c);
    const label = METRIC_LABELS[state.lang][c.metric];
    (label ? named : more).append(el("tr", { class: "sig-" + sig, "data-metric": c.metric },
      el("td", { text: label || c.metric, title: c.description || "" }),
      el("td", { text: formatValue(c.base_mean, c.unit) }),
      el("td", { text: formatValue(c.variant_mean, c.unit) }),
      el("td", { text: c.n >= 2 ? `${formatDiff(c.diff, c.unit)} (${formatDiff(c.low, c.unit)} … ${formatDiff(c.high, c.unit)})` : t("no_interval") }),
      el("td", { class: "shares", text: shares(c) })));
  }
}

function renderResults() {
  if (!state.result) return;
  const data = state.result.data;
  $("results").hidden = false;
  $("results-note").textContent = t("results_note", { r: data.replications, d: fmt(data.days, 0) });
  renderVerdict(data);
  renderCharts(data);
  renderChanges(data);
  $("download-h5").href = `/api/runs/${state.result.id}/results.h5`;
  $("download-report").hidden = true;
  $("report-status").textContent = "";
}

