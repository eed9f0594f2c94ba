// The live page: builds the controls of the chosen fund from the server's list, checks each
// typed value against the limits the server gives, sends the changed values on every move (a
// newer request aborts the one before): first for the first 1 000 futures, then for all, and
// has figures.js draw them; a threshold question asked and a future told are asked again of
// each new run. Every text comes from STRINGS (strings.js, made by the server from
// labels/page.rs).
"use strict";

const state = {
  funds: [],
  fund: null,          // the fund's view: designs and controls
  values: {},          // control id -> value the user changed
  lang: "sv",
  tab: Math.random().toString(36).slice(2) + Date.now().toString(36),
  base: null,          // figures of the fund as loaded
  baseKey: "",
  now: null,
  controller: null,
  problems: {},        // control id -> message
  question: "",        // the threshold question asked, as typed
  answer: null,        // its answer for the settings shown
  asking: null,        // the question's request in flight
  storyDesign: null,   // the design whose future is told
  telling: null,       // the story's request in flight
  tuning: null,        // "find the rule"'s request in flight
  invalid: {},         // control id -> a typed value not sent, as typed
  refused: false,      // the server refused the settings shown in the controls
  chart: "balance",    // the chart tab shown
  changedAt: 0,        // when the settings last changed (0: the page's start), for the timings
  total: 0,            // the futures the controls ask for
};

/// Futures of the first, quick answer.
const FIRST = 1000;
/// From each change to its first and its full figures drawn, in ms, read by the benchmark;
/// and the futures of each drawing, read by the tests.
window.sifsimTimes = [];
window.sifsimDrawn = [];

const $ = (id) => document.getElementById(id);
const t = () => STRINGS[state.lang];
/// A text with its `{name}`s filled from `values`.
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (hole, name) => (name in values ? values[name] : hole));
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
};

// Numbers as the language writes them: "1 234,5" or "1,234.5".
const fmt = (x, digits) => new Intl.NumberFormat(state.lang === "sv" ? "sv-SE" : "en-GB",
  { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
const pct = (x, digits = 0) => fmt(100 * x, digits) + (state.lang === "sv" ? " %" : "%");
const mnkr = (x) => fmt(x, 1) + " mnkr";

/// The value a control has now.
const current = (c) => (c.id in state.values ? state.values[c.id] : c.value);

async function start() {
  const hash = new URLSearchParams(location.hash.slice(1));
  state.lang = hash.get("lang") === "en" ? "en" : "sv";
  state.funds = await (await fetch("/api/funds")).json();
  const wanted = state.funds.find((f) => f.id === hash.get("fund")) || state.funds[0];
  let values = {};
  try { values = JSON.parse(hash.get("v") || "{}"); } catch (_) { values = {}; }
  state.question = (hash.get("q") || "").trim();
  $("question").value = state.question;
  $("fund").addEventListener("change", () => load($("fund").value, {}));
  $("lang").addEventListener("click", () => { state.lang = state.lang === "sv" ? "en" : "sv"; render(); request(); });
  $("download").addEventListener("click", () => download("/api/toml", "-changed.toml"));
  $("report").addEventListener("click", () => download("/api/report", "-report.html"));
  $("ask").addEventListener("submit", (e) => { e.preventDefault(); asked($("question").value); });
  $("tell").addEventListener("click", () => { state.storyDesign = $("story-design").value; remember(); tell(); });
  $("link").addEventListener("click", copyLink);
  $("tune").addEventListener("submit", (e) => { e.preventDefault(); findRule(); });
  $("tune-design").addEventListener("change", renderTuneFields);
  $("reset").addEventListener("click", () => load(state.fund.id, {}));
  $("full-screen").addEventListener("click", fullScreen);
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest?.("input, select, textarea");
    if (e.key === "f" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) fullScreen();
  });
  let width = innerWidth;
  addEventListener("resize", () => { if (innerWidth !== width) { width = innerWidth; renderChart(); } });
  if (CHARTS.some(([id]) => id === hash.get("chart"))) state.chart = hash.get("chart");
  await load(wanted.id, values, hash.get("story"));
}

function fullScreen() {
  if (document.fullscreenElement) document.exitFullscreen();
  else document.documentElement.requestFullscreen?.().catch(() => {});
}

