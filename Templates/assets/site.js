// Progressive enhancement only: every page is complete without this script.
// 1. Flat tables of 2 to 40 rows get a sort button in each column heading (tree tables, whose
//    order carries meaning, are left alone).
// 2. The region list (/regioner/) gets a field that hides the regions not matching what is typed.
(function () {
  "use strict";

  // A cell's value for sorting: Swedish figures ("2 455 914 kr", "23,3 %", "–") as numbers, else text.
  function sortValue(cell) {
    var text = (cell.getAttribute("data-value") || cell.textContent || "").trim();
    var compact = text.replace(/[\s\u00a0\u202f]/g, "").replace(/kr$|%$|mnkr$|mdkr$/, "").replace("\u2212", "-");
    if (/^-?\d+(,\d+)?$/.test(compact)) return { number: parseFloat(compact.replace(",", ".")) };
    return { text: text.toLocaleLowerCase("sv") };
  }

  function compare(a, b) {
    if (a.number !== undefined && b.number !== undefined) return a.number - b.number;
    if (a.number !== undefined) return -1;
    if (b.number !== undefined) return 1;
    return a.text.localeCompare(b.text, "sv");
  }

  function makeSortable(table) {
    var body = table.tBodies[0];
    if (!body || !table.tHead) return;
    var headings = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headings, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (x, y) {
          var order = compare(sortValue(x.cells[column]), sortValue(y.cells[column]));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  function makeFilter(table) {
    var body = table.tBodies[0];
    if (!body) return;
    var block = table.closest(".table-block") || table.parentNode;
    var label = document.createElement("label");
    var id = (table.id || "tabell") + "-filter";
    label.setAttribute("for", id);
    label.textContent = "Filtrera regionerna på namn eller län";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    var status = document.createElement("p");
    status.className = "filter-status";
    status.setAttribute("aria-live", "polite");
    var wrapper = document.createElement("div");
    wrapper.className = "filter";
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    block.parentNode.insertBefore(wrapper, block);
    input.addEventListener("input", function () {
      var query = input.value.trim().toLocaleLowerCase("sv");
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = !query || (row.cells[0].getAttribute("data-value") || row.cells[0].textContent).toLocaleLowerCase("sv").indexOf(query) !== -1
          || (row.cells[1] && row.cells[1].textContent.toLocaleLowerCase("sv").indexOf(query) !== -1);
        row.hidden = !match;
        if (match) shown += 1;
      });
      status.textContent = query ? shown + " av " + body.rows.length + " visas" : "";
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll(".table-block table"), function (table) {
    var rows = table.tBodies[0] ? table.tBodies[0].rows.length : 0;
    if (rows >= 2 && rows <= 40 && !table.querySelector("th.level-1, th.level-2, th.level-3, th.level-4")) makeSortable(table);
  });
  var regions = document.querySelector("#regioner table");
  if (regions && /\/regioner\/(index\.html)?$/.test(location.pathname)) makeFilter(regions);
})();
