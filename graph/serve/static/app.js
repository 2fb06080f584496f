// vnkg query editor: saved queries with their parameters, run over /sparql, results as a table.
// Plain JavaScript, no libraries; everything is served by vnkg itself.
(function () {
  "use strict";
  const $ = (sel) => document.querySelector(sel);
  const editor = $("#editor");
  const base = editor.dataset.base;
  const textarea = $("#query");
  const select = $("#saved");
  const paramsBox = $("#params");
  const status = $("#status");
  const errorBox = $("#error");
  const results = $("#results");
  let saved = [];
  let bindTimer = null;

  function showError(msg) {
    errorBox.textContent = msg;
    errorBox.hidden = false;
  }
  function clearError() {
    errorBox.textContent = "";
    errorBox.hidden = true;
  }
  function localHref(iri) {
    if (iri.startsWith(base)) return "/" + iri.slice(base.length).split("/").map(encodeURIComponent).join("/").replace(/%23/g, "#");
    return "/resource?iri=" + encodeURIComponent(iri);
  }
  function shortIri(iri) {
    return iri.startsWith(base) ? iri.slice(base.length) : iri;
  }
  function updateLinks() {
    const q = encodeURIComponent(textarea.value);
    $("#csv").href = "/sparql?format=csv&query=" + q;
    $("#json").href = "/sparql?format=json&query=" + q;
  }

  function renderParams(q, initial) {
    paramsBox.innerHTML = "";
    for (const p of q.params) {
      const label = document.createElement("label");
      label.htmlFor = "param-" + p.name;
      label.textContent = p.name;
      const input = document.createElement("input");
      input.id = "param-" + p.name;
      input.name = p.name;
      input.value = initial && initial.has(p.name) ? initial.get(p.name) : p.default;
      input.placeholder = p.default === "" ? "(empty: all)" : p.default;
      input.addEventListener("input", () => {
        clearTimeout(bindTimer);
        bindTimer = setTimeout(bindSaved, 250);
      });
      paramsBox.append(label, input);
      if (p.help) {
        const help = document.createElement("small");
        help.textContent = p.help;
        paramsBox.append(help);
      }
    }
  }

  async function bindSaved() {
    const name = select.value;
    if (!name) return;
    const qs = new URLSearchParams();
    for (const input of paramsBox.querySelectorAll("input")) qs.set(input.name, input.value);
    const r = await fetch("/api/queries/" + encodeURIComponent(name) + "?" + qs.toString());
    const text = await r.text();
    if (!r.ok) {
      showError(text);
      return;
    }
    clearError();
    textarea.value = text;
    updateLinks();
  }

  async function chooseSaved(initial) {
    const q = saved.find((x) => x.name === select.value);
    if (!q) {
      paramsBox.innerHTML = "";
      $("#description").textContent = "";
      return;
    }
    $("#description").textContent = q.description;
    renderParams(q, initial);
    await bindSaved();
  }

  function cell(b) {
    const td = document.createElement("td");
    if (!b) return td;
    if (b.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(b.value);
      a.textContent = shortIri(b.value);
      a.title = b.value;
      td.append(a);
    } else if (b.type === "bnode") {
      td.textContent = "_:" + b.value;
    } else {
      td.textContent = b.value;
    }
    return td;
  }

  function renderTable(data) {
    const vars = data.head.vars;
    const table = document.createElement("table");
    table.className = "results";
    const head = table.createTHead().insertRow();
    for (const v of vars) {
      const th = document.createElement("th");
      th.textContent = v;
      head.append(th);
    }
    const body = table.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const v of vars) tr.append(cell(row[v]));
    }
    results.replaceChildren(table);
    return data.results.bindings.length;
  }

  async function run() {
    clearError();
    const button = $("#run");
    button.disabled = true;
    status.textContent = "running…";
    const t0 = performance.now();
    try {
      const r = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: textarea.value }),
      });
      const ms = Math.round(performance.now() - t0);
      const ctype = r.headers.get("Content-Type") || "";
      if (!r.ok) {
        status.textContent = "failed";
        results.replaceChildren();
        showError(await r.text());
        return;
      }
      const capped = r.headers.get("X-Vnkg-Truncated") === "true" ? " (capped at " + r.headers.get("X-Vnkg-Result-Limit") + ")" : "";
      if (ctype.includes("json")) {
        const data = await r.json();
        if (typeof data.boolean === "boolean") {
          const p = document.createElement("p");
          p.className = "answer";
          p.textContent = String(data.boolean);
          results.replaceChildren(p);
          status.textContent = "answer: " + data.boolean + " in " + ms + " ms";
        } else {
          const n = renderTable(data);
          status.textContent = n + " row" + (n === 1 ? "" : "s") + " in " + ms + " ms" + capped;
        }
      } else {
        const pre = document.createElement("pre");
        pre.className = "graph";
        pre.textContent = await r.text();
        results.replaceChildren(pre);
        status.textContent = "graph in " + ms + " ms" + capped;
      }
    } catch (e) {
      status.textContent = "failed";
      showError("The request failed: " + e);
    } finally {
      button.disabled = false;
    }
  }

  async function start() {
    const url = new URLSearchParams(location.search);
    try {
      const r = await fetch("/api/queries");
      saved = await r.json();
    } catch (e) {
      showError("Could not load the saved queries: " + e);
    }
    if (url.get("sparql")) {
      textarea.value = url.get("sparql");
    } else if (url.get("query") && saved.some((q) => q.name === url.get("query"))) {
      select.value = url.get("query");
      await chooseSaved(url);
    }
    updateLinks();
    document.body.dataset.ready = "true";
    if (url.get("run") === "1") await run();
  }

  select.addEventListener("change", () => chooseSaved(null));
  textarea.addEventListener("input", updateLinks);
  textarea.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });
  $("#run").addEventListener("click", run);
  start();
})();