/// Shows fund `id` with the changed `values` (those it has controls for), and tells the future
/// of design `story` when it has one of that name.
async function load(id, values, story = null) {
  state.fund = await (await fetch("/api/funds/" + encodeURIComponent(id))).json();
  const ids = new Set(state.fund.controls.map((c) => c.id));
  state.values = Object.fromEntries(Object.entries(values).filter(([k]) => ids.has(k)));
  state.base = null;
  state.baseKey = "";
  state.now = null;
  state.problems = {};
  state.invalid = {};
  state.refused = false;
  state.answer = null;
  state.storyDesign = state.fund.designs.some((d) => d.name === story) ? story : null;
  $("story").replaceChildren();
  render();
  request();
}

/// Everything that does not depend on the figures: texts, the fund list and the controls.
function render() {
  const s = t();
  document.documentElement.lang = state.lang;
  document.title = "sifsim – " + s.title;
  for (const [id, text] of [["title", s.title], ["lead", s.lead], ["fund-label", s.fund],
    ["lang", s.language], ["download", s.download], ["report", s.report], ["link", s.link],
    ["reset", s.reset], ["full-screen", s.fullScreen], ["key-title", s.keyFigures], ["key-note", s.keyNote],
    ["burden-title", s.burdens], ["burden-note", s.burdenNote], ["deficit-title", s.deficit],
    ["deficit-note", s.deficitNote], ["threshold-title", s.threshold],
    ["threshold-note", s.thresholdNote], ["ask-button", s.ask], ["explain-title", s.explain],
    ["explain-note", s.explainNote], ["story-design-label", s.storyDesign], ["tell", s.tell],
    ["tune-title", s.findRule], ["tune-note", s.findRuleNote], ["tune-design-label", s.storyDesign],
    ["tune-field-label", s.tuneField], ["tune-depleted-label", s.tuneDepleted],
    ["tune-tipped-label", s.tuneTipped], ["tune-objective-label", s.tuneObjective], ["tune-button", s.findRule]]) {
    $(id).textContent = text;
  }
  $("fund").replaceChildren(...state.funds.map((f) =>
    el("option", { value: f.id, textContent: f.name, selected: f.id === state.fund.id })));
  $("story-design").replaceChildren(...state.fund.designs.map((d) =>
    el("option", { value: d.name, textContent: d.name, selected: d.name === state.storyDesign })));
  const tuned = $("tune-design").value;
  $("tune-design").replaceChildren(...state.fund.designs.map((d, i) =>
    el("option", { value: i, textContent: d.name, selected: String(i) === tuned })));
  const objective = $("tune-objective").value || "min";
  $("tune-objective").replaceChildren(...[["min", s.tuneSmallest], ["max", s.tuneLargest], ["budget", s.tuneBudget]]
    .map(([value, text]) => el("option", { value, textContent: text, selected: value === objective })));
  renderTuneFields();
  renderControls();
  renderFigures();
}

/// The rules of the design chosen for "find the rule" that take a number.
function renderTuneFields() {
  const d = Number($("tune-design").value || 0);
  const chosen = $("tune-field").value;
  // Rules of the file (a deposit is an entry of a list, no field) that the model takes.
  const model = current(state.fund.controls.find((c) => c.id === `d${d}.model`));
  const fields = state.fund.controls.filter((c) => c.design === d && c.input.kind === "number"
    && !c.key.startsWith("deposit.") && (!c.table || takes(model, c.table)));
  $("tune-field").replaceChildren(...fields.map((c) =>
    el("option", { value: c.id, textContent: c.label[state.lang === "en" ? 1 : 0], selected: c.id === chosen })));
}

