/* What Material's search box cannot say by itself (the search is workers/kb-search.js):
   - when nothing matches: "Did you mean: …" with the site's nearest words as buttons that search
     again, and links to the glossary and the criteria overview;
   - when a query matches more pages than the list shows: how many, in the result count.
   The worker tells this script through a BroadcastChannel what it found for which query; the
   count is a live region (overrides/partials/search.html), so screen readers hear it.
   Labels and links come from this script's data attributes, in the page's language. */
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  var input = document.querySelector("input.md-search__input");
  var result = document.querySelector(".md-search-result");
  if (!input || !result || typeof BroadcastChannel !== "function") return;
  var meta = result.querySelector(".md-search-result__meta");
  var latest = null;

  function link(href, text) {
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  }

  /* "{glossary}" and "{criteria}" in the label become links; the rest stays text. */
  function helpLine() {
    var p = document.createElement("p");
    data.noneHelp.split(/(\{glossary\}|\{criteria\})/).forEach(function (part) {
      if (part === "{glossary}") p.appendChild(link(data.glossaryHref, data.glossary));
      else if (part === "{criteria}") p.appendChild(link(data.criteriaHref, data.criteria));
      else if (part) p.appendChild(document.createTextNode(part));
    });
    return p;
  }

  function searchFor(text) {
    input.value = text;
    input.focus();
    /* Material reads the box on keyup. */
    input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }

  function emptyState(suggest) {
    var box = document.createElement("div");
    box.className = "kb-search-empty";
    if (suggest.length) {
      var p = document.createElement("p");
      p.appendChild(document.createTextNode(data.didYouMean + " "));
      suggest.forEach(function (text, i) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "kb-search-suggestion";
        button.textContent = text;
        button.addEventListener("click", function () { searchFor(text); });
        if (i) p.appendChild(document.createTextNode(" · "));
        p.appendChild(button);
      });
      box.appendChild(p);
    }
    box.appendChild(helpLine());
    return box;
  }

  function render() {
    var old = result.querySelector(".kb-search-empty");
    var current = latest && latest.query === input.value && input.value.trim() !== "" ? latest : null;
    if (old && (!current || current.total > 0)) old.remove();
    if (!current) return;
    if (current.total === 0 && !old) meta.after(emptyState(current.suggest));
    if (current.total > current.shown) {
      var text = data.shown.replace("{shown}", current.shown).replace("{total}", current.total);
      if (meta.textContent !== text) meta.textContent = text;
    }
  }

  new BroadcastChannel("kb-search").addEventListener("message", function (ev) {
    latest = ev.data;
    render();
  });
  /* Material rewrites the count when its results arrive, maybe after our message. */
  new MutationObserver(render).observe(meta, { childList: true, characterData: true, subtree: true });
  input.addEventListener("input", render);
})();
