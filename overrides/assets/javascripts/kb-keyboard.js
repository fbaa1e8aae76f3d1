// The navigation by keyboard and screen reader, where Material's CSS-only toggles fall short
// (overrides/partials/header.html and nav-item.html make the buttons this script drives):
// - below Material's drawer breakpoint the closed drawer is `inert`: out of the tab order and
//   hidden from screen readers, instead of 70-odd invisible links before the content;
// - the menu button opens and closes the drawer (Escape closes it too, focus back on the button);
// - each section's expand button toggles its section and says so in aria-expanded;
// - a table too wide for the screen (Material wraps it in a scroll box) can be scrolled by keyboard:
//   its box becomes a named, focusable region while, and only while, it scrolls.
// Material changes its toggles by clicking them (setToggle), so a `change` event always follows.
(() => {
  "use strict";
  const drawer = document.getElementById("__drawer");
  const sidebar = document.querySelector(".md-sidebar--primary");
  const menu = document.querySelector(".kb-drawer-toggle");
  // Material's own breakpoint: below it the primary sidebar is an off-screen drawer.
  const narrow = window.matchMedia("(max-width: 76.234375em)");

  const scrollBoxes = () => {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap")) {
      const heading = previousHeading(box);
      if (box.scrollWidth > box.clientWidth) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        if (heading && heading.id) box.setAttribute("aria-labelledby", heading.id);
      } else {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-labelledby");
      }
    }
  };
  // The heading the table stands under: its name as a region.
  const previousHeading = (element) => {
    for (let node = element.previousElementSibling; node; node = node.previousElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return node;
    }
    return null;
  };
  // Material wraps the tables once the page has loaded, after this script has run.
  window.addEventListener("load", scrollBoxes);
  window.addEventListener("resize", scrollBoxes);

  if (!drawer || !sidebar) return;

  const update = () => {
    sidebar.inert = narrow.matches && !drawer.checked;
    if (menu) menu.setAttribute("aria-expanded", String(drawer.checked));
  };
  drawer.addEventListener("change", update);
  narrow.addEventListener("change", update);
  update();

  if (menu) {
    menu.addEventListener("click", () => drawer.click());
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && drawer.checked && narrow.matches) {
        drawer.click();
        menu.focus();
      }
    });
  }

  for (const button of document.querySelectorAll(".kb-nav-toggle[data-kb-toggle]")) {
    const toggle = document.getElementById(button.dataset.kbToggle);
    if (!toggle) continue;
    button.addEventListener("click", () => toggle.click());
    toggle.addEventListener("change", () => button.setAttribute("aria-expanded", String(toggle.checked)));
  }
})();