/// Seven values of the chosen rule, each run on the same futures with the settings above; the
/// best that keeps both limits, as `sifsim tune` chooses it.
async function findRule() {
  state.tuning?.abort();
  const controller = new AbortController();
  state.tuning = controller;
  const design = state.fund.designs[Number($("tune-design").value)];
  const c = state.fund.controls.find((c) => c.id === $("tune-field").value);
  if (!design || !c) return;
  const { min, max, step } = c.input;
  const round = (x) => Math.round(Math.round(x / step) * step * 1e6) / 1e6;
  const values = [...new Set([0, 1, 2, 3, 4, 5, 6].map((i) => round(min + (i * (max - min)) / 6)))];
  const path = `design[${design.name}].${c.key}`;
  const limit = (id) => Number($(id).value) / 100;
  const objective = $("tune-objective").value;
  $("tune-answer").textContent = t().tuning;
  const answer = await post("/api/tune", {
    settings: settings(false, "-tune"),
    design: design.name,
    vary: `${path}=${values.join(",")}`,
    require: [`p_depleted_ever<=${limit("tune-depleted")}`, `max_unit_p_tipped<=${limit("tune-tipped")}`],
    objective: objective === "budget" ? "budget_effect_lifetime.p50" : path,
    maximise: objective !== "min",
  }, controller);
  if (!answer) return;
  $("tune-problem").textContent = answer.ok ? "" : said(answer.body);
  $("tune-answer").textContent = answer.ok ? answer.body.text : "";
}

function renderControls() {
  const s = t();
  const open = new Set([...document.querySelectorAll("#controls details[open]")].map((d) => d.dataset.key));
  // At first, on a projector every group is open (every control reachable with Tab); on a
  // middling screen the first design and the assumptions; on a phone none, so that the
  // figures come soon.
  const first = !document.querySelector("#controls details");
  const projector = matchMedia("(min-width: 1200px)").matches;
  const wide = matchMedia("(min-width: 801px)").matches;
  const groups = state.fund.designs.map((d, i) => ({ key: "d" + i, title: d.name, design: i }));
  groups.push({ key: "assumptions", title: s.assumptions, design: null, note: s.assumptionsNote });
  $("controls").replaceChildren(...groups.map((g) => {
    const opened = projector || (wide && (g.design === 0 || g.design === null));
    const details = el("details", { open: first ? opened : open.has(g.key) },
      el("summary", { textContent: g.title }), g.note ? el("p", { className: "note", textContent: g.note }) : null);
    details.dataset.key = g.key;
    const model = g.design === null ? null : current(state.fund.controls.find((c) => c.id === `d${g.design}.model`));
    for (const c of state.fund.controls.filter((c) => c.design === g.design)) {
      if (c.table && !takes(model, c.table)) continue;
      details.append(control(c));
    }
    return details;
  }));
}

const takes = (model, table) => (table === "repayment" ? model !== "budget" : model === "dual");

/// One control: its label, its input (a slider with a box, a box, a list or a check box) and
/// the place for its problem.
function control(c) {
  const s = t();
  const value = current(c);
  const box = el("div", { className: "control" });
  box.dataset.control = c.id;
  box.classList.toggle("changed", c.id in state.values);
  box.classList.toggle("invalid", c.id in state.invalid);
  const english = state.lang === "en" ? 1 : 0;
  const label = el("label", { textContent: c.label[english], htmlFor: "c-" + c.id, title: c.help ? c.help[english] : "" });
  const problem = el("div", { className: "problem", id: "p-" + c.id, textContent: problemOf(c.id) });
  let input;
  if (c.input.kind === "choice") {
    input = el("select", { id: "c-" + c.id },
      ...c.input.options.map((o) => el("option", {
        value: JSON.stringify(o), textContent: s.models[o] || s.options[o] || (typeof o === "number" ? fmt(o, 0) : o),
        selected: JSON.stringify(o) === JSON.stringify(value),
      })));
    input.addEventListener("change", () => {
      set(c, JSON.parse(input.value));
      if (c.key === "model") renderControls();
    });
  } else if (c.input.kind === "check") {
    input = el("input", { type: "checkbox", id: "c-" + c.id, checked: value });
    input.addEventListener("change", () => set(c, input.checked));
  } else {
    const shown = c.id in state.invalid ? state.invalid[c.id] : String(value).replace(".", state.lang === "sv" ? "," : ".");
    const text = el("input", { type: "text", inputMode: "decimal", id: "c-" + c.id, value: shown });
    text.setAttribute("aria-describedby", "p-" + c.id);
    const row = el("div", { className: "row" });
    if (c.input.kind === "number") {
      // Focused, the arrow keys move it.
      const range = el("input", { type: "range", min: c.input.min, max: c.input.max, step: c.input.step, value });
      range.setAttribute("aria-label", c.label[english]);
      range.addEventListener("input", () => {
        text.value = range.value.replace(".", state.lang === "sv" ? "," : ".");
        valid(c, problem);
        set(c, Number(range.value));
      });
      text.addEventListener("input", () => { if (typed(c, text, problem)) range.value = state.values[c.id] ?? c.value; });
      row.append(range);
    } else {
      text.addEventListener("input", () => typed(c, text, problem));
    }
    row.append(text);
    input = row;
  }
  box.append(label, input, problem);
  return box;
}

