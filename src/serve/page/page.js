// The live page: builds the controls of the chosen fund from the server's list, sends the
// changed values on every move (a newer request aborts the one before), and draws the figures
// beside those of the fund as loaded. Every text comes from STRINGS (strings.js).
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
};

const $ = (id) => document.getElementById(id);
const t = () => STRINGS[state.lang];
const el = (tag, props = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
};

// Numbers as the language writes them: "1 234,5" or "1,234.5".
const fmt = (x, digits) => new Intl.NumberFormat(state.lang === "sv" ? "sv-SE" : "en-GB",
  { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
const pct = (x) => fmt(100 * x, 0) + (state.lang === "sv" ? " %" : "%");
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
  $("fund").addEventListener("change", () => load($("fund").value, {}));
  $("lang").addEventListener("click", () => { state.lang = state.lang === "sv" ? "en" : "sv"; render(); request(); });
  $("download").addEventListener("click", download);
  $("link").addEventListener("click", copyLink);
  $("reset").addEventListener("click", () => load(state.fund.id, {}));
  await load(wanted.id, values);
}

async function load(id, values) {
  state.fund = await (await fetch("/api/funds/" + encodeURIComponent(id))).json();
  const ids = new Set(state.fund.controls.map((c) => c.id));
  state.values = Object.fromEntries(Object.entries(values).filter(([k]) => ids.has(k)));
  state.base = null;
  state.baseKey = "";
  state.now = null;
  state.problems = {};
  render();
  request();
}

/// Everything that does not depend on the figures: texts, the fund list and the controls.
function render() {
  const s = t();
  document.documentElement.lang = state.lang;
  document.title = "sifsim – " + s.title;
  for (const [id, text] of [["title", s.title], ["lead", s.lead], ["fund-label", s.fund],
    ["lang", s.language], ["download", s.download], ["link", s.link], ["reset", s.reset],
    ["key-title", s.keyFigures], ["key-note", s.keyNote], ["charts-title", s.charts],
    ["burden-title", s.burdens], ["burden-note", s.burdenNote]]) {
    $(id).textContent = text;
  }
  for (const [id, title] of [["threshold", s.threshold], ["explain", s.explain]]) {
    $(id).querySelector("h2").textContent = title;
    $(id).querySelector("p").textContent = s.comingSoon;
  }
  $("fund").replaceChildren(...state.funds.map((f) =>
    el("option", { value: f.id, textContent: f.name, selected: f.id === state.fund.id })));
  renderControls();
  renderFigures();
}

function renderControls() {
  const s = t();
  const open = new Set([...document.querySelectorAll("#controls details[open]")].map((d) => d.dataset.key));
  const first = !document.querySelector("#controls details");
  const groups = state.fund.designs.map((d, i) => ({ key: "d" + i, title: d.name, design: i }));
  groups.push({ key: "assumptions", title: s.assumptions, design: null, note: s.assumptionsNote });
  $("controls").replaceChildren(...groups.map((g) => {
    const details = el("details", { open: first ? g.design === 0 || g.design === null : open.has(g.key) },
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
  const label = el("label", { textContent: s.labels[c.key] || c.key, htmlFor: "c-" + c.id });
  const problem = el("div", { className: "problem", id: "p-" + c.id, textContent: state.problems[c.id] || "" });
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
    const text = el("input", { type: "text", inputMode: "decimal", id: "c-" + c.id, value: String(value).replace(".", state.lang === "sv" ? "," : ".") });
    const row = el("div", { className: "row" });
    if (c.input.kind === "number") {
      const range = el("input", { type: "range", min: c.input.min, max: c.input.max, step: c.input.step, value, tabIndex: -1 });
      range.setAttribute("aria-label", s.labels[c.key] || c.key);
      range.addEventListener("input", () => {
        text.value = range.value.replace(".", state.lang === "sv" ? "," : ".");
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

/// A number typed in a control's box: sent when it reads as one, else a message at once.
function typed(c, text, problem) {
  const raw = text.value.trim().replace(/\s/g, "").replace(",", ".");
  const x = Number(raw);
  if (raw === "" || !Number.isFinite(x)) {
    problem.textContent = t().notNumber;
    return false;
  }
  set(c, x);
  return true;
}

/// Records a control's new value and asks for the figures.
function set(c, value) {
  if (JSON.stringify(value) === JSON.stringify(c.value)) delete state.values[c.id];
  else state.values[c.id] = value;
  document.querySelector(`[data-control="${CSS.escape(c.id)}"]`)?.classList.toggle("changed", c.id in state.values);
  request();
}

/// What the page asks the server for: the fund and the changed values.
const settings = (base) => ({ fund: state.fund.id, values: state.values, lang: state.lang, tab: state.tab, base });

/// Asks for the figures of the current settings, aborting the request before it; the fund as
/// loaded comes along when the paths, seed or language changed.
let pending = false;
function request() {
  const hash = new URLSearchParams({ fund: state.fund.id, lang: state.lang });
  if (Object.keys(state.values).length) hash.set("v", JSON.stringify(state.values));
  history.replaceState(null, "", "#" + hash);
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => { pending = false; send(); });
}

async function send() {
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  const paths = current(state.fund.controls.find((c) => c.id === "paths"));
  const seed = current(state.fund.controls.find((c) => c.id === "seed"));
  const baseKey = [state.fund.id, paths, seed, state.lang].join("|");
  const withBase = baseKey !== state.baseKey;
  const started = performance.now();
  document.body.classList.add("busy");
  $("status").className = "";
  $("status").textContent = t().running;
  let response;
  try {
    response = await fetch("/api/run", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify(settings(withBase)), signal: controller.signal,
    });
  } catch (e) {
    return; // aborted by a newer request
  }
  if (controller !== state.controller) return;
  const body = await response.json();
  if (controller !== state.controller || response.status === 409) return;
  document.body.classList.remove("busy");
  state.problems = {};
  if (!response.ok) {
    let general = [];
    for (const f of body.fields || []) {
      if (f.control) state.problems[f.control] = [state.problems[f.control], f.message].filter(Boolean).join("\n");
      else general.push(f.message);
    }
    if (!(body.fields || []).length || general.length) general = [body.error];
    showProblems();
    $("status").className = "bad";
    $("status").textContent = general.filter(Boolean).length ? general.join(" ") : t().failed;
    return;
  }
  if (withBase) { state.base = body.base; state.baseKey = baseKey; }
  state.now = body.now;
  showProblems();
  renderFigures();
  const ms = Math.round(performance.now() - started);
  $("status").textContent = t().done(fmt(body.now.summary.paths, 0), ms);
  $("status").dataset.ms = ms;
}

function showProblems() {
  for (const p of document.querySelectorAll(".problem")) {
    p.textContent = state.problems[p.id.slice(2)] || "";
  }
}

/// The key figures, charts and burdens, each beside the fund's as loaded.
function renderFigures() {
  const now = state.now;
  const base = state.base;
  if (!now || !base) return;
  const s = t();
  const summary = now.summary;
  const last = summary.start_year + summary.years - 1;
  // One figure: its text now, and as loaded when it differs.
  const cell = (f, d, key) => {
    const td = el("td");
    const a = f(now.summary, d);
    const b = base.summary.designs[d] ? f(base.summary, d) : null;
    td.append(el("span", { textContent: a.text, className: b && b.text !== a.text ? "moved" : "" }));
    td.dataset.key = key;
    td.dataset.design = d;
    if (a.value !== undefined) td.dataset.value = a.value;
    if (b) td.append(el("span", { className: "was", textContent: b.text }));
    return td;
  };
  const figures = [
    [s.risk, "p_depleted_ever", (m, d) => ({ text: pct(m.designs[d].p_depleted_ever), value: m.designs[d].p_depleted_ever })],
    [s.finalCash(last), "final_cash.p50", (m, d) => ({ text: mnkr(m.designs[d].final_cash.p50), value: m.designs[d].final_cash.p50 })],
    [s.recycled, "recycled_share", (m, d) => (m.designs[d].model === "budget" ? { text: s.notApplicable }
      : { text: pct(m.designs[d].recycled_share) + " · " + pct(m.designs[d].recycled_share_lifetime), value: m.designs[d].recycled_share })],
    [s.netSaving(summary.start_year), "net_saving_lifetime.p50", (m, d) => ({ text: mnkr(m.designs[d].net_saving_lifetime.p50), value: m.designs[d].net_saving_lifetime.p50 })],
    [s.chancePositive, "p_net_saving_lifetime_positive", (m, d) => ({ text: pct(m.designs[d].p_net_saving_lifetime_positive), value: m.designs[d].p_net_saving_lifetime_positive })],
    [s.largestBurden, "largest_burden", largest],
  ];
  const designs = summary.designs.map((d, i) => i);
  $("key").replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { textContent: "" }), ...designs.map((d) => el("th", { textContent: summary.designs[d].name })))),
    el("tbody", {}, ...figures.map(([label, key, f]) => el("tr", {}, el("th", { textContent: label }), ...designs.map((d) => cell(f, d, key))))));
  renderCharts(now, base);
  $("burden").replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { textContent: s.unit }), ...designs.map((d) => el("th", { textContent: summary.designs[d].name })))),
    el("tbody", {}, ...summary.units.map((u, i) => el("tr", {}, el("th", { textContent: u.name }),
      ...designs.map((d) => cell((m, d) => {
        const b = m.designs[d].units[i].burden_total.p50;
        return { text: `${mnkr(b)} · ${fmt(100 * b / u.frame, 1)} %`, value: b };
      }, d, "burden." + u.id))))));
}

