// The data notes by kind (amounts, counts, wording).  Without JavaScript the kind links jump
// to each kind's section; with it they show that section alone.  The choice is kept in the
// address (?kind=money), as static/sort.js keeps a table's order, so a shared link shows it.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("nav[data-filter-for]"), function (nav) {
    var list = document.getElementById(nav.getAttribute("data-filter-for"));
    if (!list) return;
    var sections = Array.prototype.slice.call(list.querySelectorAll("section[data-kind]"));
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[data-kind]"));
    var status = document.querySelector('[data-status-for="' + list.id + '"]');

    function known(kind) {
      return sections.some(function (s) { return s.getAttribute("data-kind") === kind; });
    }

    function apply(kind) {
      var shown = null;
      sections.forEach(function (s) {
        s.hidden = !!kind && s.getAttribute("data-kind") !== kind;
        if (!s.hidden && kind) shown = s;
      });
      links.forEach(function (a) {
        if (a.getAttribute("data-kind") === kind) a.setAttribute("aria-current", "true");
        else a.removeAttribute("aria-current");
      });
      if (status) {
        var active = links.filter(function (a) { return a.getAttribute("data-kind") === kind; })[0];
        status.textContent = kind && active ? status.getAttribute("data-template")
          .replace("{kind}", active.getAttribute("data-name")) : "";
      }
      return shown;
    }

    var params = new URLSearchParams(window.location.search);
    var kind = params.get("kind") || "";
    if (!known(kind)) kind = "";
    // a link to one entry shows it, whatever kind the address asks for
    var target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
    if (kind && target && list.contains(target) && !target.closest('section[data-kind="' + kind + '"]')) kind = "";
    apply(kind);

    links.forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        var chosen = a.getAttribute("data-kind");
        var section = apply(chosen);
        var query = new URLSearchParams(window.location.search);
        if (chosen) query.set("kind", chosen);
        else query.delete("kind");
        var search = query.toString();
        var hash = section ? "#" + section.id : "";
        window.history.replaceState(null, "", window.location.pathname + (search ? "?" + search : "") + hash);
        if (section) section.scrollIntoView();
      });
    });
  });
})();
