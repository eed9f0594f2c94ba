// The live page's figures: the key figures as a table (a card per design on a phone), the
// chosen chart and the burdens per nämnd, each with the fund as loaded in grey. The server
// chooses and names the key figures; chart.js draws.
"use strict";

/// The key figures, the chart and the burdens, each with the fund's as loaded.
function renderFigures() {
  const now = state.now;
  const base = state.base;
  if (!now || !base) return;
  window.sifsimDrawn.push(now.summary.paths);
  const s = t();
  const summary = now.summary;
  const designs = summary.designs.map((d, i) => i);
  const rows = keyRows(now, base);
  $("key").replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { textContent: s.design }), ...designs.map((d) => el("th", { textContent: summary.designs[d].name })))),
    el("tbody", {}, ...rows.map((r) => el("tr", { className: r.under ? "under" : "" },
      el("th", { textContent: r.label, title: r.title || "" }),
      ...designs.map((d) => figure(r.now[d], r.base[d], r.key, d))))));
  $("cards").replaceChildren(...designs.map((d) => el("section", { className: "card" },
    el("h3", { textContent: summary.designs[d].name }),
    el("dl", {}, ...rows.flatMap((r) => [el("dt", { textContent: r.label }), el("dd", {}, ...cell(r.now[d], r.base[d]))])))));
  $("comparisons").replaceChildren(...now.comparisons.map((text) => el("li", { textContent: text })));
  renderTabs();
  renderChart();
  renderExamples(summary);
  // A table of the nämnder by design: what `read` makes of a nämnd's figures in a design.
  const byUnit = (table, read) => $(table).replaceChildren(
    el("thead", {}, el("tr", {}, el("th", { textContent: s.unit }), ...designs.map((d) => el("th", { textContent: summary.designs[d].name })))),
    el("tbody", {}, ...summary.units.map((u, i) => el("tr", {}, el("th", { textContent: u.name }),
      ...designs.map((d) => figure(read(now.summary.designs[d].units[i], u), base.summary.designs[d] && read(base.summary.designs[d].units[i], u), `${table}.${u.id}`, d))))));
  byUnit("burden", (x, u) => {
    const b = x.burden_total.p50;
    return { text: `${mnkr(b)} · ${pct(b / u.frame, 1)}`, value: b };
  });
  byUnit("deficit", (x) => ({ text: pct(x.p_any_year_tipped, 1), value: x.p_any_year_tipped }));
}

/// The rows of the key figures, as the server chose and named them, and the förvaltning each
/// design singles out: per design `{ text, value }` now and as loaded.
function keyRows(now, base) {
  const s = t();
  const text = (quantity, v) => (quantity === "mnkr" ? mnkr(v.p50) : quantity === "count" ? fmt(v, 1) : pct(v));
  const rows = now.key.map((k, i) => {
    const was = base.key[i];
    const read = (v) => (v === undefined ? null : { text: text(k.quantity, v), value: k.quantity === "mnkr" ? v.p50 : v });
    const label = k.quantity === "mnkr" ? `${k.short}, ${s.median}` : k.short;
    return { key: k.key + (k.quantity === "mnkr" ? ".p50" : ""), label, title: k.name, under: k.under,
      now: k.values.map(read), base: now.summary.designs.map((d, j) => (was && base.summary.designs[j] ? read(was.values[j]) : null)) };
  });
  rows.push({ key: "largest_burden", label: s.largestBurden, now: now.summary.designs.map((d, j) => singledOut(now, j)),
    base: now.summary.designs.map((d, j) => (base.summary.designs[j] ? singledOut(base, j) : null)) });
  return rows;
}

/// One figure of design `d`: its text now (`a`) and, where it differs, as loaded (`b`) in grey.
function figure(a, b, key, d) {
  const td = el("td", {}, ...cell(a, b));
  td.dataset.key = key;
  td.dataset.design = d;
  if (a.value !== undefined) td.dataset.value = a.value;
  return td;
}

/// A figure now, and as loaded in grey where it reads differently.
function cell(a, b) {
  const moved = b && b.text !== a.text;
  return [el("span", { textContent: a.text, className: moved ? "moved" : "" }), moved ? el("span", { className: "was", textContent: b.text }) : null];
}

