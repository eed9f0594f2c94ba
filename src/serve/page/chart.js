// The live page's charts, drawn as SVG at the size they are shown, so that their text stays
// at reading size on a projector and a phone alike. Each chart draws the settings' figures in
// colour and the fund as loaded in grey inside the same chart. The page gives every word.
"use strict";

/// Okabe–Ito colours, which colour-blind readers tell apart; grey is the fund as loaded.
const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];
const GREY = "#8a8f98";
const FONT = 15;

const SVG = "http://www.w3.org/2000/svg";
function node(tag, attrs = {}, ...children) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

/// About `n` round values covering `lo..hi`.
function ticks(lo, hi, n) {
  if (!(hi > lo)) { hi = lo + 1; }
  const raw = (hi - lo) / n;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/// A frame of `width` × `height` with room for the axes' labels: its SVG, the plot's box and a
/// y scale over `lo..hi` with its grid and labels written by `format`.
function frame(width, height, lo, hi, format, left) {
  const box = { left, right: width - 16, top: 12, bottom: height - 34 };
  const values = ticks(lo, hi, Math.max(3, Math.round((box.bottom - box.top) / 40)));
  const [a, b] = [Math.min(lo, values[0]), Math.max(hi, values[values.length - 1])];
  const y = (v) => box.bottom - ((v - a) / (b - a || 1)) * (box.bottom - box.top);
  const svg = node("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "font-size": FONT });
  for (const v of values) {
    svg.append(node("line", { x1: box.left, x2: box.right, y1: y(v), y2: y(v), stroke: v === 0 ? "#555" : "#e3e6ea" }),
      node("text", { x: box.left - 6, y: y(v) + FONT / 3, "text-anchor": "end", fill: "#333" }, format(v)));
  }
  return { svg, box, y };
}

/// An x scale over `lo..hi` across `box`, its grid and labels (written by `format`) drawn
/// into `svg`.
function xScale(svg, box, lo, hi, format) {
  const marks = ticks(lo, hi, Math.max(3, Math.round((box.right - box.left) / 110)));
  const [a, b] = [Math.min(lo, marks[0]), Math.max(hi, marks[marks.length - 1])];
  const x = (v) => box.left + ((v - a) / (b - a || 1)) * (box.right - box.left);
  for (const v of marks) {
    svg.append(node("line", { x1: x(v), x2: x(v), y1: box.top, y2: box.bottom, stroke: v === 0 ? "#555" : "#e3e6ea" }),
      node("text", { x: x(v), y: box.bottom + FONT + 8, "text-anchor": "middle", fill: "#333" }, format(v)));
  }
  return x;
}

/// Lines over the years, each with an optional band, and the fund as loaded as grey dashed
/// lines: `series` of `{ colour, line, band: [low, high], base }`.
function lineChart(width, height, years, series, format) {
  const all = series.flatMap((s) => [...s.line, ...(s.band ? s.band.flat() : []), ...(s.base || [])]).filter(Number.isFinite);
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all, lo + 1e-9);
  const { svg, box, y } = frame(width, height, lo, hi, format, 64);
  const x = (i) => box.left + (years.length > 1 ? (i / (years.length - 1)) * (box.right - box.left) : 0);
  const path = (values) => values.map((v, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`).join("");
  const step = Math.max(1, Math.ceil(years.length / Math.max(2, Math.floor((box.right - box.left) / 70))));
  years.forEach((year, i) => {
    // Every `step`th year, and the last unless it would touch the one before.
    const last = i === years.length - 1 && (i % step) * (box.right - box.left) / Math.max(1, years.length - 1) >= 50;
    if (i % step === 0 || last) {
      svg.append(node("text", { x: x(i), y: box.bottom + FONT + 8, "text-anchor": "middle", fill: "#333" }, String(year)));
    }
  });
  for (const s of series) {
    if (s.band) {
      const [low, high] = s.band;
      const area = path(high) + low.map((v, i) => `L${x(low.length - 1 - i).toFixed(1)},${y(low[low.length - 1 - i]).toFixed(1)}`).join("") + "Z";
      svg.append(node("path", { d: area, fill: s.colour, "fill-opacity": 0.12, stroke: "none" }));
    }
  }
  for (const s of series) {
    if (s.base) svg.append(node("path", { d: path(s.base), fill: "none", stroke: GREY, "stroke-width": 2, "stroke-dasharray": "6 4" }));
  }
  for (const s of series) {
    svg.append(node("path", { d: path(s.line), fill: "none", stroke: s.colour, "stroke-width": 3 }));
  }
  return svg;
}

/// Horizontal bars in groups (a group per nämnd, a bar per design), each with the fund as
/// loaded as a grey tick: `groups` of `{ label, bars: [{ colour, value, base }] }`.
function barChart(width, groups, format) {
  const bar = 18;
  const per = Math.max(1, ...groups.map((g) => g.bars.length));
  const groupHeight = per * (bar + 3) + FONT + 14;
  const height = groups.length * groupHeight + 46;
  const values = groups.flatMap((g) => g.bars.flatMap((b) => [b.value, b.base])).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values, lo + 1e-9);
  const svg = node("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "font-size": FONT });
  const box = { left: 16, right: width - 70, top: 8, bottom: height - 34 };
  const x = xScale(svg, box, lo, hi, format);
  groups.forEach((g, i) => {
    const top = box.top + i * groupHeight;
    svg.append(node("text", { x: box.left, y: top + FONT, fill: "#1d2330", "font-weight": 600 }, g.label));
    g.bars.forEach((b, j) => {
      const y = top + FONT + 8 + j * (bar + 3);
      const [from, to] = [x(Math.min(0, b.value)), x(Math.max(0, b.value))];
      svg.append(node("rect", { x: from, y, width: Math.max(1, to - from), height: bar, fill: b.colour }),
        node("text", { x: to + 6, y: y + bar - 4, fill: "#333" }, format(b.value)));
      if (Number.isFinite(b.base)) {
        svg.append(node("line", { x1: x(b.base), x2: x(b.base), y1: y - 2, y2: y + bar + 2, stroke: GREY, "stroke-width": 3 }));
      }
    });
  });
  return svg;
}

/// A dot at the median and a line from the 5th to the 95th percentile per row, the fund as
/// loaded as a grey line beside it: `rows` of `{ label, colour, p5, p50, p95, base }`, grouped
/// under `headings` (`{ at: row index, text }`).
function rangeChart(width, rows, headings, format) {
  const row = 34;
  const height = rows.length * row + headings.length * (FONT + 16) + 46;
  const values = rows.flatMap((r) => [r.p5, r.p95, ...(r.base ? [r.base.p5, r.base.p95] : [])]).filter(Number.isFinite);
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values, lo + 1e-9);
  const labelWidth = Math.min(width * 0.4, 260);
  const svg = node("svg", { width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "font-size": FONT });
  const box = { left: labelWidth, right: width - 24, top: 8, bottom: height - 34 };
  const x = xScale(svg, box, lo, hi, format);
  let y = box.top;
  rows.forEach((r, i) => {
    for (const h of headings.filter((h) => h.at === i)) {
      y += FONT + 10;
      svg.append(node("text", { x: 8, y, fill: "#1d2330", "font-weight": 600 }, h.text));
      y += 6;
    }
    const mid = y + row / 2;
    svg.append(node("text", { x: 16, y: mid + FONT / 3, fill: "#333" }, clip(r.label, labelWidth - 24)));
    if (r.base) {
      svg.append(node("line", { x1: x(r.base.p5), x2: x(r.base.p95), y1: mid + 8, y2: mid + 8, stroke: GREY, "stroke-width": 3 }),
        node("circle", { cx: x(r.base.p50), cy: mid + 8, r: 4, fill: GREY }));
    }
    svg.append(node("line", { x1: x(r.p5), x2: x(r.p95), y1: mid - 3, y2: mid - 3, stroke: r.colour, "stroke-width": 4 }),
      node("circle", { cx: x(r.p50), cy: mid - 3, r: 7, fill: r.colour }));
    y += row;
  });
  return svg;
}

/// `text` cut with an ellipsis to about `width` pixels.
function clip(text, width) {
  const fits = Math.floor(width / (FONT * 0.55));
  return text.length > fits ? text.slice(0, Math.max(1, fits - 1)) + "…" : text;
}
