// Drag and drop to reorder stages and touchpoints. Every move also has a keyboard-accessible
// button (the ← → forms on the canvas); this only posts the same edit with fetch.
(function () {
  "use strict";
  const canvas = document.querySelector("[data-testid=canvas]");
  if (!canvas) return;
  const csrf = document.querySelector("meta[name=csrf-token]").content;
  const anyForm = canvas.querySelector("form[action$='/edit']");
  if (!anyForm) return;  // read-only view
  const action = anyForm.getAttribute("action");
  const base = anyForm.querySelector("input[name=base_revision]").value;
  let dragged = null;

  function post(fields) {
    const body = new FormData();
    body.append("csrf", csrf);
    body.append("base_revision", base);
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    return fetch(action, { method: "POST", body, headers: { Accept: "application/json", "X-CSRF-Token": csrf } })
      .then(function (r) {
        if (r.ok) { window.location.reload(); return; }
        return r.text().then(function (html) { document.open(); document.write(html); document.close(); });
      });
  }

  canvas.addEventListener("dragstart", function (e) {
    const tp = e.target.closest("[data-touchpoint]");
    const st = e.target.closest(".stage[data-stage]");
    dragged = tp ? { kind: "touchpoint", id: tp.dataset.touchpoint } : st ? { kind: "stage", id: st.dataset.stage } : null;
    if (dragged) e.dataTransfer.setData("text/plain", dragged.id);
  });
  canvas.addEventListener("dragover", function (e) {
    if (!dragged) return;
    const target = dragged.kind === "touchpoint" ? e.target.closest(".tp-cell") : e.target.closest(".stage");
    if (target) { e.preventDefault(); target.classList.add("drag-over"); }
  });
  canvas.addEventListener("dragleave", function (e) {
    const target = e.target.closest(".drag-over");
    if (target) target.classList.remove("drag-over");
  });
  canvas.addEventListener("drop", function (e) {
    if (!dragged) return;
    e.preventDefault();
    if (dragged.kind === "touchpoint") {
      const cell = e.target.closest(".tp-cell");
      if (cell) post({ op: "move_touchpoint", touchpoint: dragged.id, stage: cell.dataset.stage, position: cell.dataset.index });
    } else {
      const stage = e.target.closest(".stage");
      if (stage && stage.dataset.stage !== dragged.id) post({ op: "move_stage", stage: dragged.id, position: stage.dataset.position });
    }
    dragged = null;
  });

  // Touch screens (tablets): HTML drag and drop does not start from a finger, so a long press
  // (half a second without moving) picks the stage or touchpoint up, and lifting the finger over
  // another place drops it there. A finger that moves first scrolls the canvas as usual.
  let press = null;
  function targetAt(x, y, kind) {
    const el = document.elementFromPoint(x, y);
    if (!el) return null;
    return kind === "touchpoint" ? el.closest(".tp-cell") : el.closest(".stage");
  }
  function clearOver() {
    canvas.querySelectorAll(".drag-over").forEach(function (el) { el.classList.remove("drag-over"); });
  }
  canvas.addEventListener("pointerdown", function (e) {
    if (e.pointerType !== "touch" || e.target.closest("a, button, input, select, textarea, summary")) return;
    const tp = e.target.closest("[data-touchpoint]");
    const st = e.target.closest(".stage[data-stage]");
    const item = tp ? { kind: "touchpoint", id: tp.dataset.touchpoint, el: tp } : st ? { kind: "stage", id: st.dataset.stage, el: st } : null;
    if (!item) return;
    press = { item: item, x: e.clientX, y: e.clientY, active: false };
    press.timer = window.setTimeout(function () {
      if (!press) return;
      press.active = true;
      item.el.classList.add("lifted");
      if (navigator.vibrate) navigator.vibrate(30);
    }, 500);
  });
  canvas.addEventListener("pointermove", function (e) {
    if (!press) return;
    if (!press.active) {
      if (Math.abs(e.clientX - press.x) + Math.abs(e.clientY - press.y) > 10) { window.clearTimeout(press.timer); press = null; }
      return;
    }
    e.preventDefault();
    clearOver();
    const target = targetAt(e.clientX, e.clientY, press.item.kind);
    if (target) target.classList.add("drag-over");
  });
  function finish(e) {
    if (!press) return;
    window.clearTimeout(press.timer);
    const p = press;
    press = null;
    p.item.el.classList.remove("lifted");
    clearOver();
    if (!p.active || e.type === "pointercancel") return;
    const target = targetAt(e.clientX, e.clientY, p.item.kind);
    if (!target) return;
    if (p.item.kind === "touchpoint") {
      post({ op: "move_touchpoint", touchpoint: p.item.id, stage: target.dataset.stage, position: target.dataset.index });
    } else if (target.dataset.stage !== p.item.id) {
      post({ op: "move_stage", stage: p.item.id, position: target.dataset.position });
    }
  }
  canvas.addEventListener("pointerup", finish);
  canvas.addEventListener("pointercancel", finish);
  canvas.addEventListener("contextmenu", function (e) { if (press && press.active) e.preventDefault(); });
  // Once an item is lifted the finger moves it, not the page.
  canvas.addEventListener("touchmove", function (e) { if (press && press.active) e.preventDefault(); }, { passive: false });
})();

