// The page: choose a ward, edit its layout as a form, run it against the current one, show
// the verdict and charts. Every check is the server's loader; this file only edits JSON.
"use strict";

const $ = (id) => document.getElementById(id);
const state = {
  lang: localStorage.getItem("motcua-lang") || "vi",
  units: [], templates: [], policies: [], limits: null,
  origin: null, name: "", original: null, edited: null, domains: [],
  valid: false, runId: null, polling: null, result: null, charts: {},
};
const VERDICT_METRICS = ["service_level", "unserved_share", "helped", "wait_mean", "overtime", "on_time_rate"];

function t(key, vars = {}) {
  let s = STRINGS[state.lang][key] ?? STRINGS.vi[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll("{" + k + "}", v);
  return s;
}
const locale = () => (state.lang === "vi" ? "vi-VN" : "en-GB");
const fmt = (x, digits = 1) => (Number.isFinite(x)
  ? new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x)
  : "–");
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
const copy = (x) => JSON.parse(JSON.stringify(x));
const isoToDmy = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || "") ? iso.split("-").reverse().join("/") : iso || "");
const dmyToIso = (dmy) => {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(dmy.trim());
  return m ? `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}` : null;
};

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "text") e.textContent = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (v === true) e.setAttribute(k, "");
    else if (v !== false && v != null) e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

async function api(url, options = {}) {
  const res = await fetch(url, options);
  const type = res.headers.get("content-type") || "";
  const body = type.startsWith("application/json") ? await res.json() : await res.text();
  return { status: res.status, body };
}
const postJson = (url, body) =>
  api(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

function domainName(id) {
  const d = state.domains.find((x) => x.id === id);
  if (!d) return id;
  if (state.lang === "vi") {
    const m = /\(([^)]+)\)/.exec(d.name);
    if (m) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  }
  return d.name.replace(/\s*\(.*\)\s*/, "");
}
function metricLabel(name) { return METRIC_LABELS[state.lang][name] || name; }
function unitLabel(u) { return `${t("unit_of")[u.type] || u.type} ${u.name} — ${u.province}`; }

// ---------- choosing a ward ----------
function showUnits(list, total) {
  const ul = $("unit-results");
  ul.replaceChildren();
  if (total === 0) ul.append(el("li", { class: "none", text: t("no_match") }));
  for (const u of list) {
    ul.append(el("li", {}, el("button", { type: "button", class: "unit-choice", "data-code": u.code,
      text: unitLabel(u), onclick: () => load({ kind: "unit", id: u.code }) })));
  }
  if (total > list.length) ul.append(el("li", { class: "none", text: t("more_matches", { n: total - list.length }) }));
}

function search() {
  const q = fold($("unit-search").value.trim());
  if (q.length < 2) { $("unit-results").replaceChildren(); return; }
  const rank = (u) => { const n = fold(u.name); return n === q ? 0 : n.startsWith(q) ? 1 : 2; };
  const found = state.units.filter((u) => fold(u.name).includes(q) || fold(`${u.type} ${u.name}`).includes(q))
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, "vi"));
  showUnits(found.slice(0, 15), found.length);
}

function fillChoices() {
  const prov = $("province");
  const seen = new Map();
  for (const u of state.units) seen.set(u.province_code, u.province);
  [...seen].sort((a, b) => a[1].localeCompare(b[1], "vi"))
    .forEach(([code, name]) => prov.append(el("option", { value: code, text: name })));
  for (const tp of state.templates) $("template").append(el("option", { value: tp.id, text: tp.name }));
}

async function load(origin) {
  const { status, body } = await api(`/api/scenario?kind=${encodeURIComponent(origin.kind)}&id=${encodeURIComponent(origin.id)}`);
  if (status !== 200) { showProblems(body.problems); return; }
  useScenario(body);
}

function useScenario(body) {
  state.origin = body.origin;
  state.name = body.name;
  state.original = copy(body.scenario);
  state.edited = copy(body.scenario);
  state.domains = body.domains;
  $("layout").hidden = false;
  $("run-box").hidden = false;
  $("results").hidden = true;
  $("unit-results").replaceChildren();
  renderForm();
  check();
  $("layout").scrollIntoView({ behavior: "instant", block: "start" });
}

