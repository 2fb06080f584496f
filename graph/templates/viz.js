// vnkg network page. Every text that came from an article is written with textContent or
// as an option value, never as HTML, so markup in a name shows as text and never runs.
(function () {
  "use strict";
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById("vnkg-data").textContent);
  var KINDS = data.kinds;
  var ready = { start: t0, drawn: null, stabilized: null, nodes: data.nodes.length, edges: data.edges.length };
  window.vnkgReady = ready;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function describe(n) {
    var box = el("div", "tip");
    box.appendChild(el("div", "t-name", n.label));
    var kind = KINDS[n.kind] ? KINDS[n.kind].label : n.kind;
    if (n.subtype) kind += " · " + n.subtype;
    box.appendChild(el("div", "t-kind", kind));
    if (n.name && n.name !== n.label) box.appendChild(el("div", null, "Name: " + n.name));
    if (n.province) box.appendChild(el("div", null, "Province: " + n.province));
    if (n.date) box.appendChild(el("div", null, "Date: " + n.date));
    if (n.posts && n.posts.length) {
      box.appendChild(el("div", null, n.kind === "person" ? "Posts:" : "Posts held here:"));
      var ul = el("ul");
      n.posts.slice(0, 8).forEach(function (p) { ul.appendChild(el("li", null, p)); });
      if (n.posts.length > 8) ul.appendChild(el("li", null, "… " + (n.posts.length - 8) + " more"));
      box.appendChild(ul);
    }
    if (n.evidence) {
      box.appendChild(el("blockquote", null, "“" + n.evidence + "”"));
      var src = "— " + (n.article_label || n.article);
      if (n.mentions > 1) src += " (and " + (n.mentions - 1) + " more article" + (n.mentions > 2 ? "s" : "") + ")";
      box.appendChild(el("div", "t-src", src));
    } else if (n.kind === "article" && n.url) {
      box.appendChild(el("div", "t-src", n.url));
    }
    box.appendChild(el("div", "t-iri", n.id));
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var copy = Object.assign({}, n);
    copy.title = describe(n);
    return copy;
  }));
  var edges = new vis.DataSet(data.edges);
  var state = { kinds: new Set(Object.keys(KINDS)), province: "" };
  var view = new vis.DataView(nodes, {
    filter: function (n) {
      return state.kinds.has(n.kind) && (!state.province || (n.provinces || []).indexOf(state.province) >= 0);
    }
  });
  var container = document.getElementById("graph");
  var network = new vis.Network(container, { nodes: view, edges: edges }, data.options);
  window.vnkg = { network: network, nodes: nodes, edges: edges, view: view, data: data, describe: describe };

  network.once("afterDrawing", function () {
    ready.drawn = performance.now();
    if (!data.options.physics.enabled) ready.stabilized = ready.drawn;
  });
  network.once("stabilizationIterationsDone", function () {
    if (ready.stabilized === null) ready.stabilized = performance.now();
  });
  network.on("stabilized", function () {
    if (ready.stabilized === null) ready.stabilized = performance.now();
  });
  if (data.focus && data.focus.length) {
    network.once("afterDrawing", function () { network.selectNodes(data.focus.filter(function (id) { return view.get(id); })); });
  }

  // vis keeps a tooltip up until the pointer moves over the canvas again: a tooltip of a node
  // the filters just hid stayed on screen. vis-network 9 has no public call for this.
  function hideTip() {
    var ih = network.interactionHandler;
    if (ih && ih.popup && typeof ih.popup.hide === "function") { ih.popupObj = undefined; ih.popup.hide(); }
  }
  container.addEventListener("mouseleave", hideTip);

  // details panel
  var details = document.getElementById("details");
  function show(id) {
    var n = nodes.get(id);
    details.replaceChildren();
    if (!n) return;
    details.appendChild(describe(n));
    var around = network.getConnectedNodes(id);
    details.appendChild(el("p", "note", around.length + " linked node" + (around.length === 1 ? "" : "s") + " in view"));
  }
  network.on("click", function (p) { if (p.nodes.length) show(p.nodes[0]); });

  // search
  var names = document.getElementById("names");
  var seen = new Set();
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label, "vi"); }).forEach(function (n) {
    if (seen.has(n.label)) return;
    seen.add(n.label);
    var o = document.createElement("option");
    o.value = n.label;
    names.appendChild(o);
  });
  function fold(s) { return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().trim(); }
  var search = document.getElementById("search"), note = document.getElementById("search-note");
  function find() {
    var q = fold(search.value);
    if (!q) return;
    var all = nodes.get();
    var hits = all.filter(function (n) { return fold(n.label) === q || fold(n.name) === q || n.id === search.value; });
    if (!hits.length) hits = all.filter(function (n) { return fold(n.label).indexOf(q) >= 0 || fold(n.name).indexOf(q) >= 0; });
    if (!hits.length) { note.textContent = "Nothing here is called that."; return; }
    var hidden = hits.filter(function (n) { return !view.get(n.id); });
    if (hidden.length === hits.length) { resetFilters(); }
    var ids = hits.filter(function (n) { return view.get(n.id); }).map(function (n) { return n.id; });
    network.selectNodes(ids);
    network.focus(ids[0], { scale: 1.2, animation: { duration: 400 } });
    show(ids[0]);
    note.textContent = ids.length === 1 ? "" : ids.length + " matches selected.";
  }
  search.addEventListener("change", find);
  search.addEventListener("keydown", function (e) { if (e.key === "Enter") find(); });

  // filters
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#kinds input[type=checkbox]"));
  var provinceSelect = document.getElementById("province");
  function apply() {
    state.kinds = new Set(boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; }));
    state.province = provinceSelect.value;
    view.refresh();
    hideTip();
    document.getElementById("count-nodes").textContent = view.length;
    // a line is drawn only when both its ends are: count those
    var shown = new Set(view.getIds());
    document.getElementById("count-edges").textContent =
      edges.get({ filter: function (e) { return shown.has(e.from) && shown.has(e.to); } }).length;
  }
  function resetFilters() {
    boxes.forEach(function (b) { b.checked = true; });
    provinceSelect.value = "";
    apply();
  }
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  provinceSelect.addEventListener("change", apply);
  document.getElementById("kinds-all").addEventListener("click", function () { boxes.forEach(function (b) { b.checked = true; }); apply(); });
  document.getElementById("kinds-none").addEventListener("click", function () { boxes.forEach(function (b) { b.checked = false; }); apply(); });
  document.getElementById("reset").addEventListener("click", function () { resetFilters(); network.fit(); });
})();