// Kept numbers (safar.services.results): while a screen's numbers are recomputed, ask every few seconds
// whether they are ready; then offer them (the page is not reloaded under an editor's hands), or show them
// at once when the page had none yet.
(function () {
  "use strict";
  const note = document.querySelector("[data-testid=freshness][data-computing='1']");
  if (!note) return;
  const since = note.querySelector(".ready");
  function ask() {
    fetch(note.dataset.results, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (state && !state.computing) {
          if (note.dataset.first === "1") { window.location.reload(); return; }
          since.hidden = false;
          return;
        }
        window.setTimeout(ask, 3000);
      })
      .catch(function () { window.setTimeout(ask, 10000); });
  }
  window.setTimeout(ask, 3000);
})();

// An import from the browser (safar.services.uploads): follow its progress, then show how it went.
(function () {
  "use strict";
  const job = document.querySelector("[data-testid=import-job][data-state=running]");
  if (!job) return;
  const bar = job.querySelector("progress");
  const percent = job.querySelector("[data-testid=import-percent]");
  const digits = document.documentElement.lang === "fa" ? "۰۱۲۳۴۵۶۷۸۹" : "0123456789";
  function shown(share) {
    const whole = String(Math.round(share * 100)).replace(/[0-9]/g, function (d) { return digits[+d]; });
    return document.documentElement.lang === "fa" ? whole + "\u066a" : whole + "%";
  }
  function ask() {
    fetch(job.dataset.status, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (state) {
        if (state && state.state !== "running") { window.location.reload(); return; }
        if (state && state.fraction !== null) { bar.value = state.fraction; percent.textContent = shown(state.fraction); }
        window.setTimeout(ask, 700);
      })
      .catch(function () { window.setTimeout(ask, 3000); });
  }
  window.setTimeout(ask, 300);
})();

