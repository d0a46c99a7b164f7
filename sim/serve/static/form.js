// The layout as a form: counters by domain, staff, hours, reception, demand, policies. Edits
// change the scenario's JSON only; the server's loader checks every change.
"use strict";

let checkTimer = null;
function changed() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(check, 250);
}

// A counter's cell for one domain: "serves" (domains), "helps" (overflow), "covers" (cover),
// or "helps covers" (both lists); "" when the counter does not take the domain.
function cellValue(c, id) {
  if ((c.domains || []).includes(id)) return "serves";
  return [(c.overflow || []).includes(id) && "helps", (c.cover || []).includes(id) && "covers"].filter(Boolean).join(" ");
}
function setCell(c, id, value) {
  const roles = value.split(" ");
  for (const [key, role] of [["domains", "serves"], ["overflow", "helps"], ["cover", "covers"]]) {
    c[key] = (c[key] || []).filter((x) => x !== id);
    if (roles.includes(role)) c[key].push(id);
    if (key !== "domains" && !c[key].length) delete c[key];
  }
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
      const value = cellValue(c, d.id);
      const sel = el("select", { class: "cell " + value, "data-domain": d.id, "aria-label": `${c.id}: ${domainName(d.id)}` },
        ...[["", "·"], ["serves", t("serves")], ["helps", t("helps_short")], ["covers", t("covers")],
          ["helps covers", t("helps_covers")]].map(([v, text]) => el("option", { value: v, text, selected: value === v })));
      sel.addEventListener("change", () => {
        setCell(c, d.id, sel.value);
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

// Optional keys of a table: set a value, or remove the key (and the table when it empties) so
// that an untouched scenario stays exactly as loaded.
function setKey(table, key, value) {
  const s = state.edited;
  if (value === undefined) {
    if (s[table]) { delete s[table][key]; if (!Object.keys(s[table]).length) delete s[table]; }
  } else {
    s[table] = s[table] || {};
    s[table][key] = value;
  }
}
// A number as typed, with a decimal comma or point; anything else goes to the loader as typed, so
// the page refuses it with the loader's own message.
function readNumber(text, scale = 1) {
  let v = text.trim();
  // Thousands written the language's way ("1.200" in Vietnamese, "1,200" in English) are whole.
  const group = state.lang === "vi" ? "." : ",";
  if (new RegExp(`^\\d{1,3}(\\${group}\\d{3})+$`).test(v)) v = v.replaceAll(group, "");
  v = v.replace(",", ".");
  if (v === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Math.round(Number(v) * scale * 1e9) / 1e9 : text.trim();
}
function showNumber(x, scale = 1) {
  if (x == null) return "";
  if (typeof x !== "number") return String(x);
  const v = String(Math.round(x * scale * 1e6) / 1e6);
  return state.lang === "vi" ? v.replace(".", ",") : v;
}
// A number field bound to `table.key` (percent: the key holds a share, the field shows %).
function bindNumber(id, table, key, percent = false) {
  const scale = percent ? 100 : 1;
  bindField(id, () => showNumber((state.edited[table] || {})[key], scale), (v) => setKey(table, key, readNumber(v, 1 / scale)));
}
function bindClock(id, table, key) {
  bindField(id, () => (state.edited[table] || {})[key] ?? "", (v) => setKey(table, key, v.trim() || undefined));
}

function renderClosingAndPatience() {
  const s = state.edited;
  const closing = $("closing");
  closing.value = (s.policy || {}).closing || "stop_issuing";
  $("closing-hint").textContent = t("closing_hint_" + closing.value);
  closing.onchange = () => {
    setKey("policy", "closing", closing.value);
    $("closing-hint").textContent = t("closing_hint_" + closing.value);
    changed();
  };
  bindClock("overtime-cap", "policy", "overtime_cap");
  bindNumber("abandon-share", "demand", "abandon_share", true);
  bindNumber("gave-up-return-share", "demand", "gave_up_return_share", true);
  const balking = () => (s.demand || {}).balking;
  const on = $("balking-on");
  on.checked = !!balking();
  $("balking-fields").hidden = !on.checked;
  on.onchange = () => {
    // Ticked: the urban ward template's balking as a start (40 to 160 tickets, halved after 15:30).
    setKey("demand", "balking", on.checked ? { start: 40, full: 160, late_from: "15:30", late_factor: 0.5 } : undefined);
    renderClosingAndPatience();
    changed();
  };
  const field = (id, key, read) => bindField(id, () => showNumber((balking() || {})[key]), (v) => {
    const b = balking();
    if (!b) return;
    const value = read(v);
    if (value === undefined) delete b[key]; else b[key] = value;
  });
  field("balk-start", "start", (v) => readNumber(v));
  field("balk-full", "full", (v) => readNumber(v));
  field("balk-late-from", "late_from", (v) => v.trim() || undefined);
  field("balk-late-factor", "late_factor", (v) => readNumber(v));
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
  bindClock("ticket-stop", "hours", "ticket_stop");
  bindClock("saturday-ticket-stop", "hours", "saturday_ticket_stop");
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
  // Shown to a tenth (decimal comma in Vietnamese); a unit's exact national demand is kept until
  // the field is changed.
  bindField("daily-visits", () => showNumber(s.demand.daily_visits != null ? Math.round(s.demand.daily_visits * 10) / 10 : null),
    (v) => { s.demand.daily_visits = readNumber(v); });
  s.run = s.run || {};
  bindField("start-date", () => isoToDmy(s.run.start_date), (v) => {
    const iso = dmyToIso(v);
    s.run.start_date = iso || v;
  });
  bindField("days", () => s.run.days ?? "", (v) => { s.run.days = Number(v); });
  bindNumber("warmup-days", "run", "warmup_days");
  renderClosingAndPatience();
  renderPolicies();
}

// A policy overlay may set several [policies.*] tables (youth volunteers: volunteers and an
// online shift); its box is ticked when the layout holds every one of them as the file says, and
// unticking removes only the tables still as the file set them.
function renderPolicies() {
  const s = state.edited, box = $("policies");
  box.replaceChildren();
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const holds = (name, table) => !!s.policies && same(s.policies[name], table);
  for (const p of state.policies) {
    const vi = state.lang === "vi" && POLICY_TEXT.vi[p.key];
    const tables = Object.entries(p.tables);
    const input = el("input", { type: "checkbox", "data-policy": p.key, checked: tables.every(([n, t]) => holds(n, t)) });
    input.addEventListener("change", () => {
      if (input.checked) s.policies = Object.assign(s.policies || {}, copy(p.tables));
      else for (const [n, t] of tables) if (holds(n, t)) delete s.policies[n];
      if (s.policies && !Object.keys(s.policies).length) delete s.policies;
      renderPolicies();  // another box that shares a table (online shift) may change with this one
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

