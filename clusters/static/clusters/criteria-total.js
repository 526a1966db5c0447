// Live total maximum on the criterion form: the other criteria's total (from the server) plus the
// maximum being typed, unless the criterion is a deduction. Numbers are read the Vietnamese way
// ("1.234,5"); the server's figure stays when the typed value cannot be read.
(() => {
  function parse(text) {
    let value = String(text || "").trim().replace(/\s/g, "");
    if (!value) return 0;
    if (value.includes(",")) value = value.replace(/\./g, "").replace(",", ".");
    else if (/^\d{1,3}(\.\d{3})+$/.test(value)) value = value.replace(/\./g, "");
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }

  function format(number) {
    return number.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  }

  function start() {
    const box = document.querySelector("[data-criteria-total]");
    const shown = box && box.querySelector("[data-criteria-total-value]");
    const max = document.querySelector("[data-criterion-max]");
    const kind = document.querySelector("select[name='kind']");
    if (!box || !shown || !max) return;
    const others = Number(box.dataset.otherTotal) || 0;
    const update = () => {
      const typed = parse(max.value);
      if (typed === null) return;
      const counted = kind && kind.value === "deduction" ? 0 : typed;
      shown.textContent = format(others + counted);
    };
    max.addEventListener("input", update);
    if (kind) kind.addEventListener("change", update);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