async function upload() {
  const file = $("upload").files[0];
  if (!file) return;
  const { body } = await api("/api/upload", { method: "POST", body: await file.text() });
  if (!body.ok) { $("layout").hidden = false; showProblems(body.problems); return; }
  useScenario(body);
}

// ---------- the form ----------
let checkTimer = null;
function changed() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, 250);
}

function renderCounters() {
  const s = state.edited, box = $("counters");
  box.replaceChildren();
  const head = el("tr", {}, el("th", { text: t("counter_id") }),
    ...state.domains.map((d) => el("th", { class: "dom" }, el("span", { text: domainName(d.id) }))), el("th"));
  const body = el("tbody");
  (s.counters || []).forEach((c, i) => {
    const id = el("input", { type: "text", value: c.id, class: "counter-id", "aria-label": t("counter_id") });
    id.addEventListener("change", () => {
      for (const st of s.staff || []) if (st.counter === c.id) st.counter = id.value;
      c.id = id.value;
      renderStaff();
      changed();
    });
    const cells = state.domains.map((d) => {
      const value = (c.domains || []).includes(d.id) ? "serves" : (c.overflow || []).includes(d.id) ? "helps" : "";
      const sel = el("select", { class: "cell " + value, "data-domain": d.id, "aria-label": `${c.id}: ${domainName(d.id)}` },
        el("option", { value: "", text: "·", selected: value === "" }),
        el("option", { value: "serves", text: t("serves"), selected: value === "serves" }),
        el("option", { value: "helps", text: t("helps_short"), selected: value === "helps" }));
      sel.addEventListener("change", () => {
        c.domains = (c.domains || []).filter((x) => x !== d.id);
        c.overflow = (c.overflow || []).filter((x) => x !== d.id);
        if (sel.value === "serves") c.domains.push(d.id);
        if (sel.value === "helps") c.overflow.push(d.id);
        if (!c.overflow.length) delete c.overflow;
        sel.className = "cell " + sel.value;
        changed();
      });
      return el("td", {}, sel);
    });
    const remove = el("button", { type: "button", class: "remove-counter", "data-counter": c.id, text: t("remove_counter") });
    remove.addEventListener("click", () => {
      const seated = (s.staff || []).filter((st) => st.counter === c.id);
      s.counters.splice(i, 1);
      s.staff = (s.staff || []).filter((st) => st.counter !== c.id);
      $("form-note").textContent = t("removed_counter", { id: c.id, n: seated.length });
      renderForm(false);
      changed();
    });
    body.append(el("tr", { class: "counter", "data-counter": c.id }, el("td", {}, id), ...cells, el("td", {}, remove)));
  });
  box.append(el("table", { class: "matrix" }, el("thead", {}, head), body));
}

