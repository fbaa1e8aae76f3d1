/* "How to cite this page" (kb/render/cite.py), improved where scripts run. Without this script
   the box reads correctly: its date is the date the site was last updated, and every format is
   text a reader can select. With it: the reader's own access date goes into each format, and each
   format gets a copy button that says "Copied" to screen readers too (role="status").
   Labels come from this script's data attributes, in the page's language (overrides/main.html). */
(function () {
  "use strict";
  var labels = document.currentScript.dataset;

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  /* The same date pattern as kb/render/cite.py's formatted_date (languages/*.yml: cite_date_pattern). */
  function formatted(date, pattern) {
    var values = {
      YYYY: String(date.getFullYear()),
      MMMM: labels.months.split(" ")[date.getMonth()],
      MM: pad(date.getMonth() + 1),
      DD: pad(date.getDate()),
      M: String(date.getMonth() + 1),
      D: String(date.getDate())
    };
    return pattern.replace(/YYYY|MMMM|MM|DD|M|D/g, function (token) { return values[token]; });
  }

  function fillAccessDates(box, today) {
    var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
    var lines = {
      text: " (" + labels.accessed + " " + formatted(today, labels.datePattern) + ")",
      bibtex: "  urldate      = {" + iso + "},\n",
      ris: "Y2  - " + iso.replace(/-/g, "/") + "\n"
    };
    box.querySelectorAll(".kb-cite__accessed").forEach(function (slot) {
      var kind = slot.className.match(/kb-cite__accessed--(\w+)/);
      if (kind && lines[kind[1]]) slot.textContent = lines[kind[1]];
    });
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function addCopyButton(format) {
    var label = format.previousElementSibling;
    var source = format.closest(".kb-cite__source");
    var heading = source && source.querySelector(".kb-cite__heading");
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "kb-cite__copy";
    button.textContent = labels.copy;
    /* Each button's name says what it copies; it starts with the visible word (WCAG 2.5.3). */
    button.setAttribute("aria-label", labels.copy + " " + (label ? label.textContent : "") +
      (heading ? " – " + heading.textContent.split(" (")[0] : ""));
    status.className = "kb-cite__status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = format.innerText.replace(/\n+$/, "") + "\n";
      var copied = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(text)
        : Promise.reject(new Error("no clipboard"));
      copied.then(function () {
        status.textContent = labels.copied;
      }, function () {
        select(format);
        status.textContent = labels.copyFailed;
      });
      window.setTimeout(function () { status.textContent = ""; }, 4000);
    });
    var actions = document.createElement("p");
    actions.className = "kb-cite__actions";
    actions.appendChild(button);
    actions.appendChild(status);
    format.parentNode.insertBefore(actions, format.nextSibling);
  }

  document.querySelectorAll(".kb-cite").forEach(function (box) {
    fillAccessDates(box, new Date());
    box.querySelectorAll(".kb-cite__format").forEach(addCopyButton);
  });
})();