// Seeing the whole map: zoom out and in, fit to screen, a compact mode, lanes hidden or collapsed. Each is a
// button (or a checkbox) in the view tools, with + − 0 as keys; what a person chose is remembered for this
// map in this browser (localStorage). Without JavaScript the tools stay hidden and the canvas scrolls.
(function () {
  "use strict";
  const tools = document.querySelector("[data-testid=view-tools]");
  const canvas = document.querySelector("[data-testid=canvas]");
  if (!tools || !canvas) return;
  const scroller = canvas.closest(".canvas-scroll");
  const level = tools.querySelector("[data-testid=zoom-level]");
  const compact = tools.querySelector("[data-compact]");
  const list = tools.querySelector("[data-testid=lane-list]");
  const key = "safar.canvas." + tools.dataset.map;
  const fa = document.documentElement.lang === "fa";
  const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5];
  let view = { zoom: 1, compact: false, hidden: [], collapsed: [] };
  try { view = Object.assign(view, JSON.parse(window.localStorage.getItem(key) || "{}")); } catch (e) { /* storage blocked: defaults */ }

  function save() {
    try { window.localStorage.setItem(key, JSON.stringify(view)); } catch (e) { /* storage blocked: not remembered */ }
  }
  function percent(share) {
    const whole = String(Math.round(share * 100));
    return fa ? whole.replace(/[0-9]/g, function (d) { return "۰۱۲۳۴۵۶۷۸۹"[+d]; }) + "\u066a" : whole + "%";
  }
  function lanes(name) { return canvas.querySelectorAll("[data-lane='" + name + "']"); }
  function apply() {
    canvas.style.zoom = String(view.zoom);
    canvas.dataset.zoom = String(view.zoom);
    level.textContent = percent(view.zoom);
    canvas.classList.toggle("compact", view.compact);
    compact.setAttribute("aria-pressed", String(view.compact));
    list.querySelectorAll("input[data-lane-toggle]").forEach(function (box) {
      const hidden = view.hidden.indexOf(box.dataset.laneToggle) >= 0;
      box.checked = !hidden;
      lanes(box.dataset.laneToggle).forEach(function (el) { el.classList.toggle("lane-hidden", hidden); });
    });
    canvas.querySelectorAll(".lane-toggle").forEach(function (button) {
      const folded = view.collapsed.indexOf(button.dataset.fold) >= 0;
      button.setAttribute("aria-expanded", String(!folded));
      button.textContent = folded ? "▸" : "▾";
      lanes(button.dataset.fold).forEach(function (el) {
        if (!el.classList.contains("lane-label")) el.classList.toggle("lane-collapsed", folded);
      });
    });
  }
  function zoomTo(zoom) {
    view.zoom = Math.min(STEPS[STEPS.length - 1], Math.max(STEPS[0], Math.round(zoom * 100) / 100));
    apply();
    save();
  }
  function step(direction) {
    const next = direction > 0 ? STEPS.find(function (s) { return s > view.zoom + 0.001; })
      : STEPS.slice().reverse().find(function (s) { return s < view.zoom - 0.001; });
    zoomTo(next === undefined ? view.zoom : next);
  }
  function fit() {
    // The canvas's width at 100 % is its width now divided by the zoom it is shown at.
    const natural = canvas.getBoundingClientRect().width / view.zoom;
    zoomTo(Math.min(1, Math.floor((scroller.clientWidth - 2) / natural * 100) / 100));
    scroller.scrollLeft = 0;
  }
  function toggle(listName, lane) {
    const at = view[listName].indexOf(lane);
    if (at >= 0) view[listName].splice(at, 1); else view[listName].push(lane);
    apply();
    save();
  }

  // One checkbox per lane that can be hidden, and a collapse button in the lane's label.
  canvas.querySelectorAll(".lane-label[data-lane]").forEach(function (label) {
    const lane = label.dataset.lane;
    const name = (label.firstChild ? label.firstChild.textContent : label.textContent).trim();
    const row = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.dataset.laneToggle = lane;
    box.addEventListener("change", function () { toggle("hidden", lane); });
    row.appendChild(box);
    row.appendChild(document.createTextNode(name));
    list.appendChild(row);
    const fold = document.createElement("button");
    fold.type = "button";
    fold.className = "lane-toggle";
    fold.dataset.fold = lane;
    fold.setAttribute("aria-label", tools.dataset.collapse + ": " + name);
    fold.title = tools.dataset.collapse;
    fold.addEventListener("click", function () { toggle("collapsed", lane); });
    label.insertBefore(fold, label.firstChild);
  });
  tools.addEventListener("click", function (e) {
    const button = e.target.closest("button");
    if (!button) return;
    if (button.dataset.zoom === "in") step(1);
    else if (button.dataset.zoom === "out") step(-1);
    else if (button.dataset.zoom === "reset") zoomTo(1);
    else if (button.dataset.zoom === "fit") fit();
    else if (button.hasAttribute("data-compact")) { view.compact = !view.compact; apply(); save(); }
  });
  // Keys by their place on the keyboard (event.code), so they work with a Persian layout too.
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest("input, textarea, select, [contenteditable]")) return;
    if (e.code === "Equal" || e.code === "NumpadAdd") { step(1); e.preventDefault(); }
    else if (e.code === "Minus" || e.code === "NumpadSubtract") { step(-1); e.preventDefault(); }
    else if (e.code === "Digit0" || e.code === "Numpad0") { zoomTo(1); e.preventDefault(); }
  });
  tools.hidden = false;
  apply();
})();

