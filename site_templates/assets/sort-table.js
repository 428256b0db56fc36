/* Sortable tables: `table[data-emt-sortable]`.
 *
 * Without JavaScript the table is complete and readable in its published
 * order, with no controls that do nothing. With it, each column heading
 * becomes a button; pressing it sorts the rows by that column (numbers by
 * `data-sort`, text by the language's collation), ascending then descending.
 * The heading carries `aria-sort`, and a status line says how the table is
 * sorted. Cells without a value always come last.
 */
(function () {
  "use strict";

  function cellValue(row, index, numeric) {
    var cell = row.cells[index];
    var raw = cell ? cell.getAttribute("data-sort") : null;
    if (raw === null || raw === "") {
      return null;
    }
    return numeric ? parseFloat(raw) : raw;
  }

  function sortBy(table, index, status) {
    var headers = table.tHead.rows[0].cells;
    var header = headers[index];
    var numeric = header.getAttribute("data-sort-type") === "number";
    var direction = header.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    var collator = new Intl.Collator(document.documentElement.lang || undefined);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, index, numeric);
      var y = cellValue(b, index, numeric);
      if (x === null || y === null) {
        return x === y ? 0 : (x === null ? 1 : -1);
      }
      var order = numeric ? x - y : collator.compare(x, y);
      return direction === "ascending" ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    for (var i = 0; i < headers.length; i++) {
      headers[i].removeAttribute("aria-sort");
    }
    header.setAttribute("aria-sort", direction);
    if (status) {
      var label = header.querySelector("button").textContent.trim();
      status.textContent = (direction === "ascending" ? table.getAttribute("data-sorted-up")
                                                      : table.getAttribute("data-sorted-down"))
        .replace("{column}", label);
    }
  }

  function enhance(table) {
    if (!table.tHead || !table.tBodies.length) {
      return;
    }
    var status = document.createElement("p");
    status.className = "emt-sort-status";
    status.setAttribute("role", "status");
    table.parentNode.parentNode.insertBefore(status, table.parentNode.nextSibling);
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (header, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "emt-sort";
      while (header.firstChild) {
        button.appendChild(header.firstChild);
      }
      var mark = document.createElement("span");
      mark.className = "emt-sort-mark";
      mark.setAttribute("aria-hidden", "true");
      button.appendChild(mark);
      header.appendChild(button);
      button.addEventListener("click", function () { sortBy(table, index, status); });
    });
    table.classList.add("emt-sortable--ready");
  }

  function start() {
    var tables = document.querySelectorAll("table[data-emt-sortable]");
    for (var i = 0; i < tables.length; i++) {
      enhance(tables[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