/// A number typed in a control's box: sent when it is allowed, else a message at the control
/// and the figures marked as not matching the controls.
function typed(c, text, problem) {
  const checked = check(c, text.value);
  if (checked.message) {
    state.invalid[c.id] = text.value;
    problem.textContent = checked.message;
    problem.closest(".control").classList.add("invalid");
    showState();
    return false;
  }
  valid(c, problem);
  set(c, checked.value);
  return true;
}

/// What is wrong with control `id`'s value, in the page's language: a typed value not sent
/// (worded again, so that a change of language reaches it), else the server's refusal.
function problemOf(id) {
  const c = state.fund.controls.find((c) => c.id === id);
  if (c && id in state.invalid) return check(c, state.invalid[id]).message || "";
  return state.problems[id] || "";
}

/// A control's value is good again: its message goes.
function valid(c, problem) {
  delete state.invalid[c.id];
  problem.textContent = state.problems[c.id] || "";
  problem.closest(".control").classList.remove("invalid");
  showState();
}

/// What a typed value is, or why it cannot be sent: a number in the language's way ("2,5",
/// "10 000") within the control's limits, which the server gives from its table of inputs.
function check(c, raw) {
  const s = t();
  // Spaces group thousands; so does a comma in English, where it is no decimal sign.
  const grouped = raw.trim().replace(/[\s\u00a0]/g, "").replace("\u2212", "-");
  const text = state.lang === "en" ? grouped.replace(/,/g, "") : grouped;
  if (text === "") return { message: s.empty };
  const number = /^-?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?$/i.test(text) ? Number(text.replace(",", ".")) : NaN;
  if (!Number.isFinite(number)) return { message: fill(s.notNumber, { value: raw.trim() }) };
  const l = c.limits;
  if (!l) return { value: number };
  const out = (l.whole && !Number.isInteger(number))
    || (l.min !== null && (number < l.min || (!l.min_in && number === l.min)))
    || (l.max !== null && (number > l.max || (!l.max_in && number === l.max)));
  if (out) return { message: fill(l.refusal[state.lang === "en" ? 1 : 0], { value: raw.trim() }) };
  return { value: number };
}

/// The notes above the figures: that they do not match the controls (a value not sent or
/// refused), or that they are the first futures' while the rest run.
function showState() {
  const outdated = state.refused || Object.keys(state.invalid).length > 0;
  document.body.classList.toggle("outdated", outdated);
  $("stale").hidden = !outdated;
  $("stale").textContent = t().stale;
  const partial = state.now?.summary.paths < state.total;
  document.body.classList.toggle("partial", !!partial && !outdated);
  $("partial").hidden = !partial || outdated;
  if (partial) $("partial").textContent = fill(t().partial, { paths: fmt(state.now.summary.paths, 0), total: fmt(state.total, 0) });
}

/// Records a control's new value and asks for the figures.
function set(c, value) {
  state.changedAt = performance.now();
  if (JSON.stringify(value) === JSON.stringify(c.value)) delete state.values[c.id];
  else state.values[c.id] = value;
  document.querySelector(`[data-control="${CSS.escape(c.id)}"]`)?.classList.toggle("changed", c.id in state.values);
  request();
}

/// What the page asks the server for: the fund and the changed values. Each kind of request
/// (`job`) has a tab id of its own, so that it cancels only its own kind.
/// With `paths`, for that many futures instead of the controls'.
const settings = (base, job = "", paths = null) => ({
  fund: state.fund.id, values: paths === null ? state.values : { ...state.values, paths },
  lang: state.lang, tab: state.tab + job, base,
});