function renderStaff() {
  const s = state.edited, box = $("staff");
  box.replaceChildren();
  const body = el("tbody");
  (s.staff || []).forEach((st, i) => {
    const name = el("input", { type: "text", value: st.name, class: "staff-name", "aria-label": t("staff_name") });
    name.addEventListener("change", () => { st.name = name.value; changed(); });
    const counter = el("select", { "aria-label": t("staff_counter") });
    for (const c of s.counters || []) counter.append(el("option", { value: c.id, text: c.id, selected: c.id === st.counter }));
    if (!(s.counters || []).some((c) => c.id === st.counter)) counter.append(el("option", { value: st.counter, text: st.counter, selected: true }));
    counter.addEventListener("change", () => { st.counter = counter.value; changed(); });
    const absence = el("input", { type: "number", min: 0, max: 100, step: 1, class: "absence", "aria-label": t("absence"),
      value: st.absence_prob != null ? Math.round(st.absence_prob * 1000) / 10 : "" });
    absence.addEventListener("change", () => {
      if (absence.value === "") delete st.absence_prob; else st.absence_prob = Number(absence.value) / 100;
      changed();
    });
    const skills = el("div", { class: "skills" });
    for (const [dom, speed] of Object.entries(st.skills || {})) {
      const sel = el("select", {});
      for (const d of state.domains) sel.append(el("option", { value: d.id, text: domainName(d.id), selected: d.id === dom }));
      const num = el("input", { type: "number", min: 0, step: 0.1, value: speed, class: "speed" });
      const apply = () => {
        const next = {};
        for (const [k, v] of Object.entries(st.skills)) next[k === dom ? sel.value : k] = k === dom ? Number(num.value) : v;
        st.skills = next;
        renderStaff();
        changed();
      };
      sel.addEventListener("change", apply);
      num.addEventListener("change", apply);
      const rm = el("button", { type: "button", class: "small", text: "×", title: t("remove"), onclick: () => {
        delete st.skills[dom];
        if (!Object.keys(st.skills).length) delete st.skills;
        renderStaff();
        changed();
      } });
      skills.append(el("div", { class: "skill" }, sel, num, rm));
    }
    skills.append(el("button", { type: "button", class: "small", text: "+ " + t("add_skill"), onclick: () => {
      const free = state.domains.find((d) => !(st.skills && d.id in st.skills));
      if (!free) return;
      st.skills = Object.assign(st.skills || {}, { [free.id]: 1 });
      renderStaff();
      changed();
    } }));
    const rm = el("button", { type: "button", class: "small remove-staff", text: t("remove_staff"), onclick: () => {
      s.staff.splice(i, 1);
      renderStaff();
      changed();
    } });
    body.append(el("tr", { class: "staff" }, el("td", {}, name), el("td", {}, counter), el("td", {}, absence),
      el("td", {}, skills), el("td", {}, rm)));
  });
  box.append(el("table", { class: "staff-table" }, el("thead", {}, el("tr", {},
    el("th", { text: t("staff_name") }), el("th", { text: t("staff_counter") }), el("th", { text: t("absence_short") }),
    el("th", { text: t("skills") }), el("th"))), body));
}

function bindField(id, get, set) {
  const input = $(id);
  input.value = get();
  input.onchange = () => { set(input.value); changed(); };
}

function renderForm(clearNote = true) {
  const s = state.edited;
  $("scenario-name").textContent = state.name;
  if (clearNote) $("form-note").textContent = "";
  renderCounters();
  renderStaff();
  s.hours = s.hours || {};
  const sessions = (v) => v.split(",").map((x) => x.trim()).filter((x) => x);
  bindField("weekday", () => (s.hours.weekday || []).join(", "), (v) => { s.hours.weekday = sessions(v); });
  bindField("saturday", () => (s.hours.saturday || []).join(", "), (v) => { s.hours.saturday = sessions(v); });
  bindField("ticket-stop", () => s.hours.ticket_stop || "", (v) => {
    if (v.trim()) s.hours.ticket_stop = v.trim(); else delete s.hours.ticket_stop;
  });
  s.reception = s.reception || {};
  const mode = $("reception-mode");
  mode.value = s.reception.mode || "kiosk";
  $("receptionists-row").hidden = mode.value !== "receptionist";
  mode.onchange = () => {
    s.reception.mode = mode.value;
    if (mode.value === "receptionist") {
      s.reception.receptionists = s.reception.receptionists || 1;
      s.reception.reception_time = s.reception.reception_time || { type: "lognormal", median: 1.5, cv: 0.6 };
    } else {
      delete s.reception.receptionists;
      delete s.reception.reception_time;
    }
    renderForm();
    changed();
  };
  bindField("receptionists", () => s.reception.receptionists || 1, (v) => { s.reception.receptionists = Number(v); });
  s.demand = s.demand || {};
  bindField("daily-visits", () => s.demand.daily_visits ?? "", (v) => { s.demand.daily_visits = Number(v); });
  s.run = s.run || {};
  bindField("start-date", () => isoToDmy(s.run.start_date), (v) => {
    const iso = dmyToIso(v);
    s.run.start_date = iso || v;
  });
  bindField("days", () => s.run.days ?? "", (v) => { s.run.days = Number(v); });
  renderPolicies();
}

