/* Reading settings: large text and high contrast, remembered across pages.
   Without JavaScript the links fall back to CSS :target, and the stylesheet
   already follows the browser's font size and prefers-contrast. */
(function () {
  var root = document.documentElement;
  function store(name, on) {
    try { localStorage.setItem("kepu-" + name, on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  function toggle(el) {
    var name = el.getAttribute("data-pref");
    var on = root.classList.toggle(name);
    el.setAttribute("aria-pressed", on ? "true" : "false");
    store(name, on);
  }
  var prefs = document.querySelectorAll("[data-pref]");
  for (var i = 0; i < prefs.length; i++) {
    var el = prefs[i];
    el.setAttribute("aria-pressed", root.classList.contains(el.getAttribute("data-pref")) ? "true" : "false");
    el.addEventListener("click", function (e) { e.preventDefault(); toggle(this); });
    el.addEventListener("keydown", function (e) {
      if (e.key === " ") { e.preventDefault(); toggle(this); }
    });
  }
})();
