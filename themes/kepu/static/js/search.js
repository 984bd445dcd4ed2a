/* kepu search page: the service when the page names one (data-api), otherwise the
 * zero-server index (search-core.js). Results are plain links in a list; the
 * count is announced in a live region; the query stays in the URL (?q=…). */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root) return;
  var core = window.KepuSearchCore;
  var lang = root.getAttribute("data-lang");
  var api = root.getAttribute("data-api");
  var label = function (k) { return root.getAttribute("data-label-" + k) || k; };
  var input = document.getElementById("search-page-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var facetBox = document.getElementById("search-facets");
  var engine = null;

  function fetchJson(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text().then(function (t) { return [JSON.parse(t), t.length]; });
    });
  }

  function run(params) {
    if (api) {
      var qs = new URLSearchParams({ q: params.q, lang: lang, page: String(params.page || 1) });
      if (params.type) qs.set("type", params.type);
      if (params.disease) qs.set("disease", params.disease);
      return fetch(api.replace(/\/$/, "") + "/search?" + qs).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.error || r.status);
          return body;
        });
      });
    }
    engine = engine || new core.Engine(root.getAttribute("data-index"), fetchJson);
    var ready = engine.manifest ? Promise.resolve(engine) : engine.load();
    return ready.then(function () {
      return engine.search(params.q, { lang: lang, type: params.type, disease: params.disease, page: params.page || 1 });
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) node.textContent = text;
    return node;
  }

  function render(params, body) {
    list.innerHTML = "";
    facetBox.innerHTML = "";
    var msg = body.total + " " + label("results");
    if (body.corrected_from) msg = label("showing") + " " + body.query + " · " + msg;
    status.textContent = body.total ? msg : label("none");
    if (body.suggestion && !body.corrected_from) {
      var p = el("p", { "class": "did-you-mean" }, label("didyoumean") + ": ");
      var a = el("a", { href: "?q=" + encodeURIComponent(body.suggestion) }, body.suggestion);
      p.appendChild(a);
      status.appendChild(document.createElement("br"));
      status.appendChild(p);
    }
    var types = body.facets && body.facets.type || {};
    if (Object.keys(types).length > 1 || params.type) {
      var nav = el("nav", { "aria-label": "type" });
      [["", label("all")]].concat(Object.keys(types).sort().map(function (k) {
        return [k, label("type-" + k) + " (" + types[k] + ")"];
      })).forEach(function (pair) {
        var q = new URLSearchParams({ q: params.q });
        if (pair[0]) q.set("type", pair[0]);
        var link = el("a", { href: "?" + q, "class": "facet" }, pair[1]);
        if ((params.type || "") === pair[0]) link.setAttribute("aria-current", "true");
        nav.appendChild(link);
        nav.appendChild(document.createTextNode(" "));
      });
      facetBox.appendChild(nav);
    }
    body.results.forEach(function (hit) {
      var li = el("li", { "class": "search-hit" });
      var h = el("h2");
      var link = el("a", { href: hit.url });
      link.innerHTML = hit.title_html;  // escaped by the service / search-core; only <mark> is markup
      h.appendChild(link);
      li.appendChild(h);
      li.appendChild(el("p", { "class": "hit-meta" }, label("type-" + hit.type) +
        (hit.expert ? " · " + label("reviewed") + " " + hit.expert : "")));
      var summary = el("p");
      summary.innerHTML = hit.snippet_html || hit.summary_html;
      li.appendChild(summary);
      list.appendChild(li);
    });
    if (body.page < body.pages) {
      var more = new URLSearchParams({ q: params.q, page: String(body.page + 1) });
      if (params.type) more.set("type", params.type);
      var li2 = el("li", { "class": "search-more" });
      li2.appendChild(el("a", { href: "?" + more }, label("more")));
      list.appendChild(li2);
    }
  }

  var params = new URLSearchParams(location.search);
  var state = { q: (params.get("q") || "").slice(0, 200), type: params.get("type") || "",
    disease: params.get("disease") || "", page: Math.max(1, Math.min(50, parseInt(params.get("page"), 10) || 1)) };
  input.value = state.q;
  if (!state.q.trim()) return;
  root.setAttribute("aria-busy", "true");
  run(state).then(function (body) { render(state, body); }, function () {
    status.textContent = label("error");
  }).then(function () { root.setAttribute("aria-busy", "false"); root.setAttribute("data-ready", "1"); });
})();