/// Posts `body` as JSON: the answer's `ok` and JSON, or null when it was aborted or cancelled by
/// a newer request.
async function post(uri, body, controller) {
  try {
    const response = await fetch(uri, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify(body), signal: controller.signal,
    });
    const json = await response.json();
    return controller.signal.aborted || response.status === 409 ? null : { ok: response.ok, body: json };
  } catch (e) {
    // Aborted by a newer request; else the server is gone or answered no JSON.
    return controller.signal.aborted ? null : { ok: false, body: {} };
  }
}

/// What a refusal says in the page's language: the problems the server worded so, else that
/// the settings could not be computed (the server's other messages are the command line's).
function said(body) {
  const fields = (body.fields || []).map((f) => f.message);
  return fields.length ? fields.join(" ") : t().failed;
}

/// Asks for the figures of the current settings, aborting the request before it; the fund as
/// loaded comes along when the paths, seed or language changed.
let pending = false;
function request() {
  remember();
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; send(); });
}

/// Keeps the settings in the page's address, so that the link restores them: the fund, the
/// language, the changed values (paths and seed among them), the question and the future told.
function remember() {
  const hash = new URLSearchParams({ fund: state.fund.id, lang: state.lang });
  if (Object.keys(state.values).length) hash.set("v", JSON.stringify(state.values));
  if (state.question) hash.set("q", state.question);
  if (state.storyDesign) hash.set("story", state.storyDesign);
  if (state.chart !== "balance") hash.set("chart", state.chart);
  history.replaceState(null, "", "#" + hash);
}

async function send() {
  for (const c of [state.controller, state.asking, state.telling]) c?.abort();
  if (Object.keys(state.invalid).length) {
    document.body.classList.remove("busy");
    $("status").textContent = "";
    return showState();
  }
  const controller = new AbortController();
  state.controller = controller;
  const control = (id) => state.fund.controls.find((c) => c.id === id);
  const paths = Number(current(control("paths")));
  const seed = current(control("seed"));
  const baseKey = [state.fund.id, paths, seed, state.lang].join("|");
  const changedAt = state.changedAt;
  const times = { paths };
  state.total = paths;
  document.body.classList.add("busy");
  $("status").className = "";
  $("status").textContent = t().running;
  // The first futures first: the same futures as the full run's first ones. Asked one after
  // the other, not at once: on two cores the two runs would slow each other.
  const quick = paths > FIRST;
  if (quick) {
    const first = await post("/api/run", settings(true, "", FIRST), controller);
    if (!first) return;
    if (!first.ok) return refused(first.body);
    show(first.body.now, first.body.base);
    state.baseKey = ""; // the loaded fund's figures shown are the first futures'
    requestAnimationFrame(() => { times.first = performance.now() - changedAt; });
  }
  // After the first futures the loaded fund's figures shown are theirs: ask for all of them.
  const withBase = quick || baseKey !== state.baseKey;
  const answer = await post("/api/run", settings(withBase), controller);
  if (!answer) return;
  if (!answer.ok) return refused(answer.body);
  document.body.classList.remove("busy");
  state.baseKey = baseKey;
  show(answer.body.now, withBase ? answer.body.base : state.base);
  requestAnimationFrame(() => {
    times.full = performance.now() - changedAt;
    times.first ??= times.full;
    window.sifsimTimes.push(times);
  });
  const ms = Math.round(performance.now() - changedAt);
  $("status").textContent = fill(t().done, { paths: fmt(answer.body.now.summary.paths, 0), ms });
  $("status").dataset.ms = ms;
  if (state.question) ask();
  if (state.storyDesign) tell();
}

/// Figures the server answered: drawn, and any earlier refusal forgotten.
function show(now, base) {
  state.now = now;
  state.base = base;
  state.refused = false;
  state.problems = {};
  showProblems();
  renderFigures();
  showState();
}

/// The server refused the settings: each problem at its control, the last good figures kept
/// and marked as not matching the controls.
function refused(body) {
  document.body.classList.remove("busy");
  state.problems = {};
  const general = [];
  for (const f of body.fields || []) {
    if (f.control) state.problems[f.control] = [state.problems[f.control], f.message].filter(Boolean).join("\n");
    else general.push(f.message);
  }
  state.refused = true;
  showProblems();
  showState();
  $("status").className = "bad";
  $("status").textContent = general.length ? general.join(" ") : t().failed;
}