function renderPolicies() {
  const s = state.edited, box = $("policies");
  box.replaceChildren();
  for (const p of state.policies) {
    const vi = state.lang === "vi" && POLICY_TEXT.vi[p.key];
    const input = el("input", { type: "checkbox", "data-policy": p.key, checked: !!(s.policies && p.key in s.policies) });
    input.addEventListener("change", () => {
      if (input.checked) s.policies = Object.assign(s.policies || {}, { [p.key]: copy(p.table) });
      else if (s.policies) { delete s.policies[p.key]; if (!Object.keys(s.policies).length) delete s.policies; }
      changed();
    });
    box.append(el("label", { class: "policy" }, input,
      el("span", {}, el("strong", { text: vi ? vi[0] : p.name }), el("br"),
        el("span", { class: "hint", text: vi ? vi[1] : p.description }))));
  }
}

function showProblems(problems) {
  const box = $("problems");
  box.replaceChildren();
  state.valid = !problems || problems.length === 0;
  $("check-ok").hidden = !state.valid;
  $("run").disabled = !state.valid;
  $("download-toml").disabled = !state.valid;
  if (state.valid) return;
  const ul = el("ul");
  for (const p of problems) ul.append(el("li", { text: p.text }));
  box.append(el("p", { text: t("problems_title") }), ul);
}

async function check() {
  if (!state.edited) return;
  const { body } = await postJson("/api/check", { origin: state.origin, scenario: state.edited });
  showProblems(body.ok ? [] : body.problems);
}

async function downloadToml() {
  const res = await fetch("/api/toml", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ origin: state.origin, scenario: state.edited }) });
  if (!res.ok) { showProblems((await res.json()).problems); return; }
  const a = el("a", { href: URL.createObjectURL(await res.blob()), download: `${state.origin.id}-edited.toml` });
  document.body.append(a);
  a.click();
  a.remove();
}

// ---------- running ----------
async function run() {
  const current = copy(state.original);
  current.run = copy(state.edited.run);  // the same days, seed and dates for both layouts
  const replications = Number($("replications").value);
  $("results").hidden = true;
  const { status, body } = await postJson("/api/runs",
    { origin: state.origin, current, edited: state.edited, replications });
  if (status === 503) { $("run-status").textContent = t("busy"); return; }
  if (status !== 202) { showProblems(body.problems); return; }
  state.runId = body.id;
  $("run").disabled = true;
  $("cancel").hidden = false;
  $("progress").hidden = false;
  $("progress").value = 0;
  poll();
}

async function poll() {
  if (!state.runId) return;
  const id = state.runId;
  const { status, body } = await api(`/api/runs/${id}`);
  if (status !== 200 || id !== state.runId) return;
  const st = $("run-status");
  if (body.state === "waiting") st.textContent = t("waiting", { n: body.position, w: body.queue.workers });
  if (body.state === "running") {
    st.textContent = t("running", { d: body.done, t: body.total });
    $("progress").value = body.total ? body.done / body.total : 0;
  }
  if (body.state === "waiting" || body.state === "running") { state.polling = setTimeout(poll, 400); return; }
  $("run").disabled = !state.valid;
  $("cancel").hidden = true;
  $("progress").hidden = true;
  if (body.state === "done") {
    st.textContent = t("done");
    state.result = { id, data: body.result };
    renderResults();
  } else if (body.state === "failed") st.textContent = t("failed", { e: body.error });
  else st.textContent = t("cancelled");
  state.runId = null;
}

function cancelRun() {
  if (state.runId) postJson(`/api/runs/${state.runId}/cancel`, {});
}

