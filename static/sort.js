// Sortable and filterable tables (the activities and units indexes).  Without JavaScript
// the page is the complete table in its server-rendered order and the controls stay hidden.
// The view is kept in the address (?sort=&dir=&unit=&aim=&econ=) so a shared link shows it.
// A column of names sorts by each row's place in the alphabet of the page's language, given
// with the row (data-type "rank", portal/contexts.py): the browser needs no collator of its own.
(function () {
  "use strict";

  // "1.234" on a Turkish page: digits grouped by the separator the page gives (Intl's number
  // formats cost a phone's main thread tens of milliseconds to load, for a count)
  function grouped(n, separator) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  }

  function codeCompare(a, b) {  // "1.5.10" after "1.5.9"
    var x = a.split("."), y = b.split(".");
    for (var i = 0; i < Math.max(x.length, y.length); i++) {
      var d = (parseInt(x[i], 10) || 0) - (parseInt(y[i], 10) || 0);
      if (d) return d;
    }
    return 0;
  }

  function compareBy(type) {  // "code", or a "number" or "rank"
    if (type === "code") return codeCompare;
    return function (a, b) { return parseFloat(a) - parseFloat(b); };
  }

  function setup(table) {
    var id = table.id;
    // the controls act on the table as they change: a group of controls, not a form to submit
    var controls = document.querySelector('[data-controls-for="' + id + '"]');
    var status = document.querySelector('[data-status-for="' + id + '"]');
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var order = new Map(rows.map(function (row, i) { return [row, i]; }));  // ties keep the page's order
    var headers = {};
    var buttons = [];
    Array.prototype.forEach.call(table.querySelectorAll("thead th[data-sort]"), function (th) {
      var key = th.getAttribute("data-sort");
      headers[key] = th;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      var icon = document.createElement("span");
      icon.className = "sort-icon";
      icon.setAttribute("aria-hidden", "true");
      button.appendChild(icon);
      th.appendChild(button);
      buttons.push(button);
      button.addEventListener("click", function () {
        state.dir = state.sort === key ? (state.dir === "asc" ? "desc" : "asc") : th.getAttribute("data-dir");
        state.sort = key;
        apply(true);
      });
    });
    var defaultSort = table.getAttribute("data-default-sort");
    var filters = controls ? Array.prototype.slice.call(controls.querySelectorAll("select[data-filter]")) : [];

    function defaults() {
      var s = { sort: defaultSort, dir: headers[defaultSort].getAttribute("data-dir") };
      filters.forEach(function (select) { s[select.name] = ""; });
      return s;
    }

    function allowed(select, value) {
      return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    }

    function fromUrl() {
      var params = new URLSearchParams(window.location.search);
      var s = defaults();
      var sort = params.get("sort");
      if (sort && headers[sort]) {
        s.sort = sort;
        s.dir = headers[sort].getAttribute("data-dir");
      }
      var dir = params.get("dir");
      if (dir === "asc" || dir === "desc") s.dir = dir;
      filters.forEach(function (select) {
        var value = params.get(select.name);
        if (value && allowed(select, value)) s[select.name] = value;
      });
      return s;
    }

    function passes(row) {
      return filters.every(function (select) {
        var value = state[select.name];
        if (!value) return true;
        if (select.getAttribute("data-filter") === "positive") {
          return parseFloat(row.getAttribute("data-" + select.name + "-" + value) || "0") > 0;
        }
        return row.getAttribute("data-" + select.name) === value;
      });
    }

    function toUrl() {
      var params = new URLSearchParams(window.location.search);
      var d = defaults();
      if (state.sort === d.sort && state.dir === d.dir) {
        params.delete("sort");
        params.delete("dir");
      } else {
        params.set("sort", state.sort);
        params.set("dir", state.dir);
      }
      filters.forEach(function (select) {
        if (state[select.name]) params.set(select.name, state[select.name]);
        else params.delete(select.name);
      });
      var query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
    }

    function apply(interactive) {
      var th = headers[state.sort];
      var compare = compareBy(th.getAttribute("data-type"));
      var attribute = "data-sort-" + state.sort;
      var sign = state.dir === "desc" ? -1 : 1;
      var sorted = rows.slice().sort(function (a, b) {
        return sign * compare(a.getAttribute(attribute), b.getAttribute(attribute)) || order.get(a) - order.get(b);
      });
      var shown = 0;
      sorted.forEach(function (row) {
        var visible = passes(row);
        if (row.hidden === visible) row.hidden = !visible;
        if (visible) shown++;
      });
      // rows are moved only when their order changes (not for the page's own order on load)
      if (sorted.some(function (row, i) { return row !== body.rows[i]; })) {
        var fragment = document.createDocumentFragment();
        sorted.forEach(function (row) { fragment.appendChild(row); });
        body.appendChild(fragment);
      }
      Object.keys(headers).forEach(function (key) {
        if (key === state.sort) headers[key].setAttribute("aria-sort", state.dir === "asc" ? "ascending" : "descending");
        else headers[key].removeAttribute("aria-sort");
      });
      if (controls) {
        Array.prototype.forEach.call(controls.querySelectorAll("select"), function (select) {
          if (select.name in state) select.value = state[select.name];
        });
      }
      if (status && (interactive || !same(state, defaults()))) {
        var label = (th.textContent || "").trim();
        status.textContent = status.getAttribute("data-template")
          .replace("{shown}", grouped(shown, status.getAttribute("data-group")))
          .replace("{total}", grouped(rows.length, status.getAttribute("data-group")))
          .replace("{column}", label)
          .replace("{direction}", status.getAttribute(state.dir === "asc" ? "data-asc" : "data-desc"));
      }
      if (interactive) toUrl();
    }

    function same(a, b) {
      return Object.keys(a).every(function (k) { return a[k] === b[k]; });
    }

    // the header row is not shown where the style sheet stacks the table (its breakpoint is
    // written there alone): its buttons take no tab stop then
    function tabStops() {
      var hide = table.tHead && window.getComputedStyle(table.tHead).position === "absolute";
      buttons.forEach(function (button) {
        if (hide) button.setAttribute("tabindex", "-1");
        else button.removeAttribute("tabindex");
      });
    }

    var state = fromUrl();
    if (controls) {
      controls.hidden = false;
      controls.addEventListener("change", function (event) {
        var element = event.target;
        if (!(element.name in state)) return;
        state[element.name] = element.value;
        if (element.name === "sort") state.dir = headers[element.value].getAttribute("data-dir");
        apply(true);
      });
      var reset = controls.querySelector("[data-reset]");
      if (reset) {
        reset.addEventListener("click", function () {
          state = defaults();
          apply(true);
        });
      }
    }
    tabStops();
    window.addEventListener("resize", tabStops);
    apply(false);
  }

  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), setup);
})();