/// Each control's problem at the control, its group opened so that it is seen.
function showProblems() {
  for (const p of document.querySelectorAll(".control .problem")) {
    p.textContent = problemOf(p.id.slice(2));
    if (p.textContent) p.closest("details")?.setAttribute("open", "");
  }
}

/// A question typed or chosen: asked now and again of every new run.
function asked(question) {
  $("question").value = question;
  state.question = question.trim();
  state.answer = null;
  remember();
  ask();
}

async function ask() {
  state.asking?.abort();
  if (!state.question) {
    $("question-problem").textContent = "";
    return renderAnswer();
  }
  const controller = new AbortController();
  state.asking = controller;
  $("answer").classList.add("stale");
  const answer = await post("/api/threshold", { settings: settings(false, "-ask"), question: state.question }, controller);
  if (!answer) return;
  $("question-problem").textContent = answer.ok ? "" : said(answer.body);
  state.answer = answer.ok ? answer.body : null;
  renderAnswer();
}

/// The question's chance per design now, with the fund as loaded's in grey.
function renderAnswer() {
  const a = state.answer;
  $("answer").classList.remove("stale");
  if (!a) return $("answer").replaceChildren();
  const rows = a.now.map(([name, p], d) => el("tr", {}, el("th", { textContent: name }),
    figure({ text: pct(p, 1), value: p }, a.base[d] ? { text: pct(a.base[d][1], 1) } : null, "threshold", d)));
  $("answer").replaceChildren(el("p", { className: "asked", textContent: a.question }),
    el("div", { className: "wide" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", { textContent: t().design }), el("th", { textContent: t().probability }))),
      el("tbody", {}, ...rows))));
}

/// Example questions in the fund's own terms: the unit that may bear most, the last year.
function renderExamples(summary) {
  const s = t();
  const burden = (i) => Math.max(...summary.designs.map((d) => d.units[i].burden_total.p95));
  const unit = summary.units.reduce((top, u, i) => (burden(i) > burden(top) ? i : top), 0);
  const values = { unit: summary.units[unit].name, year: summary.start_year + summary.years - 1 };
  const examples = [fill(s.exampleBurden, values), fill(s.exampleCash, values)];
  $("question").placeholder = examples[0];
  $("examples").replaceChildren(s.examples, ...examples.map((q) =>
    el("button", { type: "button", className: "example", textContent: q, onclick: () => asked(q) })));
}

/// Tells a future of the chosen design where the fund ran dry, for the settings shown.
async function tell() {
  state.telling?.abort();
  const controller = new AbortController();
  state.telling = controller;
  const story = $("story");
  story.classList.add("stale");
  if (!story.childElementCount) story.replaceChildren(el("p", { className: "note", textContent: t().telling }));
  const answer = await post("/api/explain", { settings: settings(false, "-tell"), design: state.storyDesign }, controller);
  if (!answer) return;
  story.classList.remove("stale");
  $("story-problem").textContent = answer.ok ? "" : said(answer.body);
  if (answer.ok) story.innerHTML = answer.body.html; // escaped by the server
  else story.replaceChildren();
}

/// Downloads what `uri` makes of the settings, named after the fund.
async function download(uri, suffix) {
  $("status").className = "";
  $("status").textContent = t().running;
  const response = await fetch(uri, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings(false, "-download")),
  });
  if (response.status === 409) return; // cancelled by a newer download
  if (!response.ok) {
    $("status").className = "bad";
    $("status").textContent = said(await response.json().catch(() => ({})));
    return;
  }
  const name = state.fund.id + suffix;
  $("status").textContent = fill(t().downloaded, { name });
  const url = URL.createObjectURL(await response.blob());
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function copyLink() {
  try {
    await navigator.clipboard.writeText(location.href);
    $("status").textContent = t().linkCopied;
  } catch (_) {
    $("status").textContent = location.href;
  }
}

document.addEventListener("DOMContentLoaded", start);
