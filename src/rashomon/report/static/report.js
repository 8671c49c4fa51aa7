(function () {
  "use strict";
  // Everything the page needs is already in the HTML; this only adds filtering and navigation.
  var root = document.documentElement;
  root.classList.add("js");

  function applyFilter(bar) {
    var list = document.getElementById(bar.getAttribute("data-list"));
    if (!list) { return; }
    var pressed = bar.querySelector("button[aria-pressed=true]");
    var status = pressed ? pressed.getAttribute("data-status") : "all";
    var input = bar.querySelector("input");
    var needle = input ? input.value.trim().toLowerCase() : "";
    var items = list.children;
    for (var i = 0; i < items.length; i++) {
      var li = items[i];
      var okStatus = status === "all" || li.getAttribute("data-status") === status;
      var okText = !needle || li.textContent.toLowerCase().indexOf(needle) !== -1;
      li.hidden = !(okStatus && okText);
    }
  }

  document.querySelectorAll(".filters").forEach(function (bar) {
    bar.addEventListener("click", function (ev) {
      var button = ev.target.closest("button[data-status]");
      if (!button) { return; }
      bar.querySelectorAll("button[data-status]").forEach(function (b) {
        b.setAttribute("aria-pressed", b === button ? "true" : "false");
      });
      applyFilter(bar);
    });
    var input = bar.querySelector("input");
    if (input) { input.addEventListener("input", function () { applyFilter(bar); }); }
  });

  document.querySelectorAll("button[data-toggle]").forEach(function (button) {
    button.addEventListener("click", function () {
      var open = button.getAttribute("data-toggle") === "open";
      document.querySelectorAll("details").forEach(function (d) { d.open = open; });
    });
  });

  // Only the sentences of disputed and corroborated claims are coloured at first; the
  // rest of the quoted sentences are marked too (quotes link to them) but shown on demand.
  document.querySelectorAll("button[data-marks]").forEach(function (button) {
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      document.querySelectorAll(".text").forEach(function (t) { t.classList.toggle("quiet", !on); });
    });
  });

  // A table with class "sortable" sorts on a click of its column heading (again: the
  // other way); an input with data-filter hides the rows of that table without its text.
  function cellValue(row, index, numeric) {
    var text = row.children[index] ? row.children[index].textContent.trim() : "";
    return numeric ? parseFloat(text) || 0 : text.toLowerCase();
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("th[data-sort]").forEach(function (th, index) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-sort") === "number";
        // Counts read best largest first, names from A; a second click turns it round.
        var first = numeric ? "descending" : "ascending";
        var order = th.getAttribute("aria-sort") !== first ? first
          : (numeric ? "ascending" : "descending");
        table.querySelectorAll("th[data-sort]").forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", order);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, numeric), y = cellValue(b, index, numeric);
          var cmp = x < y ? -1 : x > y ? 1 : 0;
          return order === "ascending" ? cmp : -cmp;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  document.querySelectorAll("input[data-filter]").forEach(function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    if (!table) { return; }
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) === -1;
      });
    });
  });

  // Map tiles are fetched only when the reader asks: each request tells the tile server
  // which part of the world this story is about. Offline, the outlines stay in place.
  function showTiles(svg, button, on) {
    var failed = 0;
    var images = svg.querySelectorAll(".tiles image");
    images.forEach(function (img) {
      if (!on || img.getAttribute("href")) { return; }
      img.addEventListener("error", function () {
        img.setAttribute("visibility", "hidden");
        failed += 1;
        if (failed === images.length) {
          svg.classList.remove("tiled");
          button.textContent = "Tiles unavailable (offline?)";
        }
      });
      img.setAttribute("href", img.getAttribute("data-src"));
    });
    svg.classList.toggle("tiled", on);
  }

  document.querySelectorAll(".tiles-toggle").forEach(function (button) {
    button.addEventListener("click", function () {
      var holder = button.closest(".tiles-control");
      var svg = holder && holder.previousElementSibling;
      if (!svg || !svg.classList.contains("map")) { return; }
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.textContent = on ? "Hide map tiles" : "Show map tiles";
      holder.querySelector(".tiles-credit").hidden = !on;
      showTiles(svg, button, on);
    });
  });

  // A link into a collapsed section must open it, or the target stays invisible.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var node = target; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
    target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
