// A search box over a long list of choices (a select, or a list of checkboxes): typing
// keeps the choices whose label holds every word typed. Without JavaScript the list stays
// whole and the box stays hidden.
(function () {
  "use strict";

  function matches(label, words) {
    const text = label.toLowerCase().replace(/_/g, " ");
    return words.every((word) => text.includes(word));
  }

  function filterSelect(select, words) {
    let first = null;
    for (const option of select.options) {
      const shown = !option.value || matches(option.textContent, words);
      option.hidden = !shown;
      if (shown && option.value && first === null) first = option;
    }
    for (const group of select.querySelectorAll("optgroup")) {
      group.hidden = !Array.from(group.children).some((option) => !option.hidden);
    }
    const current = select.selectedOptions[0];
    if (first !== null && (!current || current.hidden)) {
      select.value = first.value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
    return select.querySelectorAll("option:not([hidden])").length;
  }

  function filterCheckboxes(root, words) {
    let count = 0;
    for (const box of root.querySelectorAll("input[type=checkbox]")) {
      const item = box.closest("div") || box.parentElement;
      const shown = box.checked || matches(item.textContent, words);
      item.hidden = !shown;
      count += shown ? 1 : 0;
    }
    return count;
  }

  function setUp(root) {
    const search = root.querySelector("[data-filterable-choices-search]");
    const status = root.querySelector("[data-filterable-choices-status]");
    if (!search || search.dataset.ready) return;
    search.dataset.ready = "true";
    search.hidden = false;
    search.addEventListener("input", () => {
      const words = search.value.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
      const select = root.querySelector("select");
      const count = select ? filterSelect(select, words) : filterCheckboxes(root, words);
      if (status) status.textContent = (status.dataset.template || "%(count)s").replace("%(count)s", count);
    });
    search.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();  // do not submit the whole form
    });
  }

  function setUpAll() {
    document.querySelectorAll("[data-filterable-choices]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
