(function () {
  "use strict";
  var table = document.getElementById("results");
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById("f-text");
  var min = document.getElementById("f-min");
  var role = document.getElementById("f-role");
  var status = document.getElementById("f-status");
  var count = document.getElementById("count");

  function value(row, col, numeric) {
    var v = row.cells[col].getAttribute("data-v") || "";
    return numeric ? parseFloat(v) : v.toLowerCase();
  }

  function sortBy(col) {
    var th = heads[col];
    var numeric = th.getAttribute("data-type") === "num";
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    if (!th.hasAttribute("aria-sort") && numeric && col !== 0) { dir = -1; }
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    rows.sort(function (a, b) {
      var x = value(a, col, numeric), y = value(b, col, numeric);
      if (x < y) { return -dir; }
      if (x > y) { return dir; }
      return value(a, 0, true) - value(b, 0, true);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function filter() {
    var q = text.value.trim().toLowerCase();
    var lo = parseFloat(min.value) || 0;
    var shown = 0;
    rows.forEach(function (r) {
      // data-search holds name, file, role and skills found (not the missing skills)
      var ok = (!q || (r.getAttribute("data-search") || "").indexOf(q) !== -1) &&
        (lo <= 0 || parseFloat(r.getAttribute("data-score")) >= lo) &&
        (!role.value || r.getAttribute("data-role") === role.value) &&
        (!status.value || r.getAttribute("data-status") === status.value);
      r.hidden = !ok;
      if (ok) { shown += 1; }
    });
    count.textContent = shown + " of " + rows.length + " shown";
  }

  heads.forEach(function (th, col) {
    th.querySelector("button").addEventListener("click", function () { sortBy(col); });
  });
  [text, min, role, status].forEach(function (el) { el.addEventListener("input", filter); });
  document.getElementById("filters").addEventListener("submit", function (e) { e.preventDefault(); });
}());
