/* kepu zero-server search: the query side of kepu/search/static_index.py.
 *
 * Mirrors kepu/search/query.py: Chinese queries are cut with jieba's own
 * method (word graph + most probable route) over the index's words, English
 * words are Porter-stemmed as Whoosh does, lay synonyms are expanded, and
 * facets come from document-number ranges. No DOM here: search.js draws the
 * page, and Node runs this file to measure recall (scripts/search_eval.py).
 */
(function (root) {
  "use strict";

  var CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
  var PIECE = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)|([A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?)/g;
  var CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\ufeff]/g;
  var SYNTAX = /["\u201c\u201d\u201e\u00ab\u00bb'\u2018\u2019()[\]{}\uff08\uff09\u3010\u3011<>\u300a\u300b+:\uff1a^~*?\\/|&!\uff01\uff1f,\uff0c\u3002;\uff1b\u3001]/g;
  var OPERATORS = { AND: 1, OR: 1, NOT: 1, "&&": 1, "||": 1 };
  var MAX_QUERY = 200;
  var EN_STOP = words("a an and are as at be by can for from have if in is it may not of on or tbd " +
    "that the this to us we when will with yet you your what how why does do i my me");
  var ZH_STOP = words("的 了 是 在 和 与 及 或 吗 呢 吧 啊 呀 嘛 么 之 其 而 被 把 让 给 对 从 向 于 " +
    "怎么 怎样 怎么办 什么 如何 为什么 为何 哪些 哪个 是否 是不是 能不能 可不可以 " +
    "我 你 他 她 它 我们 你们 他们 这 那 这个 那个 这些 那些 有 就 都 也 还 又 很 " +
    "得 地 着 过 一个 一下 可以 应该 需要 能 会 要");

  function words(s) { var o = {}; s.split(" ").forEach(function (w) { o[w] = 1; }); return o; }
  function isStop(w) { return EN_STOP.hasOwnProperty(w.toLowerCase()) || ZH_STOP.hasOwnProperty(w); }

  // --- Porter stemmer (Porter 1980, as whoosh.lang.porter) -------------------
  var step2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble",
    alli: "al", entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate",
    alism: "al", iveness: "ive", fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive",
    biliti: "ble", logi: "log" };
  var step3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  // Whoosh's own variant (its consonant/vowel classes and anchoring), so stems match the index.
  var V = "[aeiouy]", CS = "[^aeiouy]+", VS = "[aeiou]+";
  var MGR0 = new RegExp("^(" + CS + ")?" + VS + CS);
  var MEQ1 = new RegExp("^(" + CS + ")?" + VS + CS + "(" + VS + ")?$");
  var MGR1 = new RegExp("^(" + CS + ")?" + VS + CS + VS + CS);
  var SV = new RegExp("^(" + CS + ")?" + V);

  function stem(w) {
    if (w.length < 3) return w;
    var re, re2, re3, re4, fp, first = w.charAt(0), stemPart, suffix;
    if (first === "y") w = "Y" + w.substr(1);
    re = /^(.+?)(ss|i)es$/; re2 = /^(.+?)([^s])s$/;
    if (re.test(w)) w = w.replace(re, "$1$2"); else if (re2.test(w)) w = w.replace(re2, "$1$2");
    re = /^(.+?)eed$/; re2 = /^(.+?)(ed|ing)$/;
    if (re.test(w)) {
      fp = re.exec(w);
      if (MGR0.test(fp[1])) w = w.replace(/.$/, "");
    } else if (re2.test(w)) {
      fp = re2.exec(w); stemPart = fp[1];
      if (SV.test(stemPart)) {
        w = stemPart;
        re2 = /^(at|bl|iz)$/; re3 = /^([^aeiouylsz])\1$/; re4 = new RegExp("^" + CS + V + "[^aeiouwxy]$");
        if (re2.test(w)) w = w + "e";
        else if (re3.test(w)) w = w.replace(/.$/, "");
        else if (re4.test(w)) w = w + "e";
      }
    }
    re = /^(.+?)y$/;
    if (re.test(w)) { fp = re.exec(w); if (SV.test(fp[1])) w = fp[1] + "i"; }
    re = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
    if (re.test(w)) { fp = re.exec(w); if (MGR0.test(fp[1])) w = fp[1] + step2[fp[2]]; }
    re = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
    if (re.test(w)) { fp = re.exec(w); if (MGR0.test(fp[1])) w = fp[1] + step3[fp[2]]; }
    re = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
    re2 = /^(.+?)(s|t)(ion)$/;
    if (re.test(w)) { fp = re.exec(w); if (MGR1.test(fp[1])) w = fp[1]; }
    else if (re2.test(w)) { fp = re2.exec(w); suffix = fp[1] + fp[2]; if (MGR1.test(suffix)) w = suffix; }
    re = /^(.+?)e$/;
    if (re.test(w)) {
      fp = re.exec(w); stemPart = fp[1];
      re3 = new RegExp("^" + CS + V + "[^aeiouwxy]$");
      if (MGR1.test(stemPart) || (MEQ1.test(stemPart) && !re3.test(stemPart))) w = stemPart;
    }
    if (/ll$/.test(w) && MGR1.test(w)) w = w.replace(/.$/, "");
    if (first === "y") w = "y" + w.substr(1);
    return w;
  }

  function normalizeWord(word) {
    var w = word.toLowerCase().replace(/\u2019/g, "'");
    if (/'s$/.test(w)) w = w.slice(0, -2);
    if (/^[\x00-\x7f]*$/.test(w)) return /^[a-z]+$/.test(w) ? stem(w) : w;
    return w;
  }

  function cleanText(s) { return (s || "").normalize("NFKC").replace(CONTROL, " "); }

  // --- buckets: 32-bit FNV-1a of the UTF-8 bytes (static_index.fnv1a) ---
  function utf8(s) { return typeof TextEncoder !== "undefined" ? new TextEncoder().encode(s) : Buffer.from(s, "utf8"); }
  function fnv1a(s) {
    var b = utf8(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193) >>> 0;
    return h >>> 0;
  }
  // Postings by the whole term; words by their first character (one bucket per query character).
  function shardOf(term, shards) { return fnv1a(term) % shards; }
  function wordShardOf(word, shards) { return fnv1a(Array.from(word)[0] || "") % shards; }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" }[c];
    });
  }

  /* Engine over a static index at `base` (URL or folder); fetchJson(path) → Promise<[json, bytes]>. */
  function Engine(base, fetchJson) {
    this.base = base.replace(/\/$/, "");
    this.fetchJson = fetchJson;
    this.files = {};
    this.data = {};
    this.bytes = 0;
  }

  Engine.prototype.get = function (path) {
    var self = this;
    if (!this.files[path]) {
      this.files[path] = this.fetchJson(this.base + "/" + path).then(function (r) {
        self.bytes += r[1];
        self.data[path] = r[0];
        return r[0];
      }, function () { self.data[path] = null; return null; });
    }
    return this.files[path];
  };

  Engine.prototype.getAll = function (paths) {
    var self = this, seen = {};
    return Promise.all(paths.filter(function (p) {
      if (seen[p]) return false;
      seen[p] = 1;
      return true;
    }).map(function (p) { return self.get(p); }));
  };

  Engine.prototype.load = function () {
    var self = this;
    return Promise.all([this.get("manifest.json"), this.get("synonyms.json")]).then(function (r) {
      self.manifest = r[0];
      self.keys = {};
      (r[1] ? r[1].groups : []).forEach(function (g) {
        g.keys.forEach(function (k) { if (!self.keys.hasOwnProperty(k)) self.keys[k] = g; });
      });
      return self;
    });
  };

  Engine.prototype.termPath = function (t) { return "t/" + shardOf(t, this.manifest.shards) + ".json"; };
  Engine.prototype.wordPath = function (w) { return "w/" + wordShardOf(w, this.manifest.words) + ".json"; };

  /* Fetches the postings buckets of these terms. */
  Engine.prototype.ready = function (terms) {
    var self = this;
    return this.getAll(terms.filter(Boolean).map(function (t) { return self.termPath(t); }));
  };

  // [postings, max score] of a term whose bucket has been fetched, else null.
  Engine.prototype.info = function (term) {
    var data = this.data[this.termPath(term)];
    return data && data.hasOwnProperty(term) ? data[term] : null;
  };

  // jieba frequency of a Chinese word whose word bucket has been fetched, else 0.
  Engine.prototype.freq = function (word) {
    var data = this.data[this.wordPath(word)];
    return data && data.hasOwnProperty(word) ? data[word] : 0;
  };

  // jieba's route: the most probable cut given word frequencies (analysis.QuerySegmenter).
  Engine.prototype.cutRun = function (run) {
    var chars = Array.from(run), n = chars.length, route = new Array(n + 1), total = 0, self = this;
    route[n] = [0, 0];
    var freqOf = function (w) { return self.freq(w); };
    var logTotal = Math.log(60000000);  // jieba's dictionary total: relative order is what matters
    for (var i = n - 1; i >= 0; i--) {
      var best = [Math.log(freqOf(chars[i]) || 1) - logTotal + route[i + 1][0], i + 1];
      for (var j = i + 2; j <= Math.min(n, i + 8); j++) {
        var f = freqOf(chars.slice(i, j).join(""));
        if (f) {
          var score = Math.log(f) - logTotal + route[j][0];
          if (score > best[0]) best = [score, j];
        }
      }
      route[i] = best;
    }
    var out = [], k = 0;
    while (k < n) { out.push(chars.slice(k, route[k][1]).join("")); k = route[k][1]; }
    total = out.length;
    return total ? out : [run];
  };

  function keyOf(phrase) {
    if (CJK.test(phrase)) return phrase.replace(/\s+/g, "");
    return (phrase.match(/[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?/g) || []).map(normalizeWord).join(" ");
  }

  Engine.prototype.parse = function (q) {
    var self = this;
    var text = cleanText(q).slice(0, MAX_QUERY).replace(SYNTAX, " ");
    text = text.split(/\s+/).filter(function (w) { return w && !OPERATORS[w.toUpperCase()]; }).join(" ");
    var firsts = [], m;
    PIECE.lastIndex = 0;
    while ((m = PIECE.exec(text))) {
      if (!m[2]) Array.from(m[1]).forEach(function (c) { firsts.push(self.wordPath(c)); });
    }
    return this.getAll(firsts).then(function () {
      var spans = [];
      PIECE.lastIndex = 0;
      while ((m = PIECE.exec(text))) {
        if (m[2]) spans.push([m.index, m.index + m[0].length, "en"]);
        else {
          var pos = m.index;
          self.cutRun(m[1]).forEach(function (w) { spans.push([pos, pos + w.length, "zh"]); pos += w.length; });
        }
      }
      var concepts = [], i = 0;
      while (i < spans.length) {
        var found = false;
        for (var j = Math.min(spans.length, i + 6); j > i; j--) {
          var phrase = text.slice(spans[i][0], spans[j - 1][1]);
          var group = self.keys[keyOf(phrase)];
          if (group && (j - i > 1 || phrase.length > 1)) {
            concepts.push({ text: phrase, alts: group.alts.filter(function (a) { return a.length; }),
              diseases: group.diseases, optional: false, single: false });
            i = j; found = true; break;
          }
        }
        if (found) continue;
        var word = text.slice(spans[i][0], spans[i][1]), kind = spans[i][2];
        i++;
        if (isStop(word)) continue;
        var single = kind === "zh" && word.length === 1;
        concepts.push({ text: word, alts: [[normalizeWord(word)]], diseases: [], optional: single, single: single });
      }
      if (concepts.length && concepts.every(function (c) { return c.optional; })) {
        concepts.forEach(function (c) { c.optional = false; });
      }
      return concepts;
    });
  };

  Engine.prototype.postings = function (term) {
    var info = this.info(term), out = new Map();
    if (!info || !info[0]) return out;
    var parts = info[0].split(","), weight = info[1] || 1, doc = 0;
    for (var i = 0; i < parts.length; i++) {  // base-36 doc delta, then a two-digit score
      var p = parts[i];
      doc += parseInt(p.slice(0, -2), 36);
      out.set(doc, parseInt(p.slice(-2), 36) * weight / 99);
    }
    return out;
  };

  Engine.prototype.conceptDocs = function (c) {
    var self = this, union = new Map();
    c.alts.forEach(function (alt) {
      var acc = null;
      alt.forEach(function (t) {
        var p = self.postings(t);
        if (acc === null) { acc = p; return; }
        var next = new Map();
        acc.forEach(function (s, d) { if (p.has(d)) next.set(d, s + p.get(d)); });
        acc = next;
      });
      (acc || new Map()).forEach(function (s, d) { union.set(d, Math.max(union.get(d) || 0, s)); });
    });
    return union;
  };

  /* "Did you mean" for English: an unknown word is replaced by the closest
   * indexed word with its first letter (e/<letter>.json, fetched only then). */
  Engine.prototype.correct = function (concepts) {
    var self = this, unknown = [];
    concepts.forEach(function (c) {
      var t = c.alts.length === 1 && c.alts[0].length === 1 ? c.alts[0][0] : null;
      if (t && !CJK.test(t) && /^[a-z]{3,}$/.test(t) && !self.info(t)) unknown.push(c);
    });
    if (!unknown.length) return Promise.resolve(null);
    return this.getAll(unknown.map(function (c) { return "e/" + c.alts[0][0].charAt(0) + ".json"; })).then(function () {
      var changed = false, words = [];
      concepts.forEach(function (c) {
        if (unknown.indexOf(c) < 0) { words.push(c.text); return; }
        var t = c.alts[0][0], data = self.data["e/" + t.charAt(0) + ".json"] || {};
        var max = t.length <= 4 ? 1 : 2, best = null;
        Object.keys(data).forEach(function (cand) {
          if (cand.charAt(0) !== t.charAt(0) || Math.abs(cand.length - t.length) > max) return;
          var d = distance(t, cand);
          if (d <= max && (!best || d < best[1] || (d === best[1] && data[cand] > data[best[0]]))) best = [cand, d];
        });
        if (best) { c.alts = [[best[0]]]; changed = true; }
        words.push(best ? best[0] : c.text);
      });
      return changed ? words.join(" ") : null;
    });
  };

  function distance(a, b) {  // Levenshtein
    var prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  Engine.prototype.facetOf = function (doc) {
    var r = this.manifest.ranges, lo = 0, hi = r.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (doc < r[mid][3]) hi = mid - 1; else if (doc >= r[mid][4]) lo = mid + 1;
      else return { lang: r[mid][0], disease: r[mid][1], type: r[mid][2] };
    }
    return { lang: "", disease: "", type: "" };
  };

  /* Chinese typos are homophones from pinyin input: retry with the word the pinyin spells. */
  Engine.prototype.search = function (q, opts) {
    var self = this;
    return this.searchOnce(q, opts).then(function (result) {
      if ((result.total && !result.weak) || !CJK.test(q)) return result;
      return self.get("pinyin.json").then(function (py) {
        var fixed = py ? fixChinese(self, q, py) : null;
        if (!fixed) return result;
        return self.searchOnce(fixed, opts).then(function (again) {
          if (!again.total) return result;
          again.corrected_from = q;
          again.bytes = self.bytes;
          return again;
        });
      });
    });
  };

  function fixChinese(engine, q, py) {
    var changed = false;
    var out = q.replace(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/g, function (run) {
      var chars = Array.from(run), res = "", i = 0;
      while (i < chars.length) {
        var done = false;
        for (var size = Math.min(6, chars.length - i); size > 1; size--) {
          var win = chars.slice(i, i + size), w = win.join("");
          if (engine.freq(w) > 0) { res += w; i += size; done = true; break; }
          var key = win.map(function (c) { return py.chars[c] || "?"; }).join("");
          var word = py.words[key];
          if (word && Array.from(word).length === size) { res += word; i += size; changed = true; done = true; break; }
        }
        if (!done) { res += chars[i]; i++; }
      }
      return res;
    });
    return changed ? out : null;
  }

  Engine.prototype.searchOnce = function (q, opts) {
    var self = this;
    opts = opts || {};
    var page = opts.page || 1, size = opts.pageSize || 10;
    var filters = {};
    ["lang", "type", "disease"].forEach(function (k) { if (opts[k]) filters[k] = opts[k]; });
    var termsOf = function (concepts) {
      var terms = [];
      concepts.forEach(function (c) { c.alts.forEach(function (a) { terms = terms.concat(a); }); });
      return terms;
    };
    return this.parse(q).then(function (concepts) {
      var corrected = null;
      return self.ready(termsOf(concepts)).then(function () {
        return self.correct(concepts);
      }).then(function (fixed) {
        corrected = fixed;
        return fixed ? self.ready(termsOf(concepts)) : null;
      }).then(function () {
        var result = self.rank(concepts, filters, page, size);
        result.corrected = corrected;
        result.weak = concepts.every(function (c) { return c.single; });
        return result;
      });
    }).then(function (result) {
      var chunk = self.manifest.chunk;
      var need = {};
      result.docs.forEach(function (d) { need[Math.floor(d / chunk)] = 1; });
      return Promise.all(Object.keys(need).map(function (c) { return self.get("d/" + c + ".json"); }))
        .then(function () {
          return Promise.all(result.docs.map(function (d) {
            return self.get("d/" + Math.floor(d / chunk) + ".json").then(function (cards) {
              var c = cards[d % chunk];
              return { url: c[0], title: c[1], summary: c[2], lang: c[3], type: c[4], disease: c[5],
                expert: c[6], reviewed: c[7],
                title_html: highlight(c[1], result.terms), summary_html: highlight(c[2], result.terms) };
            });
          }));
        }).then(function (results) {
          return { query: q, total: result.total, page: page, pages: Math.ceil(result.total / size),
            results: results, facets: result.facets, bytes: self.bytes,
            suggestion: result.corrected ? result.corrected : null, weak: result.weak };
        });
    });
  };

  Engine.prototype.rank = function (concepts, filters, page, size) {
    var self = this, facets = { type: {}, disease: {}, lang: {} };
    var empty = { total: 0, docs: [], facets: facets, terms: [] };
    if (!concepts.length) return empty;
    var required = concepts.filter(function (c) { return !c.optional; }).map(function (c) { return self.conceptDocs(c); });
    var optional = concepts.filter(function (c) { return c.optional; }).map(function (c) { return self.conceptDocs(c); });
    var combine = function (and) {
      var acc = null;
      required.forEach(function (m) {
        if (acc === null) { acc = new Map(m); return; }
        var next = new Map();
        if (and) acc.forEach(function (s, d) { if (m.has(d)) next.set(d, s + m.get(d)); });
        else {
          acc.forEach(function (s, d) { next.set(d, s + (m.get(d) || 0)); });
          m.forEach(function (s, d) { if (!acc.has(d)) next.set(d, s); });
        }
        acc = next;
      });
      return acc || new Map();
    };
    var count = function (matched) {
      var allowed = [];
      facets = { type: {}, disease: {}, lang: {} };
      matched.forEach(function (s, d) {
        var v = self.facetOf(d), misses = Object.keys(filters).filter(function (k) { return v[k] !== filters[k]; });
        if (!misses.length) allowed.push([d, s]);
        ["type", "disease", "lang"].forEach(function (k) {
          if (!misses.length || (misses.length === 1 && misses[0] === k)) facets[k][v[k]] = (facets[k][v[k]] || 0) + 1;
        });
      });
      return allowed;
    };
    var allowed = count(combine(true));
    if (!allowed.length && required.length > 1) allowed = count(combine(false));
    var diseases = {};
    concepts.forEach(function (c) { c.diseases.forEach(function (d) { diseases[d] = 1; }); });
    allowed.forEach(function (pair) {
      optional.forEach(function (m) { pair[1] += m.get(pair[0]) || 0; });
      var v = self.facetOf(pair[0]);
      if (diseases[v.disease]) pair[1] += v.type === "disease" ? 100 : 20;
    });
    allowed.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    var terms = [];
    concepts.forEach(function (c) {
      c.alts.forEach(function (a) { a.forEach(function (t) { if (!(c.optional && t.length < 2)) terms.push(t); }); });
    });
    return { total: allowed.length, facets: facets, terms: terms,
      docs: allowed.slice((page - 1) * size, page * size).map(function (p) { return p[0]; }) };
  };

  /* Marks query words in text; a slice of the text is never dropped or repeated. */
  function highlight(text, terms) {
    text = text || "";
    var spans = [], zh = terms.filter(function (t) { return CJK.test(t); });
    var en = {};
    terms.forEach(function (t) { if (!CJK.test(t)) en[t] = 1; });
    zh.forEach(function (t) {
      var i = text.indexOf(t);
      while (i !== -1) { spans.push([i, i + t.length]); i = text.indexOf(t, i + 1); }
    });
    var m, re = /[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)?/g;
    while ((m = re.exec(text))) if (en[normalizeWord(m[0])]) spans.push([m.index, m.index + m[0].length]);
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (s) {
      var last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]); else merged.push([s[0], s[1]]);
    });
    var out = "", pos = 0;
    merged.forEach(function (s) {
      out += escapeHtml(text.slice(pos, s[0])) + "<mark>" + escapeHtml(text.slice(s[0], s[1])) + "</mark>";
      pos = s[1];
    });
    return out + escapeHtml(text.slice(pos));
  }

  var api = { Engine: Engine, stem: stem, normalizeWord: normalizeWord, shardOf: shardOf,
    wordShardOf: wordShardOf, fnv1a: fnv1a,
    highlight: highlight, escapeHtml: escapeHtml };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.KepuSearchCore = api;
})(typeof self !== "undefined" ? self : this);