/// The förvaltning with the largest median burden over the period, as the report names it.
function largest(m, d) {
  const units = m.designs[d].units.map((u, i) => ({ p50: u.burden_total.p50, unit: m.units[i] }));
  const top = units.reduce((a, b) => (b.p50 > a.p50 ? b : a), units[0]);
  if (!top || top.p50 < 0.05) return { text: t().noBurden };
  return { text: `${top.unit.name}: ${mnkr(top.p50)} · ${fmt(100 * top.p50 / top.unit.frame, 1)} %`, value: top.p50 };
}

function renderCharts(now, base) {
  const s = t();
  const title = (c) => (c.kind === "fund" ? s.fundChart(now.summary.designs[c.design].name)
    : c.kind === "depletion" ? s.depletionChart : s.burdenChart);
  const image = (svg) => el("img", { src: "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg), alt: "" });
  const order = { depletion: 0, "burden-by-design": 1, fund: 2 };
  const charts = [...now.charts].sort((a, b) => order[a.kind] - order[b.kind]);
  $("charts").replaceChildren(...charts.map((c) => {
    const was = base.charts.find((b) => b.kind === c.kind && b.design === c.design);
    const mine = el("div", {}, el("small", { textContent: s.now }), image(c.svg));
    const pair = el("div", { className: "pair" }, mine,
      was ? el("div", { className: "base" }, el("small", { textContent: s.loaded }), image(was.svg)) : null);
    const figure = el("figure", {}, el("figcaption", { textContent: title(c) }), pair);
    figure.dataset.chart = c.kind + (c.design === null ? "" : "-" + c.design);
    return figure;
  }));
}

async function download() {
  const response = await fetch("/api/toml", {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(settings(false)),
  });
  if (!response.ok) {
    $("status").className = "bad";
    $("status").textContent = (await response.json()).error;
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const a = el("a", { href: url, download: state.fund.id + "-changed.toml" });
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

start();
