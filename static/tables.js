// Tables of figures that a phone shows one block per row (class "stack", portal/reflow.py).
// Shown so, a table loses its table semantics in some browsers (Safari), so while the style
// sheet shows its rows as blocks each part of it is given its ARIA role; they are taken off
// again where it is shown as a table.  The roles are not in the markup: HTML forbids a role
// on the rows and cells of a table.  Without JavaScript the table is read as the browser
// exposes it.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.stack");
  if (!tables.length) return;
  var PARTS = "thead, tbody, tfoot, tr, th, td";
  var ROLES = { THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };

  function role(element) {
    if (element.tagName !== "TH") return ROLES[element.tagName];
    return element.parentNode.parentNode.tagName === "THEAD" ? "columnheader" : "rowheader";
  }

  function update() {
    Array.prototype.forEach.call(tables, function (table) {
      var blocks = window.getComputedStyle(table).display !== "table";
      if (blocks === table.hasAttribute("role")) return;
      var parts = [table].concat(Array.prototype.slice.call(table.querySelectorAll(PARTS)));
      parts.forEach(function (element) {
        if (blocks) element.setAttribute("role", element === table ? "table" : role(element));
        else element.removeAttribute("role");
      });
    });
  }

  // once the page is shown its style is computed: reading it then costs no extra work
  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();