// ---------- results ----------
function formatValue(x, unit) {
  if (unit === "1") return `${fmt(100 * x, 1)} %`;
  if (unit === "min") return `${fmt(x, 1)} ${t("minutes")}`;
  if (unit === "staff-min") return `${fmt(x / 60, 1)} ${t("hours_unit")}`;
  if (unit === "citizens") return `${fmt(x, 0)} ${t("people")}`;
  if (unit === "dossiers") return `${fmt(x, 0)} ${t("dossiers")}`;
  return `${fmt(x, 2)} ${unit || ""}`.trim();
}
function formatDiff(x, unit) {
  const sign = x > 0 ? "+" : "";
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
    const sig = significance(c);
    const how = sig === "better" ? t("better") : sig === "worse" ? t("worse") : t("same");
    ul.append(el("li", { class: "verdict-" + sig, "data-metric": m, text: t("verdict_line", {
      label: metricLabel(m), b: formatValue(c.base_mean, c.unit), v: formatValue(c.variant_mean, c.unit),
      how, d: formatDiff(c.diff, c.unit), lo: formatDiff(c.low, c.unit), hi: formatDiff(c.high, c.unit) }) }));
  }
  const unserved = byName.unserved_share;
  if (unserved && significance(unserved) === "worse") ul.append(el("li", { class: "verdict-warn", text: t("verdict_fewer") }));
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
      el("td", { text: c.n >= 2 ? `${formatDiff(c.diff, c.unit)} (${formatDiff(c.low, c.unit)} … ${formatDiff(c.high, c.unit)})` : t("no_interval") })));
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

async function makeReport() {
  if (!state.result) return;
  const { status, body } = await postJson(`/api/runs/${state.result.id}/report`, {});
  if (status !== 202) { $("report-status").textContent = t("busy"); return; }
  $("report-status").textContent = t("report_running");
  const wait = async () => {
    const r = await api(`/api/runs/${body.id}`);
    if (r.body.state === "waiting" || r.body.state === "running") { setTimeout(wait, 500); return; }
    if (r.body.state !== "done") { $("report-status").textContent = t("failed", { e: r.body.error || "" }); return; }
    $("report-status").textContent = "";
    $("download-report").href = `/api/runs/${body.id}/report.html`;
    $("download-report").hidden = false;
  };
  wait();
}

// ---------- language and start ----------
function applyLang() {
  document.documentElement.lang = state.lang;
  document.title = "motcua — " + t("title");
  for (const e of document.querySelectorAll("[data-t]")) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll("[data-tp]")) e.placeholder = t(e.dataset.tp);
  $("lang").textContent = state.lang === "vi" ? "English" : "Tiếng Việt";
  if (state.edited) renderForm();
  if (state.result) renderResults();
  search();
}

async function start() {
  const [units, templates, policies, limits] = await Promise.all(
    ["/api/units", "/api/templates", "/api/policies", "/api/limits"].map((u) => api(u).then((r) => r.body)));
  Object.assign(state, { units, templates, policies, limits });
  $("replications").max = limits.max_replications;
  $("days").max = limits.max_days;
  fillChoices();
  applyLang();
  $("lang").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("motcua-lang", state.lang);
    applyLang();
  });
  $("unit-search").addEventListener("input", search);
  $("province").addEventListener("change", () => {
    const list = state.units.filter((u) => u.province_code === $("province").value);
    showUnits(list, list.length);
  });
  $("template").addEventListener("change", () => { if ($("template").value) load({ kind: "template", id: $("template").value }); });
  $("upload").addEventListener("change", upload);
  $("add-counter").addEventListener("click", () => {
    const s = state.edited;
    s.counters = s.counters || [];
    s.counters.push({ id: `${s.counters.length + 1}-${t("new_counter")}`, domains: [state.domains[0].id] });
    renderForm();
    changed();
  });
  $("add-staff").addEventListener("click", () => {
    const s = state.edited;
    s.staff = s.staff || [];
    s.staff.push({ name: t("new_staff"), counter: (s.counters || [{ id: "" }])[0].id, absence_prob: 0.1 });
    renderStaff();
    changed();
  });
  $("run").addEventListener("click", run);
  $("cancel").addEventListener("click", cancelRun);
  $("download-toml").addEventListener("click", downloadToml);
  $("make-report").addEventListener("click", makeReport);
  // A closed tab cancels its run; the server also cancels runs nobody asks about.
  window.addEventListener("pagehide", () => { if (state.runId) navigator.sendBeacon(`/api/runs/${state.runId}/cancel`); });
  document.body.dataset.ready = "true";
}

document.addEventListener("DOMContentLoaded", start);
