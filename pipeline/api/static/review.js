// RiskAtlas review page: keyboard and actions. Plain JavaScript, no build step.
// Writes go to the JSON API (POST /documents/{id}/decisions) with the session's
// CSRF token; the server then re-renders the text and side panel (/review/doc/{id}/main).
// Nothing here builds HTML from document text: forms are made with DOM calls.
"use strict";

(function () {
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || "";
  const page = document.body.dataset.page;

  function typing(ev) {
    const t = ev.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
  }

  // -- the queue: j/k move, Enter opens -------------------------------------------
  if (page === "queue") {
    const rows = Array.from(document.querySelectorAll("tr.qrow"));
    let at = -1;
    const pick = (i) => {
      if (!rows.length) return;
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows.forEach((r, k) => r.classList.toggle("sel", k === at));
      rows[at].scrollIntoView({ block: "nearest" });
    };
    document.addEventListener("keydown", (ev) => {
      if (typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.key === "j") pick(at + 1);
      else if (ev.key === "k") pick(at - 1);
      else if ((ev.key === "Enter" || ev.key === "o") && at >= 0) location.href = rows[at].dataset.href;
      else return;
      ev.preventDefault();
    });
    return;
  }
  if (page !== "document") return;

  // -- the document ---------------------------------------------------------------
  const docId = document.body.dataset.doc;
  const LABELS = ["NATION", "ALLIANCE", "SUPPLIER", "MATERIAL"];
  const CATEGORIES = ["dependency", "trade_restriction", "geopolitical", "capacity", "security",
    "logistics", "cost"];
  const MODALITIES = ["asserted", "hedged"];
  let sel = 0;
  // Keys and clicks run one after another, each after the previous write has come back
  // and the page has been re-rendered: fast typing is never lost or reordered.
  let chain = Promise.resolve();
  const run = (fn) => { chain = chain.then(fn).catch((e) => say(String(e), "bad")); };

  const main = () => document.getElementById("review-main");
  const items = () => Array.from(document.querySelectorAll("#panel li.item"));
  const current = () => items()[sel];
  const text = () => document.getElementById("doctext").textContent;

  function say(message, kind) {
    const box = document.getElementById("msg");
    box.className = kind || "";
    box.textContent = message;
  }

  function conflict(message) {
    const box = document.getElementById("msg");
    box.className = "bad";
    box.textContent = "";
    const span = document.createElement("span");
    span.className = "conflict";
    span.textContent = message + " ";
    const again = document.createElement("button");
    again.type = "button";
    again.textContent = "Reload the document";
    again.addEventListener("click", () => location.reload());
    span.appendChild(again);
    box.appendChild(span);
  }

  function select(i, scroll) {
    const all = items();
    document.querySelectorAll("#doctext .hl").forEach((s) => s.classList.remove("hl"));
    all.forEach((li) => li.classList.remove("sel"));
    if (!all.length) return;
    sel = Math.max(0, Math.min(all.length - 1, i));
    const li = all[sel];
    li.classList.add("sel");
    const ref = li.dataset.ref;
    const segs = Array.from(document.querySelectorAll("#doctext [data-refs]"))
      .filter((s) => s.dataset.refs.split(" ").includes(ref));
    segs.forEach((s) => s.classList.add("hl"));
    if (scroll !== false) {
      li.scrollIntoView({ block: "nearest" });
      if (segs.length) segs[0].scrollIntoView({ block: "center" });
    }
  }

  function keyOf(li) {
    const d = li.dataset;
    const key = { target: d.target, start: Number(d.keyStart), end: Number(d.keyEnd) };
    if (d.target === "entity") key.label = d.keyLabel;
    return key;
  }

  async function refresh() {
    const r = await fetch(`/review/doc/${encodeURIComponent(docId)}/main`,
      { credentials: "same-origin" });
    if (!r.ok) { say(await r.text(), "bad"); return; }
    const tpl = document.createElement("template");
    tpl.innerHTML = await r.text(); // server-rendered, escaped by the template
    main().replaceWith(tpl.content.firstElementChild);
    select(sel, false);
  }

  async function send(decisions, done) {
    try {
      const r = await fetch(`/documents/${encodeURIComponent(docId)}/decisions`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf,
                   "X-Requested-With": "fetch" },
        body: JSON.stringify({ version: Number(main().dataset.version), decisions }),
      });
      const body = await r.json().catch(() => ({}));
      if (r.status === 409) { conflict(body.error ? body.error.message : "conflict"); return false; }
      if (!r.ok) { say(body.error ? body.error.message : `error ${r.status}`, "bad"); return false; }
      await refresh();
      say(done, "ok");
      return true;
    } catch (e) {
      say(`could not reach the server (${e}); try again`, "bad");
      return false;
    }
  }

  async function decide(action) {
    const li = current();
    if (!li) return;
    const verb = action === "accept" ? "accepted" : "rejected";
    const at = sel;
    const ok = await send([Object.assign(keyOf(li), { action })],
      `${verb}: ${li.querySelector(".quote").textContent.trim().slice(0, 60)}`);
    if (ok) select(at + 1);
  }

  // -- forms (edit and add), made with DOM calls ----------------------------------
  function field(form, label, el) {
    const wrap = document.createElement("label");
    wrap.append(label, el);
    form.appendChild(wrap);
    return el;
  }
  function choice(options, value, name) {
    const s = document.createElement("select");
    s.name = name;
    options.forEach((o) => { const opt = new Option(o.replace("_", " "), o, false, o === value); s.add(opt); });
    return s;
  }
  function input(type, value, name) {
    const i = document.createElement("input");
    i.type = type; i.name = name; i.value = value;
    if (type === "number") i.min = "0";
    return i;
  }
  function buttons(form, onCancel) {
    const save = document.createElement("button");
    save.type = "submit"; save.textContent = "Save (Enter)";
    const cancel = document.createElement("button");
    cancel.type = "button"; cancel.textContent = "Cancel (Esc)";
    cancel.addEventListener("click", onCancel);
    form.append(save, cancel);
  }
  function fill(form, target, v) {
    const f = {};
    if (target === "entity") {
      f.label = field(form, "Label", choice(LABELS, v.label, "label"));
      f.norm = field(form, "Norm", input("text", v.norm || "", "norm"));
    } else {
      f.category = field(form, "Category", choice(CATEGORIES, v.category, "category"));
      f.modality = field(form, "Modality", choice(MODALITIES, v.modality || "asserted", "modality"));
    }
    f.start = field(form, "Start", input("number", v.start, "start"));
    f.end = field(form, "End", input("number", v.end, "end"));
    return f;
  }
  function valuesOf(f) {
    const out = {};
    for (const [k, el] of Object.entries(f)) {
      if (k === "start" || k === "end") out[k] = Number(el.value);
      else if (el.value.trim()) out[k] = el.value.trim();
    }
    return out;
  }
  function closeForms() {
    document.querySelectorAll("#panel form.itemform").forEach((f) => f.remove());
    const add = document.getElementById("addform");
    add.hidden = true;
    add.textContent = "";
  }

  function edit() {
    const li = current();
    if (!li) return;
    closeForms();
    const d = li.dataset;
    const form = document.createElement("form");
    form.className = "itemform";
    const f = fill(form, d.target, { label: d.label, norm: d.norm, category: d.category,
      modality: d.modality, start: d.start, end: d.end });
    buttons(form, closeForms);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const after = valuesOf(f);
      run(() => send([Object.assign(keyOf(li), { action: "correct", after })], "corrected"));
    });
    li.appendChild(form);
    form.scrollIntoView({ block: "nearest" });
    (f.label || f.category).focus();
  }

  function selection() {
    const s = window.getSelection();
    const root = document.getElementById("doctext");
    if (!s || !s.rangeCount || s.isCollapsed) return null;
    const r = s.getRangeAt(0);
    if (!root.contains(r.startContainer) || !root.contains(r.endContainer)) return null;
    const pre = document.createRange();
    pre.selectNodeContents(root);
    pre.setEnd(r.startContainer, r.startOffset);
    let start = pre.toString().length;
    let end = start + r.toString().length;
    const t = text();
    while (start < end && /\s/.test(t[start])) start++;
    while (end > start && /[\s.,;:]/.test(t[end - 1])) end--;
    return end > start ? { start, end, text: t.slice(start, end) } : null;
  }

  function add(target) {
    const span = selection();
    if (!span) { say(`select the ${target === "entity" ? "entity's" : "claim's"} text in the document first`, "bad"); return; }
    closeForms();
    const form = document.getElementById("addform");
    const title = document.createElement("strong");
    title.textContent = `New ${target}: “${span.text.slice(0, 80)}”`;
    form.appendChild(title);
    const f = fill(form, target, { label: "NATION", norm: span.text, category: "dependency",
      modality: "asserted", start: span.start, end: span.end });
    f.label && f.label.addEventListener("change", () => {
      if (f.label.value === "MATERIAL" && f.norm.value === span.text) f.norm.value = span.text.toLowerCase();
    });
    buttons(form, closeForms);
    form.onsubmit = (ev) => {
      ev.preventDefault();
      const after = valuesOf(f);
      closeForms();
      run(() => send([{ target, action: "add", after }],
        `added ${target === "entity" ? "an entity" : "a claim"}: ${span.text.slice(0, 60)}`));
    };
    form.hidden = false;
    (f.label || f.category).focus();
  }

  function acceptAll() {
    const todo = items().filter((li) => li.dataset.status === "pending");
    if (!todo.length) { say("nothing pending", "ok"); return; }
    send(todo.map((li) => Object.assign(keyOf(li), { action: "accept" })),
      `accepted ${todo.length} remaining items`);
  }

  function markReviewed() {
    const pending = Number(main().dataset.pending);
    if (pending) { say(`${pending} items are still pending: decide them, or press A to accept all remaining`, "bad"); return; }
    send([{ target: "document", action: "reviewed" }], "marked reviewed");
  }

  function help(show) {
    const h = document.getElementById("help");
    h.hidden = show === undefined ? !h.hidden : !show;
  }

  // -- wiring ---------------------------------------------------------------------
  document.addEventListener("click", (ev) => {
    const btn = ev.target.closest("button[data-act]");
    if (btn) {
      const li = btn.closest("li.item");
      if (li) select(items().indexOf(li), false);
      const act = btn.dataset.act;
      if (act === "accept" || act === "reject") run(() => decide(act));
      else if (act === "edit") run(edit);
      else if (act === "add-entity") run(() => add("entity"));
      else if (act === "add-claim") run(() => add("claim"));
      else if (act === "accept-all") run(acceptAll);
      else if (act === "reviewed") run(markReviewed);
      else if (act === "help") help();
      return;
    }
    if (ev.target.closest("form")) return;
    const li = ev.target.closest("#panel li.item");
    if (li) { select(items().indexOf(li)); return; }
    const seg = ev.target.closest("#doctext [data-refs]");
    if (seg && window.getSelection().isCollapsed) {
      const ref = seg.dataset.refs.split(" ")[0];
      const i = items().findIndex((x) => x.dataset.ref === ref);
      if (i >= 0) select(i);
    }
    if (ev.target.id === "help") help(false);
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") { closeForms(); help(false); return; }
    if (typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const k = ev.key;
    if (k === "j" || k === "ArrowDown") run(() => select(sel + 1));
    else if (k === "k" || k === "ArrowUp") run(() => select(sel - 1));
    else if (k === "a") run(() => decide("accept"));
    else if (k === "r") run(() => decide("reject"));
    else if (k === "e") run(edit);
    else if (k === "n") run(() => add("entity"));
    else if (k === "c") run(() => add("claim"));
    else if (k === "A") run(acceptAll);
    else if (k === "m") run(markReviewed);
    else if (k === "g") location.href = "/review";
    else if (k === "?") help();
    else return;
    ev.preventDefault();
  });

  select(0, false);
})();
