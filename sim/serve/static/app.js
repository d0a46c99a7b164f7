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
const VERDICT_METRICS = ["service_level", "unserved_share", "helped", "wait_mean", "overtime", "on_time_rate", "dossiers_reception_late"];

function t(key, vars = {}) {
  let s = STRINGS[state.lang][key] ?? STRINGS.vi[key] ?? key;
  for (const [k, v] of Object.entries(vars)) s = s.replaceAll("{" + k + "}", v);
  return s;
}
const locale = () => (state.lang === "vi" ? "vi-VN" : "en-GB");
const fmt = (x, digits = 1) => {
  if (!Number.isFinite(x)) return "–";
  const rounded = Math.round(x * 10 ** digits) / 10 ** digits || 0;  // no "-0"
  return new Intl.NumberFormat(locale(), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(rounded);
};
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

async function makeReport() {
  if (!state.result) return;
  const { status, body } = await postJson(`/api/runs/${state.result.id}/report`, { lang: state.lang });
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
