// Autocomplete for choosing a row of a large table (portal/widgets.py): the select holds only the
// selected option(s); typing in the search box asks the endpoint and lists at most 20 suggestions.
// Without this script the search box is sent as typed (a code or an exact name) and the server
// looks it up.
(() => {
  const DELAY = 250;

  function setUp(box) {
    // The script is on every page (base.html) and a form's media may load it again: set up once.
    if (box.dataset.autocompleteReady) return;
    box.dataset.autocompleteReady = "1";
    const select = box.querySelector("select");
    const input = box.querySelector("[data-autocomplete-input]");
    const results = box.querySelector("[data-autocomplete-results]");
    const multiple = box.hasAttribute("data-autocomplete-multiple");
    let timer = null;
    let asked = 0;

    function pick(id, text) {
      if (!multiple) {
        select.querySelectorAll("option").forEach((option) => {
          if (option.value) option.remove();
        });
      }
      let option = Array.from(select.options).find((o) => o.value === String(id));
      if (!option) {
        option = new Option(text, String(id), true, true);
        select.add(option);
      }
      option.selected = true;
      input.value = "";
      results.hidden = true;
      results.replaceChildren();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function show(items) {
      results.replaceChildren();
      items.forEach((item) => {
        const button = document.createElement("button");
        button.type = "button";
        button.setAttribute("role", "option");
        button.className = "autocomplete-option";
        button.textContent = item.text;
        button.addEventListener("click", () => pick(item.id, item.text));
        results.append(button);
      });
      results.hidden = items.length === 0;
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      const query = input.value.trim();
      if (!query) {
        show([]);
        return;
      }
      timer = setTimeout(() => {
        const ticket = ++asked;
        const url = new URL(box.dataset.autocompleteUrl, window.location.href);
        url.searchParams.set("q", query);
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then((response) => (response.ok ? response.json() : { results: [] }))
          .then((data) => {
            if (ticket === asked) show(data.results || []);
          })
          .catch(() => show([]));
      }, DELAY);
    });

    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !results.hidden) {
        const first = results.querySelector("button");
        if (first) {
          event.preventDefault();
          first.click();
        }
      }
      if (event.key === "Escape") show([]);
    });
  }

  function start() {
    document.querySelectorAll(".autocomplete[data-autocomplete-url]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
