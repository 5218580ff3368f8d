// Site search: a small index matched in the browser, no server.
// Queries and documents are folded with the tables the build ships in the
// index (the same ones portal/text.py uses), so "isik" finds "Işık".
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("search-query");
  if (!box || !status || !input) return;

  var KIND_ORDER = { activity: 0, goal: 1, unit: 2, aim: 3, indicator: 4, page: 5 };
  // Indicators and general pages answer fewer searches than the things they describe.
  var KIND_WEIGHT = { activity: 1, goal: 1, unit: 1, aim: 1, indicator: 0.8, page: 0.7 };
  var index = null;

  function makeFold(lower, table) {
    var upper = new RegExp("[" + Object.keys(lower).join("") + "]", "g");
    var marks = new RegExp("[" + Object.keys(table).join("") + "]", "g");
    return function (text) {
      var s = text.normalize("NFC").replace(upper, function (c) { return lower[c]; }).toLowerCase();
      s = s.replace(marks, function (c) { return table[c]; });
      return s.normalize("NFD").replace(/\p{M}/gu, "");
    };
  }

  function tokens(folded) { return folded.match(/[a-z0-9]+/g) || []; }

  // Whether a and b differ by at most one edit (insert, delete, substitute or swap).
  function withinOne(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  function build(data) {
    var postings = new Map();
    data.docs.forEach(function (doc, i) {
      doc.n = doc.w.split(" ").length;
      [[doc.w, 3], [doc.x, 1]].forEach(function (field) {
        field[0].split(" ").forEach(function (t) {
          if (!t) return;
          var list = postings.get(t);
          if (!list) { list = new Map(); postings.set(t, list); }
          if ((list.get(i) || 0) < field[1]) list.set(i, field[1]);
        });
      });
    });
    return { docs: data.docs, postings: postings, vocab: Array.from(postings.keys()),
             synonyms: data.synonyms || {}, fold: makeFold(data.lower, data.fold) };
  }

  // Codes as journalists paste them: 1.5.2, 1-5-2, PH.1.5.F2, PH.1.5, PG.1.5.1.
  function codeOf(folded) {
    var q = folded.replace(/\s+/g, "");
    var m = q.match(/^pg\.?(\d+)[.-](\d+)[.-](\d+)$/);
    if (m) return { code: m.slice(1).join("."), kinds: ["indicator"] };
    m = q.match(/^(ph\.?)?(\d+)[.-](\d+)(?:[.-]?f?(\d+))?\.?$/);
    if (!m) return null;
    var code = m[2] + "." + m[3] + (m[4] ? "." + m[4] : "");
    return { code: code, kinds: m[4] ? ["activity", "indicator"] : ["goal", "aim"] };
  }

  // A word's matches, and those of the words staff listed as meaning the same (a little lower).
  function scoreWord(q) {
    var scores = scoreToken(q);
    (index.synonyms[q] || []).forEach(function (also) {
      scoreToken(also).forEach(function (s, doc) {
        if ((scores.get(doc) || 0) < s * 0.9) scores.set(doc, s * 0.9);
      });
    });
    return scores;
  }

  function scoreToken(q) {
    var scores = new Map();
    var numeric = /^\d+$/.test(q);
    index.vocab.forEach(function (t) {
      var s = 0;
      if (t === q) s = 3;
      else if (t.length > q.length && t.startsWith(q) && (q.length >= 2 || numeric)) s = 2;
      else if (!numeric && q.length >= 5 && withinOne(q, t)) s = 1.2;
      else if (!numeric && q.length >= 5 && t.length > q.length && withinOne(q, t.slice(0, q.length))) s = 0.8;
      if (!s) return;
      index.postings.get(t).forEach(function (weight, doc) {
        var v = s * weight;
        if ((scores.get(doc) || 0) < v) scores.set(doc, v);
      });
    });
    return scores;
  }

  function search(query) {
    var folded = index.fold(query.trim());
    if (!folded) return [];
    var hits = new Map();
    var code = codeOf(folded);
    if (code) {
      index.docs.forEach(function (doc, i) {
        if (doc.c === code.code && code.kinds.indexOf(doc.k) >= 0) hits.set(i, 1000 - code.kinds.indexOf(doc.k));
      });
      if (hits.size) return rank(hits);
    }
    var qs = tokens(folded);
    if (!qs.length) return [];  // only punctuation: nothing to look for
    var per = qs.map(scoreWord);
    per[0].forEach(function (s, doc) {
      var total = s;
      for (var j = 1; j < per.length; j++) {
        var v = per[j].get(doc);
        if (!v) return;
        total += v;
      }
      hits.set(doc, total * KIND_WEIGHT[index.docs[doc].k]);
    });
    if (!hits.size) {  // no document has every word: show those with most of them
      per.forEach(function (scores) {
        scores.forEach(function (s, doc) {
          hits.set(doc, (hits.get(doc) || 0) + s / 2 * KIND_WEIGHT[index.docs[doc].k]);
        });
      });
    }
    return rank(hits);
  }

  function rank(hits) {
    return Array.from(hits.entries()).sort(function (a, b) {
      var da = index.docs[a[0]], db = index.docs[b[0]];
      // equal scores: the more specific (shorter) title, then activities before goals, units ...
      return b[1] - a[1] || da.n - db.n || KIND_ORDER[da.k] - KIND_ORDER[db.k] || da.t.length - db.t.length;
    }).slice(0, 50).map(function (e) { return index.docs[e[0]]; });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function show(query) {
    box.textContent = "";
    status.textContent = "";
    if (!query.trim()) return;
    var results = search(query);
    var n = results.length;
    status.textContent = !n ? box.dataset.none
      : (n === 1 ? box.dataset.countOne : box.dataset.countOther).replace("{n}", n);
    if (!n) return;
    var list = el("ol");
    results.forEach(function (doc) {
      var item = el("li");
      var link = el("a", null, doc.t);
      link.href = doc.p;
      item.appendChild(link);
      var meta = [box.dataset["label" + doc.k.charAt(0).toUpperCase() + doc.k.slice(1)]];
      if (doc.d) meta.push(doc.d);  // the code as the document prints it, made by the build
      if (doc.u) meta.push(doc.u);
      if (doc.a) meta.push(doc.a);
      item.appendChild(el("span", "meta", meta.join(" · ")));
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  function sync() {
    var url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    show(input.value);
  }

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  fetch(box.dataset.index).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (data) {
    index = build(data);
    box.dataset.ready = "true";
    input.addEventListener("input", sync);
    show(input.value);
  }).catch(function () {
    status.textContent = box.dataset.failed;
  });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); sync(); });
})();