/// The förvaltning the design singles out, as the server chose it (MODEL.md 7.4).
function singledOut(figures, d) {
  const i = figures.singled_out[d];
  const unit = i === null ? null : figures.summary.designs[d].units[i];
  if (!unit) return { text: t().noBurden };
  const name = figures.summary.units[i].name;
  return { text: `${name}: ${pct(unit.p_any_year_tipped)} · ${mnkr(unit.burden_total.p95)}`, value: unit.p_any_year_tipped };
}

/// The charts, by tab: its id and the key of its name.
const CHARTS = [["balance", "tabBalance"], ["risk", "tabRisk"], ["burden", "tabBurden"], ["result", "tabResult"], ["compare", "tabCompare"]];

function renderTabs() {
  const s = t();
  $("tabs").replaceChildren(...CHARTS.map(([id, name]) => {
    const tab = el("button", { type: "button", id: "tab-" + id, textContent: s[name] });
    tab.setAttribute("role", "tab");
    tab.setAttribute("aria-selected", String(id === state.chart));
    tab.addEventListener("click", () => { state.chart = id; remember(); renderTabs(); renderChart(); });
    return tab;
  }));
}

/// The chosen chart at the width it is shown: as tall as the first screen leaves on a
/// projector, in proportion on a narrower screen.
function renderChart() {
  const now = state.now;
  const base = state.base;
  if (!now || !base) return;
  const s = t();
  const box = $("chart-drawing");
  const width = Math.max(280, Math.floor(box.clientWidth || $("results").clientWidth - 18));
  // Below the chart: its caption, one line.
  const room = innerHeight - box.getBoundingClientRect().top - scrollY - 40;
  const height = matchMedia("(min-width: 1200px)").matches ? Math.max(240, Math.min(room, width * 0.55)) : Math.round(width * 0.7);
  const summary = now.summary;
  const years = summary.designs.length ? now.years[0].cash_p50.map((_, i) => summary.start_year + i) : [];
  const colour = (d) => PALETTE[d % PALETTE.length];
  const loaded = (d) => base.summary.designs[d] ? base.years[d] : null;
  const money = (v) => fmt(v, Math.abs(v) < 10 && v !== 0 ? 1 : 0);
  const lines = (name, band) => summary.designs.map((_, d) => ({
    colour: colour(d), line: now.years[d][name + (band ? "_p50" : "")],
    band: band ? [now.years[d][name + "_p5"], now.years[d][name + "_p95"]] : null,
    base: loaded(d) && loaded(d)[name + (band ? "_p50" : "")],
  }));
  let drawing;
  let caption;
  if (state.chart === "risk") {
    drawing = lineChart(width, height, years, lines("p_depleted_by", false), (v) => pct(v));
    caption = s.chartRisk;
  } else if (state.chart === "result") {
    drawing = lineChart(width, height, years, lines("result_effect", true), money);
    caption = s.chartResult;
  } else if (state.chart === "burden") {
    const groups = summary.units.map((u, i) => ({ label: u.name, bars: summary.designs.map((d, j) => ({
      colour: colour(j), value: d.units[i].burden_total.p50,
      base: base.summary.designs[j] ? base.summary.designs[j].units[i].burden_total.p50 : null })) }));
    drawing = barChart(width, groups, money);
    caption = s.chartBurden;
  } else if (state.chart === "compare") {
    const keys = ["budget_effect_lifetime", "net_saving_lifetime"];
    const rows = [];
    const headings = [];
    for (const key of keys) {
      const k = now.key.find((r) => r.key === key);
      const b = base.key.find((r) => r.key === key);
      if (!k) continue;
      headings.push({ at: rows.length, text: k.short });
      summary.designs.forEach((d, j) => rows.push({ label: d.name, colour: colour(j), ...k.values[j], base: b && base.summary.designs[j] ? b.values[j] : null }));
    }
    drawing = rangeChart(width, rows, headings, money);
    caption = s.chartCompare;
  } else {
    drawing = lineChart(width, height, years, lines("cash", true), money);
    caption = s.chartBalance;
  }
  drawing.dataset.chart = state.chart;
  box.replaceChildren(drawing);
  $("chart-caption").textContent = caption;
  $("legend").replaceChildren(...summary.designs.map((d, j) => {
    const item = el("span", { textContent: d.name });
    item.style.setProperty("--swatch", colour(j));
    return item;
  }), el("span", { className: "loaded", textContent: s.chartLoaded }));
}
