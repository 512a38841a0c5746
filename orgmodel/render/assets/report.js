/* orgmodel HTML report: pan and zoom, search, role details, findings, branch focus.
 * Every text from the org reaches the page through textContent (the el helper),
 * never as markup; the page's Content-Security-Policy allows this script alone. */
(function () {
  "use strict";
  const data = JSON.parse(document.querySelector('script[data-orgmodel="data"]').textContent);
  const ui = (name) => document.querySelector('[data-ui="' + name + '"]');
  const chart = ui("chart");
  const svg = chart.querySelector("svg");
  const SVG_NS = "http://www.w3.org/2000/svg";
  const MAX_SCALE = 3; // screen pixels per chart unit, at the closest
  const DASH_SPAN = 3000; // chart units over which a dashed line's pattern repeats at most as written
  const SEVERITIES = ["error", "warning", "info"];

  /* ---- Small helpers ---- */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (key === "class") node.className = value;
      else if (key === "onclick") node.addEventListener("click", value);
      else if (value !== null && value !== undefined && value !== false) node.setAttribute(key, value);
    }
    return fill(node, children, false);
  }
  function fill(node, children, replace) { // children: nodes, strings or nested lists; null and false are skipped
    const flat = children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false);
    if (replace !== false) node.replaceChildren();
    node.append(...flat.map((child) => (typeof child === "number" ? String(child) : child)));
    return node;
  }
  const plural = (n, word) => n + " " + word + (n === 1 ? "" : "s");

  /* ---- The chart's parts, indexed once ---- */
  const roles = new Map(data.roles.map((role) => [role.id, role]));
  const nodes = new Map(); // role ID -> its <g class="node">
  const parts = []; // [element, role IDs it joins] for every other node, edge and cluster
  const titleOf = (g) => (g.querySelector(":scope > title") || { textContent: "" }).textContent;
  function ownerOf(name) { // a role's ID, or the role a helper node belongs to ("mgr.stack.0.1" -> "mgr")
    let id = name;
    while (!roles.has(id) && id.includes(".")) id = id.slice(0, id.lastIndexOf("."));
    return roles.has(id) ? id : null;
  }
  for (const g of svg.querySelectorAll("g.node")) {
    if (roles.has(g.id) && !nodes.has(g.id)) nodes.set(g.id, g);
    else parts.push([g, [ownerOf(titleOf(g))]]);
  }
  for (const g of svg.querySelectorAll("g.edge")) parts.push([g, titleOf(g).split("->").map(ownerOf)]);
  const clusters = [...svg.querySelectorAll("g.cluster")];
  const search = roles.size ? new Map(data.roles.map((r) => [r.id, [r.id, r.title, r.person || "", r.team || "",
    data.teams[r.team] || ""].join("\n").toLowerCase()])) : new Map();

  /* ---- Long dashed lines (dotted-line managers, team boxes across a wide chart) ----
   * Chromium dashes a whole path each time it paints any of it: a few lines that
   * cross a 2,000-role chart took seconds a frame. Stretching the pattern of paths
   * longer than DASH_SPAN bounds the dashes per line; the line stays dashed. */
  for (const shape of svg.querySelectorAll("[stroke-dasharray]")) {
    if (shape.getTotalLength && shape.getTotalLength() > DASH_SPAN) shape.setAttribute("pathLength", String(DASH_SPAN));
  }

  /* ---- Geometry: boxes in the SVG's own units, cached (they never change) ---- */
  const boxes = new Map();
  const SHAPES = "path, polygon, polyline, ellipse, rect";
  function merge(a, b) {
    if (!a) return b;
    const x = Math.min(a.x, b.x), y = Math.min(a.y, b.y);
    return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
  }
  function boxOf(element) {
    if (boxes.has(element)) return boxes.get(element);
    // A group's box is its shapes' box: Chromium's box of SVG text can reach far above the glyphs.
    // Graphviz puts no transform inside a group, so one matrix serves all its shapes.
    const m = svg.getScreenCTM().inverse().multiply(element.getScreenCTM());
    const shapes = element.matches("g") ? [...element.querySelectorAll(SHAPES)] : [];
    let box = null;
    for (const shape of shapes.length ? shapes : [element]) {
      const b = shape.getBBox();
      const xs = [b.x * m.a + b.y * m.c + m.e, (b.x + b.width) * m.a + (b.y + b.height) * m.c + m.e];
      const ys = [b.x * m.b + b.y * m.d + m.f, (b.x + b.width) * m.b + (b.y + b.height) * m.d + m.f];
      box = merge(box, { x: Math.min(...xs), y: Math.min(...ys), w: Math.abs(xs[1] - xs[0]), h: Math.abs(ys[1] - ys[0]) });
    }
    boxes.set(element, box);
    return box;
  }
  function union(elements) {
    let box = null;
    for (const element of elements) box = merge(box, boxOf(element));
    return box;
  }

  /* ---- Pan and zoom: a CSS transform of the SVG, one chart unit a pixel at scale 1.
   * Changing the viewBox instead would lay out and paint every card again (seconds
   * for 2,000 roles); a transform only re-rasters, and while the chart moves it is
   * a composited layer (will-change), sharpened again once it rests. ---- */
  const base = svg.viewBox.baseVal;
  const home = { x: base.x, y: base.y, w: base.width, h: base.height };
  let view = { ...home }; // the part of the chart shown, in its own units, at the area's aspect
  let frame = 0, resting = 0;
  svg.style.width = home.w + "px";
  svg.style.height = home.h + "px";
  function apply() {
    frame = 0;
    const s = area().w / view.w;
    svg.style.transform = "translate(" + ((home.x - view.x) * s).toFixed(2) + "px, " + ((home.y - view.y) * s).toFixed(2) + "px) scale(" + s.toFixed(6) + ")";
  }
  function show(next, moving) {
    view = next;
    if (!frame) frame = requestAnimationFrame(apply);
    if (moving) { // while the reader drags or zooms, move the picture already drawn
      svg.style.willChange = "transform";
      clearTimeout(resting);
      resting = setTimeout(() => { svg.style.willChange = "auto"; }, 250);
    }
  }
  function area() { return { w: Math.max(chart.clientWidth, 1), h: Math.max(chart.clientHeight, 1) }; }
  function framed(box, margin) { // a view showing box (plus a margin), at the area's aspect, not too close
    const a = area(), ratio = a.w / a.h;
    let w = box.w + 2 * margin, h = box.h + 2 * margin;
    if (w / h < ratio) w = h * ratio; else h = w / ratio;
    if (w < a.w / MAX_SCALE) { w = a.w / MAX_SCALE; h = w / ratio; }
    return { x: box.x + box.w / 2 - w / 2, y: box.y + box.h / 2 - h / 2, w, h };
  }
  function fit() { show(framed(focusRoot ? union(branchNodes()) || home : home, 10)); }
  function zoomAt(factor, clientX, clientY) {
    const rect = chart.getBoundingClientRect(), a = area();
    const limits = [a.w / MAX_SCALE, Math.max(home.w, home.h * a.w / a.h) * 4];
    const w = Math.min(Math.max(view.w / factor, limits[0]), limits[1]);
    const k = view.w / w;
    const px = view.x + ((clientX - rect.left) / rect.width) * view.w;
    const py = view.y + ((clientY - rect.top) / rect.height) * view.h;
    show({ x: px - (px - view.x) / k, y: py - (py - view.y) / k, w, h: view.h / k }, true);
  }
  function zoomCentre(factor) {
    const rect = chart.getBoundingClientRect();
    zoomAt(factor, rect.left + rect.width / 2, rect.top + rect.height / 2);
  }
  function panBy(dx, dy) { // in screen pixels
    const s = view.w / area().w;
    show({ ...view, x: view.x - dx * s, y: view.y - dy * s }, true);
  }
  chart.addEventListener("wheel", (event) => {
    event.preventDefault();
    const mouse = event.deltaMode !== 0 || (event.deltaX === 0 && Math.abs(event.deltaY) >= 50);
    if (event.ctrlKey || event.metaKey || mouse) zoomAt(Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015)), event.clientX, event.clientY);
    else panBy(-event.deltaX, -event.deltaY); // a trackpad's two-finger scroll
  }, { passive: false });
  const pointers = new Map();
  let moved = 0, pinch = 0, pressed = null; // pressed: the card a press began on
  chart.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) { moved = 0; pressed = event.target.closest("g.node"); }
  });
  chart.addEventListener("pointermove", (event) => {
    const last = pointers.get(event.pointerId);
    if (!last) return;
    const dx = event.clientX - last.x, dy = event.clientY - last.y;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    moved += Math.abs(dx) + Math.abs(dy);
    if (moved > 6 && !chart.hasPointerCapture(event.pointerId)) { chart.setPointerCapture(event.pointerId); chart.classList.add("om-dragging"); }
    if (pointers.size === 1) { panBy(dx, dy); return; }
    const [a, b] = [...pointers.values()];
    const distance = Math.hypot(a.x - b.x, a.y - b.y);
    if (pinch) zoomAt(distance / pinch, (a.x + b.x) / 2, (a.y + b.y) / 2);
    pinch = distance;
  });
  function release(event) {
    if (!pointers.delete(event.pointerId)) return;
    if (pointers.size < 2) pinch = 0;
    if (pointers.size) return;
    chart.classList.remove("om-dragging");
    // A press and release without a drag on a card selects it (a drag's end is no click).
    if (event.type === "pointerup" && moved <= 6 && pressed && nodes.get(pressed.id) === pressed) select(pressed.id, { zoom: false });
    pressed = null;
  }
  chart.addEventListener("pointerup", release);
  chart.addEventListener("pointercancel", release);
  chart.addEventListener("keydown", (event) => {
    const keys = { "+": () => zoomCentre(1.25), "=": () => zoomCentre(1.25), "-": () => zoomCentre(0.8), "0": fit,
      ArrowLeft: () => panBy(80, 0), ArrowRight: () => panBy(-80, 0), ArrowUp: () => panBy(0, 80), ArrowDown: () => panBy(0, -80) };
    if (keys[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey) { keys[event.key](); event.preventDefault(); }
  });
  document.querySelector('[data-action="zoom-in"]').addEventListener("click", () => zoomCentre(1.4));
  document.querySelector('[data-action="zoom-out"]').addEventListener("click", () => zoomCentre(1 / 1.4));
  document.querySelector('[data-action="fit"]').addEventListener("click", fit);
  new ResizeObserver(() => { if (chart.clientWidth) show(framed(view, 0)); }).observe(chart);

  /* ---- Rings drawn over cards (the chart's own shapes are never changed) ---- */
  const overlay = document.createElementNS(SVG_NS, "g");
  overlay.setAttribute("class", "om-overlay");
  svg.append(overlay);
  function ring(id, kind) {
    const b = boxOf(nodes.get(id)), r = document.createElementNS(SVG_NS, "rect");
    const pad = kind === "om-hit" ? 3 : 5;
    for (const [k, v] of Object.entries({ x: b.x - pad, y: b.y - pad, width: b.w + 2 * pad, height: b.h + 2 * pad, rx: 8 })) r.setAttribute(k, v);
    r.setAttribute("class", "om-ring " + kind);
    overlay.append(r);
  }
  function redrawRings() {
    overlay.replaceChildren();
    const shown = (id) => nodes.has(id) && (!focusRoot || branch.has(id));
    if (matches.length <= 300) matches.filter(shown).forEach((id) => ring(id, "om-hit"));
    if (selected && shown(selected)) ring(selected, "om-selected");
  }

  /* ---- Focus on a branch ---- */
  let focusRoot = null, branch = new Set();
  function below(id) { // the role and everyone under it by solid lines (a cycle is walked once)
    const seen = new Set([id]), queue = [id];
    while (queue.length) for (const child of (roles.get(queue.shift()) || { reports: [] }).reports) if (!seen.has(child)) { seen.add(child); queue.push(child); }
    return seen;
  }
  const branchNodes = () => [...branch].filter((id) => nodes.has(id)).map((id) => nodes.get(id));
  let members = null; // the roles inside each team box, measured once, before anything is hidden
  function inside(n, b) { return n.x >= b.x && n.x + n.w <= b.x + b.w && n.y >= b.y && n.y + n.h <= b.y + b.h; }
  function focusBranch(id) { // what the buttons do: a branch is shown whole, not dimmed by an old search
    if (input.value) { input.value = ""; runSearch(); }
    focus(id);
  }
  function focus(id) {
    if (!members) {
      nodes.forEach((g) => boxOf(g));
      members = clusters.map((c) => [...nodes].filter(([, g]) => inside(boxOf(g), boxOf(c))).map(([rid]) => rid));
    }
    focusRoot = id && roles.has(id) ? id : null;
    branch = focusRoot ? below(focusRoot) : new Set();
    const hide = (ids) => focusRoot !== null && !ids.every((rid) => rid !== null && branch.has(rid));
    for (const [rid, g] of nodes) g.classList.toggle("om-out", hide([rid]));
    for (const [g, ids] of parts) g.classList.toggle("om-out", hide(ids));
    clusters.forEach((c, i) => c.classList.toggle("om-out", focusRoot !== null && !members[i].some((rid) => branch.has(rid))));
    crumbs();
    redrawRings();
    fit();
  }
  function chain(id) { // the top first, down to id (stops at a cycle)
    const path = [], seen = new Set();
    for (let at = id; at && roles.has(at) && !seen.has(at); at = roles.get(at).managers[0]) { seen.add(at); path.unshift(at); }
    return path;
  }
  function crumbs() {
    const bar = ui("crumbs");
    if (!focusRoot) { fill(bar, []); return; }
    const items = [el("button", { type: "button", onclick: () => focusBranch(null) }, "Whole org")];
    for (const id of chain(focusRoot)) {
      items.push(" › ");
      items.push(id === focusRoot ? el("span", { "aria-current": "true" }, roles.get(id).title + " (" + plural(branch.size, "role") + ")")
        : el("button", { type: "button", onclick: () => focusBranch(id) }, roles.get(id).title));
    }
    fill(bar, items);
  }

  /* ---- Search ---- */
  let matches = [];
  const input = ui("search"), results = ui("results");
  function runSearch() {
    const terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const previous = matches;
    matches = terms.length ? data.roles.filter((r) => terms.every((t) => search.get(r.id).includes(t))).map((r) => r.id) : [];
    previous.forEach((id) => nodes.has(id) && nodes.get(id).classList.remove("om-match"));
    matches.forEach((id) => nodes.has(id) && nodes.get(id).classList.add("om-match"));
    svg.classList.toggle("om-searching", terms.length > 0);
    ui("search-count").textContent = terms.length ? matches.length + (matches.length === 1 ? " match" : " matches") : "";
    if (focusRoot && matches.some((id) => !branch.has(id))) focus(null);
    const drawn = matches.filter((id) => nodes.has(id)).map((id) => nodes.get(id));
    if (drawn.length) show(framed(union(drawn), 30));
    listResults(terms.length > 0);
    redrawRings();
  }
  function listResults(open) {
    const shown = matches.slice(0, 50);
    const items = shown.map((id) => { const r = roles.get(id);
      return el("li", {}, el("button", { type: "button", "data-role": id, onclick: () => { select(id, { zoom: true }); results.hidden = true; } },
        el("strong", {}, r.title), " · ", r.vacant ? "Vacant" : r.person || "no person named", " · ", el("code", {}, id))); });
    if (matches.length > shown.length) items.push(el("li", { class: "om-muted" }, "and " + (matches.length - shown.length) + " more, highlighted on the chart"));
    if (open && !matches.length) items.push(el("li", { class: "om-muted" }, "No role matches."));
    fill(results, items);
    results.hidden = !open;
  }
  let searchTimer = 0;
  input.addEventListener("input", () => { clearTimeout(searchTimer); searchTimer = setTimeout(runSearch, data.roles.length > 500 ? 180 : 60); });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter") { clearTimeout(searchTimer); runSearch(); if (matches.length === 1) select(matches[0], { zoom: true }); }
    if (event.key === "Escape") { input.value = ""; runSearch(); chart.focus(); }
    if (event.key === "ArrowDown" && !results.hidden) { const first = results.querySelector("button"); if (first) { first.focus(); event.preventDefault(); } }
  });
  document.addEventListener("click", (event) => { if (!event.target.closest(".om-search")) results.hidden = true; });
  input.addEventListener("focus", () => { if (input.value.trim()) results.hidden = false; });
  document.addEventListener("keydown", (event) => {
    if (event.key === "/" && !/^(INPUT|SELECT|TEXTAREA)$/.test(document.activeElement.tagName)) { event.preventDefault(); input.focus(); }
  });

  /* ---- Views and tabs ---- */
  function view_(name) {
    document.querySelectorAll("[data-view]").forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === name)));
    document.querySelectorAll("[data-view-panel]").forEach((p) => { p.hidden = p.dataset.viewPanel !== name; });
  }
  function tab(name) {
    document.querySelectorAll("[data-tab]").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.tab === name)));
    document.querySelectorAll("[data-tab-panel]").forEach((p) => { p.hidden = p.dataset.tabPanel !== name; });
  }
  document.querySelectorAll("[data-view]").forEach((b) => b.addEventListener("click", () => view_(b.dataset.view)));
  document.querySelectorAll("[data-tab]").forEach((b) => b.addEventListener("click", () => tab(b.dataset.tab)));

  /* ---- The role panel ---- */
  let selected = null;
  const roleLink = (id) => roles.has(id) ? el("button", { type: "button", class: "om-link", "data-role": id, onclick: () => select(id, { zoom: true }) }, roles.get(id).title + " (" + id + ")")
    : el("span", {}, id + " (not declared)");
  const links = (ids) => ids.length ? el("ul", { class: "om-list" }, ids.map((id) => el("li", {}, roleLink(id)))) : el("span", { class: "om-muted" }, "none");
  const origin = (fact) => el("span", { class: "om-tag om-" + fact.origin }, fact.origin === "none" ? "not given" : fact.origin);
  function facts(rows) {
    return el("dl", { class: "om-facts" }, rows.filter(Boolean).flatMap(([label, value]) => [el("dt", {}, label), el("dd", {}, value)]));
  }
  function findingCard(f, current) {
    const rule = data.rules[f.code];
    const source = data.source[String(f.line)];
    return el("div", { class: "om-finding" + (current ? " om-current" : ""), "data-code": f.code },
      el("p", {}, el("span", { class: "om-sev om-" + f.severity }, f.severity), " ", el("strong", {}, f.code), rule ? " " + rule.name : ""),
      el("p", {}, f.message),
      el("p", { class: "om-muted" }, "Line " + f.line + ", column " + f.column + " of " + data.org.path + ":"),
      source !== undefined ? el("code", { class: "om-source" }, source) : null,
      rule ? el("details", {}, el("summary", {}, "Why this rule"), el("p", {}, rule.summary), el("p", {}, "Why: " + rule.why),
        el("p", {}, "Principle: “" + rule.principle + "”"), el("p", {}, "Source: " + rule.source + " (" + rule.sourceFile + ")"),
        el("p", {}, "Fix: " + rule.fix)) : null);
  }
  const findingsOf = new Map();
  data.findings.forEach((f) => { if (f.on === "role") { if (!findingsOf.has(f.entity)) findingsOf.set(f.entity, []); findingsOf.get(f.entity).push(f); } });
  function showRole(id, current) {
    const r = roles.get(id);
    const kpis = r.kpis.map((k) => { const kpi = data.kpis[k]; return el("li", {}, kpi.name + " (" + k + ")" + (kpi.scope ? ", " + kpi.scope : "") + (kpi.target ? ", target " + kpi.target : "")); });
    const campaigns = r.campaigns.map((c) => el("li", {}, data.campaigns[c].name + " (" + c + ")"));
    const owns = r.owns.map((duty) => el("li", {}, duty, data.exclusive.includes(duty) ? el("span", { class: "om-tag" }, "exclusive") : null));
    const found = findingsOf.get(id) || [];
    const panel = document.querySelector('[data-tab-panel="role"]');
    fill(panel, [
      el("h2", {}, r.title),
      el("p", { class: "om-muted" }, r.vacant ? "Vacant" : r.person || "No person named", " · ", el("code", {}, id), " · line " + r.line),
      el("div", { class: "om-actions" },
        nodes.has(id) ? el("button", { type: "button", "data-action": "zoom-role", onclick: () => show(framed(boxOf(nodes.get(id)), 120)) }, "Zoom to card") : el("span", { class: "om-muted" }, "Not drawn on this chart"),
        r.reports.length ? el("button", { type: "button", "data-action": "focus", onclick: () => focusBranch(id) }, "Show only this branch") : null,
        focusRoot ? el("button", { type: "button", onclick: () => focusBranch(null) }, "Whole org") : null),
      facts([["Level", [r.level.text, origin(r.level)]], ["Layer", [r.layer.text, origin(r.layer)]],
        ["Team", r.team ? (data.teams[r.team] || "not declared") + " (" + r.team + ")" : "none"],
        ["Depth", r.depth ? "layer " + r.depth + " of the tree (a top is 1)" : "not placed (no top above it)"],
        ["Span", r.span[0] + " solid, " + r.span[1] + " dotted" + (r.span[2] ? " (" + r.span[2] + ")" : "")],
        r.channels.length && ["Channels", r.channels.join(", ")], r.liaises.length && ["Liaises with", r.liaises.map((d) => data.departments[d] || d).join(", ")]]),
      el("h4", { "data-ui": "role-findings" }, plural(found.length, "finding")),
      found.length ? found.map((f) => findingCard(f, f === current)) : el("p", { class: "om-muted" }, "No findings on this role."),
      el("h4", {}, "Reports to"), links(r.managers),
      el("h4", {}, "Dotted line to"), links(r.dotted),
      r.dottedFrom.length ? [el("h4", {}, "Dotted lines from"), links(r.dottedFrom)] : null,
      el("h4", {}, "Direct reports (" + r.reports.length + ")"), links(r.reports),
      el("h4", {}, "Responsibilities"), owns.length ? el("ul", { class: "om-list" }, owns) : el("span", { class: "om-muted" }, "none"),
      el("h4", {}, "KPIs owned"), kpis.length ? el("ul", { class: "om-list" }, kpis) : el("span", { class: "om-muted" }, "none"),
      el("h4", {}, "Campaigns led"), campaigns.length ? el("ul", { class: "om-list" }, campaigns) : el("span", { class: "om-muted" }, "none")]);
    panel.scrollTop = 0;
  }
  function select(id, options) {
    if (!roles.has(id)) return;
    selected = id;
    if (focusRoot && !branch.has(id)) focus(null);
    showRole(id, options && options.finding);
    tab("role");
    view_("chart");
    redrawRings();
    if (options && options.zoom && nodes.has(id)) show(framed(boxOf(nodes.get(id)), 150));
  }

  /* ---- The findings list ---- */
  const list = ui("findings");
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, data.findings.filter((f) => f.severity === s).length]));
  const codes = [...new Set(data.findings.map((f) => f.code))].sort();
  const boxesFor = SEVERITIES.map((s) => el("label", {}, el("input", { type: "checkbox", "data-severity": s, checked: "" }), " " + plural(counts[s], s)));
  const codeSelect = el("select", { "data-ui": "code-filter", "aria-label": "Rule" }, el("option", { value: "" }, "every rule"),
    codes.map((c) => el("option", { value: c }, c + (data.rules[c] ? " " + data.rules[c].name : "") + " (" + data.findings.filter((f) => f.code === c).length + ")")));
  fill(ui("filters"), [boxesFor, codeSelect]);
  function where(f) {
    if (f.on === "role") return "role " + roles.get(f.entity).title + " (" + f.entity + ")";
    if (f.on === "kpi") return "KPI " + data.kpis[f.entity].name + " (" + f.entity + ")";
    if (f.on === "campaign") return "campaign " + data.campaigns[f.entity].name + " (" + f.entity + ")";
    if (f.on === "team" || f.on === "department") return f.on + " " + f.entity;
    return "the whole org";
  }
  const items = data.findings.map((f) => el("li", { "data-severity": f.severity, "data-code": f.code, "data-on": f.on },
    el("button", { type: "button", disabled: f.on === "role" ? null : "", "data-entity": f.entity, onclick: () => select(f.entity, { zoom: true, finding: f }) },
      el("span", { class: "om-sev om-" + f.severity }, f.severity), " ", el("strong", {}, f.code), " ", f.message,
      el("span", { class: "om-where" }, "Line " + f.line + " · " + where(f)))));
  fill(list, items);
  function filter() {
    const on = new Set([...document.querySelectorAll("[data-severity]:checked")].map((c) => c.dataset.severity));
    const code = codeSelect.value;
    let shown = 0;
    items.forEach((li) => { li.hidden = !(on.has(li.dataset.severity) && (!code || li.dataset.code === code)); shown += !li.hidden; });
    ui("shown").textContent = data.findings.length ? "Showing " + shown + " of " + plural(data.findings.length, "finding") + "." : "No findings: the org passes every rule.";
  }
  ui("filters").addEventListener("change", filter);
  filter();
  document.querySelector('[data-tab="findings"]').textContent = "Findings (" + data.findings.length + ")";

  /* ---- Printing: the whole chart (the stylesheet drops the transform), every finding, every figure ---- */
  window.addEventListener("beforeprint", () => document.querySelectorAll("details").forEach((d) => { d.dataset.wasOpen = d.open; d.open = true; }));
  window.addEventListener("afterprint", () => document.querySelectorAll("details").forEach((d) => { d.open = d.dataset.wasOpen === "true"; }));

  show(framed(home, 10));
  document.documentElement.dataset.ready = "true"; // for tests and scripts driving the page
})();