// Edit a cell of the map in place: a click on it (or Enter or Space when it has the focus) opens the one
// editing dialog with that field alone; saving posts the same edit as the touchpoint's page (a revision the
// canvas then offers to undo). Without scripts the ✎ link to the touchpoint's page does the same.
(function () {
  "use strict";
  const dialog = document.getElementById("cell-editor");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const form = dialog.querySelector("form");
  const slot = dialog.querySelector("[data-slot]");
  const title = dialog.querySelector("[data-title]");
  const hint = dialog.querySelector("[data-hint]");
  let opener = null;

  const editAction = form.getAttribute("action");
  const mapBase = editAction.replace(/\/edit$/, "");

  function fromTemplate(id) {
    const holder = document.createElement("div");
    holder.appendChild(document.getElementById(id).content.cloneNode(true));
    return holder;
  }
  function input(cell) {
    const kind = cell.dataset.kind;
    if (kind === "channel") {
      const holder = fromTemplate("edit-channel");
      holder.querySelector("select").value = cell.dataset.value;
      return holder;
    }
    if (kind === "emotion") {
      const holder = fromTemplate("edit-emotion");
      holder.querySelector("select").value = cell.dataset.score;
      holder.querySelector("input").value = cell.dataset.value;
      return holder;
    }
    if (kind === "lane-channels") {
      const holder = fromTemplate("edit-lane-channels");
      const chosen = (cell.dataset.value || "").split("\n");
      holder.querySelectorAll("input[type=checkbox]").forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
      return holder;
    }
    if (kind === "lane-image") {
      const holder = fromTemplate("edit-lane-image");
      holder.querySelector("[data-when-set]").hidden = !cell.dataset.value;
      return holder;
    }
    const field = document.createElement(kind === "line" ? "input" : "textarea");
    field.name = "f_" + cell.dataset.edit;
    field.value = cell.dataset.value || "";
    field.dir = "auto";
    field.lang = dialog.dataset.lang;
    field.setAttribute("aria-labelledby", title.id);
    if (kind === "line") field.required = cell.dataset.edit === "name";  // a name, never empty; an owner may be
    else field.rows = kind === "lines" || kind === "lane-list" ? 6 : 4;
    return field;
  }
  function open(cell) {
    opener = cell;
    const lane = cell.dataset.laneId || "";
    form.elements.op.value = cell.dataset.op || "update_touchpoint";
    form.elements.touchpoint.value = cell.dataset.touchpoint;
    form.elements.lane.value = lane;
    form.elements.lane.disabled = !lane;
    const picture = cell.dataset.kind === "lane-image";
    form.setAttribute("action", picture ? mapBase + "/lanes/" + encodeURIComponent(lane) + "/cells/" + encodeURIComponent(cell.dataset.touchpoint) + "/image" : editAction);
    form.enctype = picture ? "multipart/form-data" : "application/x-www-form-urlencoded";
    title.textContent = cell.dataset.label + " · " + cell.dataset.name;
    slot.replaceChildren(input(cell));
    hint.hidden = cell.dataset.kind !== "lines" && cell.dataset.kind !== "lane-list";
    dialog.showModal();
    const first = slot.querySelector("input:not([type=hidden]), textarea, select");
    if (first) first.focus();
  }
  form.addEventListener("submit", function () {
    const boxes = slot.querySelector(".channel-boxes");
    if (boxes) {
      const chosen = Array.prototype.filter.call(boxes.querySelectorAll("input[type=checkbox]"), function (b) { return b.checked; });
      boxes.querySelector("input[name=f_value]").value = chosen.map(function (b) { return b.value; }).join("\n");
    }
  });
  document.querySelectorAll("[data-edit]").forEach(function (cell) {
    cell.tabIndex = 0;
    cell.setAttribute("role", "button");
    cell.setAttribute("aria-haspopup", "dialog");
    cell.setAttribute("aria-label", dialog.dataset.editWord + ": " + cell.dataset.label + " · " + cell.dataset.name);
    cell.classList.add("editable");
  });
  document.addEventListener("click", function (e) {
    const cell = e.target.closest("[data-edit]");
    if (cell && !e.target.closest("a, button, input, select, textarea, summary")) open(cell);
  });
  document.addEventListener("keydown", function (e) {
    const cell = e.target.closest && e.target.closest("[data-edit]");
    if (cell && e.target === cell && (e.key === "Enter" || e.key === " ")) { e.preventDefault(); open(cell); }
  });
  form.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
  });
  dialog.querySelector("[data-cancel]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("close", function () { if (opener) opener.focus(); });
})();
