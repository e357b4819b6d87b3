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
})();
