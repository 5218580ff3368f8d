// Site search: a small index matched in the browser, no server.
// Queries and documents are folded with the tables the build ships in the
// index (the same ones portal/text.py uses), so "isik" finds "Işık"; query
// words are stemmed with the page language's Snowball stemmer
// (static/stem-tr.js, stem-en.js: the algorithm the build stemmed the documents with),
// so "atık toplama" finds "Atıkların Toplanması" and "salaries" "salary".
// window.portalSearch exposes the folding, the stemming and the search
// itself, which the tests run against the build's own tables.
(function () {
  "use strict";
  var box = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  var input = document.getElementById("search-query");
  if (!box || !status || !input) return;

  // Equal scores: activities and goals first; indicators and pages answer fewer searches
  // than the things they describe, and weigh less too.
  var KIND_ORDER = { activity: 0, goal: 1, unit: 2, aim: 3, term: 4, indicator: 5, page: 6 };
  var KIND_WEIGHT = { activity: 1, goal: 1, unit: 1, aim: 1, term: 1, indicator: 0.6, page: 0.7 };
  // How a query word meets a word of the index: exact and prefix above stem, stem above typos.
  var EXACT = 3, PREFIX = 2, STEM = 1.9, ROOT = 1.5, TYPO = 1.2, TYPO_PREFIX = 0.8;
  // what staff listed a word as meaning, closest first; and, lower, the word from what it means
  var SYNONYM = 0.9, SYNONYM_STEP = 0.1, REVERSE = 0.6;
  // Where the word is: a short name weighs most, a long text (a goal's sentence) less, then
  // the surrounding words (unit, indicators, definition), the other language, the parent goal.
  var NAME = 3, LONG_NAME = 2, CONTEXT = 1, OTHER = 1, PARENT = 0.5, LONG = 12;
  var stemmer = window.portalStemmer || null;
  var index = null;

  function makeText(lowerTable, foldTable) {
    var upper = new RegExp("[" + Object.keys(lowerTable).join("") + "]", "g");
    var marks = new RegExp("[" + Object.keys(foldTable).join("") + "]", "g");
    function lower(text) {
      return text.normalize("NFC").replace(upper, function (c) { return lowerTable[c]; }).toLowerCase();
    }
    function fold(text) {
      var s = lower(text).replace(marks, function (c) { return foldTable[c]; });
      return s.normalize("NFD").replace(/\p{M}/gu, "");
    }
    return { lower: lower, fold: fold };
  }

  function tokens(folded) { return folded.match(/[a-z0-9]+/g) || []; }

  // A query's words: each folded, with the folded stems that should find it (as the build
  // made them in portal/outputs/stemming.py: the stem of the word as typed and of its folded form).
  function queryWords(text) {
    var out = [];
    (index.text.lower(text).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (token) {
      var pieces = tokens(index.text.fold(token));
      if (pieces.length !== 1) { pieces.forEach(function (p) { out.push({ w: p, stems: [] }); }); return; }
      var w = pieces[0], stems = [];
      if (stemmer && !/^\d+$/.test(w)) {
        [index.text.fold(stemmer.stem(token)), index.text.fold(stemmer.stem(w))].forEach(function (s) {
          if (s && s !== w && stems.indexOf(s) < 0) stems.push(s);
        });
      }
      out.push({ w: w, stems: stems });
    });
    // a lone letter beside other words is a possessive or an initial ("women's"): not a word to require
    var words = out.filter(function (word) { return word.w.length > 1 || /\d/.test(word.w); });
    return words.length ? words : out;
  }

  // Whether a and b differ by at most one edit (insert, delete, substitute or swap); no
  // strings are made, as this runs on every word of the index for a long query word.
  function withinOne(a, b) {
    var la = a.length, lb = b.length;
    if (la - lb > 1 || lb - la > 1) return false;
    var i = 0;
    while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (la === lb) {
      if (i >= la - 1 || same(a, i + 1, b, i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && same(a, i + 2, b, i + 2);
    }
    return la > lb ? same(a, i + 1, b, i) : same(a, i, b, i + 1);
  }

  // Whether the rest of a from i equals the rest of b from j.
  function same(a, i, b, j) {
    if (a.length - i !== b.length - j) return false;
    while (i < a.length) if (a.charCodeAt(i++) !== b.charCodeAt(j++)) return false;
    return true;
  }

  // Whether b begins with a, but for one letter changed or two swapped (a typo while typing).
  function prefixWithinOne(a, b) {
    var n = a.length, i = 0, j;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === n) return true;
    for (j = i + 1; j < n && a.charCodeAt(j) === b.charCodeAt(j);) j++;
    if (j === n) return true;  // one letter changed
    if (i + 1 >= n || a[i] !== b[i + 1] || a[i + 1] !== b[i]) return false;
    for (j = i + 2; j < n && a.charCodeAt(j) === b.charCodeAt(j);) j++;
    return j === n;  // two letters swapped
  }

  // The index of the first word of the sorted vocabulary not before `q`.
  function lowerBound(vocab, q) {
    var lo = 0, hi = vocab.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (vocab[mid] < q) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // The index is built in slices of documents, each in a task of its own: on a slow phone one
  // pass over every document would keep the page from answering for a tenth of a second.
  // (a message to itself, not setTimeout: nested timeouts wait at least 4 ms each)
  var SLICE = 100;
  var channel = new MessageChannel(), queued = [];
  channel.port1.onmessage = function () { queued.shift()(); };
  function nextTask(run) { queued.push(run); channel.port2.postMessage(null); }
  function inSlices(count, each) {
    return new Promise(function (done) {
      var start = 0;
      (function next() {
        for (var end = Math.min(start + SLICE, count); start < end; start++) each(start);
        if (start < count) nextTask(next); else done();
      })();
    });
  }

  function build(data) {
    var text = makeText(data.lower, data.fold);
    var postings = new Map();
    function post(word, doc, weight) {
      var list = postings.get(word);
      if (!list) { list = new Map(); postings.set(word, list); }
      if ((list.get(doc) || 0) < weight) list.set(doc, weight);
    }
    var titles = [];
    return inSlices(data.docs.length, function (i) {
      titles[i] = tokens(text.fold(data.docs[i].t));
    }).then(function () {
      return inSlices(data.docs.length, function (i) {
        var doc = data.docs[i], own = titles[i];
        doc.n = own.length;
        var name = own.length > LONG ? LONG_NAME : NAME;
        own.forEach(function (w) { post(w, i, name); });
        [[doc.x, CONTEXT], [doc.o, OTHER]].forEach(function (field) {
          if (field[0]) field[0].split(" ").forEach(function (w) { post(w, i, field[1]); });
        });
        if (doc.g !== undefined) titles[doc.g].forEach(function (w) { post(w, i, PARENT); });
        if (doc.i) {  // a goal is also found by its indicators' names
          for (var j = doc.i[0]; j < doc.i[0] + doc.i[1]; j++) titles[j].forEach(function (w) { post(w, i, CONTEXT); });
        }
      });
    }).then(function () {
      var stems = {};  // written by the build as what follows the stem, or "=" and the whole word
      Object.keys(data.stems || {}).forEach(function (s) {
        stems[s] = data.stems[s].split(" ").map(function (p) { return p.charAt(0) === "=" ? p.slice(1) : s + p; });
      });
      return { docs: data.docs, postings: postings, vocab: Array.from(postings.keys()).sort(), shown: null,
               known: new Map(), synonyms: data.synonyms || {}, reverse: data.reverse || {}, stems: stems,
               start: data.start || [], text: text };
    });
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

  function raise(scores, doc, value) {
    if ((scores.get(doc) || 0) < value) scores.set(doc, value);
  }

  // One query word's matches: doc -> score.  Made once per word and kept: typing
  // "asfalt y" after "asfalt" only looks up "y".
  function scoreWord(word) {
    var key = word.w + " " + word.stems.join(" ");
    var known = index.known.get(key);
    if (known) return known;
    var q = word.w, scores = new Map(), numeric = /^\d+$/.test(q), vocab = index.vocab, t, i;
    var best = new Map();  // vocabulary word -> how well it matches
    function take(t, s) { if ((best.get(t) || 0) < s) best.set(t, s); }
    for (i = lowerBound(vocab, q); i < vocab.length && vocab[i].startsWith(q); i++) {
      t = vocab[i];
      if (t === q) take(t, EXACT);
      else if (q.length >= 2 || numeric) take(t, PREFIX);
    }
    // a Turkish verbal noun ("toplama", "kiralamak") reaches the forms built on its verb
    // ("toplanması"), which Snowball's noun suffixes do not take off
    var root = stemmer && stemmer.lang === "tr" && /^(.{4,}?)m[ae]k?$/.exec(q);
    if (root) {
      for (i = lowerBound(vocab, root[1]); i < vocab.length && vocab[i].startsWith(root[1]); i++) take(vocab[i], ROOT);
    }
    word.stems.concat([q]).forEach(function (s) {
      if (s !== q && index.postings.has(s)) take(s, STEM);
      (index.stems[s] || []).forEach(function (t) { if (t !== q) take(t, STEM); });
    });
    if (!numeric && q.length >= 5) {
      for (i = 0; i < vocab.length; i++) {
        t = vocab[i];
        if (withinOne(q, t)) take(t, TYPO);
        else if (t.length > q.length && prefixWithinOne(q, t)) take(t, TYPO_PREFIX);
      }
    }
    best.forEach(function (s, t) {
      index.postings.get(t).forEach(function (weight, doc) { raise(scores, doc, s * weight); });
    });
    index.known.set(key, scores);
    return scores;
  }

  // Docs that match every one of `maps`, scored by the sum.
  function every(maps) {
    var out = new Map();
    if (!maps.length) return out;
    maps[0].forEach(function (s, doc) {
      var total = s;
      for (var j = 1; j < maps.length; j++) {
        var v = maps[j].get(doc);
        if (!v) return;
        total += v;
      }
      out.set(doc, total);
    });
    return out;
  }

  function phraseWords(words) { return words.map(function (w) { return { w: w, stems: [] }; }); }

  // The query's words grouped into terms: a phrase staff listed in search.yaml ("soup kitchen")
  // is one term, found by its own words or, a little lower, by the phrases it stands for.
  function terms(words) {
    var out = [], i = 0;
    while (i < words.length) {
      var taken = 1, alts = null, back = null;
      for (var len = Math.min(3, words.length - i); len >= 1; len--) {
        var part = words.slice(i, i + len);
        var keys = [part.map(function (w) { return w.w; }).join(" ")];
        if (len === 1) keys = keys.concat(part[0].stems);
        for (var k = 0; k < keys.length && !alts && !back; k++) {
          alts = index.synonyms[keys[k]] || null;
          back = index.reverse[keys[k]] || null;
        }
        if (alts || back) { taken = len; break; }
      }
      out.push({ words: words.slice(i, i + taken), alts: alts || [], back: back || [] });
      i += taken;
    }
    return out;
  }

  // A term's matches: its own words, or one of the phrases it stands for, each listed phrase
  // a little lower than the one before it (staff list the closest first).
  function scoreTerm(term) {
    var scores = every(term.words.map(scoreWord));
    function also(alt, factor) {
      every(phraseWords(alt).map(scoreWord)).forEach(function (s, doc) { raise(scores, doc, s * factor); });
    }
    term.alts.forEach(function (alt, i) { also(alt, SYNONYM - SYNONYM_STEP * i); });
    term.back.forEach(function (alt) { also(alt, REVERSE); });
    return scores;
  }

  function search(query) {
    var folded = index.text.fold(query.trim());
    if (!folded) return [];
    var hits = new Map();
    var code = codeOf(folded);
    if (code) {
      index.docs.forEach(function (doc, i) {
        if (doc.c === code.code && code.kinds.indexOf(doc.k) >= 0) hits.set(i, 1000 - code.kinds.indexOf(doc.k));
      });
      if (hits.size) return rank(hits);
    }
    var words = queryWords(query);
    if (!words.length) return [];  // only punctuation: nothing to look for
    // a document's score: the sum over the terms it matches, times the share of terms it
    // matches, so a strong match of one word in a name can outrank two faint ones in a text
    var per = terms(words).map(scoreTerm), found = new Map();
    per.forEach(function (scores) {
      scores.forEach(function (s, doc) {
        hits.set(doc, (hits.get(doc) || 0) + s);
        found.set(doc, (found.get(doc) || 0) + 1);
      });
    });
    hits.forEach(function (s, doc) {
      hits.set(doc, s * found.get(doc) / per.length * KIND_WEIGHT[index.docs[doc].k]);
    });
    return rank(hits);
  }

  function rank(hits) {
    return Array.from(hits.entries()).sort(function (a, b) {
      var da = index.docs[a[0]], db = index.docs[b[0]];
      return b[1] - a[1] || KIND_ORDER[da.k] - KIND_ORDER[db.k] || da.n - db.n || da.t.length - db.t.length;
    }).slice(0, 50).map(function (e) { return index.docs[e[0]]; });
  }

  // folded word -> how a title writes it ("cop" -> "çöp"), to suggest words as people write them
  function written() {
    var shown = new Map();
    index.docs.forEach(function (doc) {
      (index.text.lower(doc.t).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (token) {
        tokens(index.text.fold(token)).forEach(function (w) { if (!shown.has(w)) shown.set(w, token); });
      });
    });
    return shown;
  }

  // "Did you mean": each word that finds nothing replaced by the index's commonest word one
  // edit away from it; null when no word changes.
  function suggestion(query) {
    var changed = false;
    if (!index.shown) index.shown = written();
    var words = queryWords(query).map(function (word) {
      if (scoreWord(word).size) return index.shown.get(word.w) || word.w;
      var best = null, most = 0;
      if (word.w.length >= 3) {
        index.vocab.forEach(function (t) {
          var n = index.postings.get(t).size;
          if (n > most && withinOne(word.w, t)) { best = t; most = n; }
        });
      }
      if (!best) return index.shown.get(word.w) || word.w;
      changed = true;
      return index.shown.get(best) || best;
    });
    return changed ? words.join(" ") : null;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function link(href, text) {
    var a = el("a", null, text);
    a.href = href;
    return a;
  }

  // A message with {q} in it, the part in braces made a link.
  function sentence(template, href, text) {
    var p = el("p"), parts = template.split("{q}");
    p.appendChild(document.createTextNode(parts[0]));
    p.appendChild(link(href, text));
    p.appendChild(document.createTextNode(parts[1] || ""));
    return p;
  }

  function item(doc) {
    var li = el("li");
    li.appendChild(link(doc.p, doc.t));
    var meta = [box.dataset["label" + doc.k.charAt(0).toUpperCase() + doc.k.slice(1)]];
    if (doc.d) meta.push(doc.d);  // the code as the document prints it, made by the build
    if (doc.u) meta.push(doc.u);
    if (doc.a) meta.push(doc.a);
    li.appendChild(el("span", "meta", meta.join(" · ")));
    return li;
  }

  function list(docs, cls) {
    var ol = el("ol", cls);
    docs.forEach(function (doc) { ol.appendChild(item(doc)); });
    return ol;
  }

  // Nothing found: a spelling the index knows, the same words in the other language's search,
  // and a few places to start from.
  function help(query) {
    var aside = el("div", "search-help");
    var better = suggestion(query);
    if (better) aside.appendChild(sentence(box.dataset.didYouMean, "?q=" + encodeURIComponent(better), better));
    aside.appendChild(sentence(box.dataset.otherText, box.dataset.other + "?q=" + encodeURIComponent(query.trim()),
                               query.trim()));
    aside.appendChild(el("p", null, box.dataset.start));
    var start = list(index.start.map(function (i) { return index.docs[i]; }), "search-start");
    var units = el("li");
    units.appendChild(link(box.dataset.units, box.dataset.unitsLabel));
    start.appendChild(units);
    aside.appendChild(start);
    box.appendChild(aside);
  }

  function show(query) {
    box.textContent = "";
    status.textContent = "";
    if (!query.trim()) return;
    var results = search(query);
    var n = results.length;
    status.textContent = !n ? box.dataset.none
      : (n === 1 ? box.dataset.countOne : box.dataset.countOther).replace("{n}", n);
    if (n) box.appendChild(list(results, "results")); else help(query);
    otherYears(query);
  }

  // The language switch leads to the same search in the other language.
  var switcher = document.querySelector("a.lang-switch");
  var switchBase = switcher ? switcher.getAttribute("href").split("?")[0] : "";
  function keepQuery(query) {
    var year = new URLSearchParams(window.location.search).get("year");
    var params = (query ? "q=" + encodeURIComponent(query) : "") + (year ? (query ? "&" : "") + "year=" + year : "");
    if (switcher) switcher.setAttribute("href", switchBase + (params ? "?" + params : ""));
  }

  function sync() {
    var url = new URL(window.location.href);
    if (input.value) url.searchParams.set("q", input.value); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    keepQuery(input.value);
    show(input.value);
  }

  // With several programmes, the search looks in the year it was asked from (?year=) and
  // offers the same query in the others.
  var years = (box.dataset.years || "").split("|").filter(Boolean).map(function (pair) { return pair.split(" "); });
  var asked = new URLSearchParams(window.location.search).get("year");
  var chosen = years.filter(function (y) { return y[0] === asked; })[0];
  var year = chosen ? chosen[0] : box.dataset.year;

  function otherYears(query) {
    if (years.length < 2) return;
    var p = el("p", "search-years", box.dataset.inYear.replace("{y}", year) + " " + box.dataset.otherYears + " ");
    years.filter(function (y) { return y[0] !== year; }).forEach(function (y, i) {
      if (i) p.appendChild(document.createTextNode(" · "));
      p.appendChild(link("?q=" + encodeURIComponent(query.trim()) + "&year=" + y[0], y[0]));
    });
    box.appendChild(p);
  }

  input.value = new URLSearchParams(window.location.search).get("q") || "";
  keepQuery(input.value);
  fetch(chosen ? chosen[1] : box.dataset.index).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(build).then(function (built) {
    index = built;
    return new Promise(nextTask);  // the first search: a task of its own
  }).then(function () {
    window.portalSearch = {
      fold: index.text.fold, lower: index.text.lower,
      stem: function (word) { return stemmer ? stemmer.stem(word) : word; },
      search: function (query) { return search(query).map(function (doc) { return doc.p; }); }
    };
    box.dataset.ready = "true";
    input.addEventListener("input", sync);
    show(input.value);
  }).catch(function () {
    status.textContent = box.dataset.failed;
  });
  input.form.addEventListener("submit", function (event) { event.preventDefault(); sync(); });
})();
