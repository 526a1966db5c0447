// Live points and totals on the self-assessment sheet: mirrors clusters/domain/scoring.py's
// compute_points. The server recomputes on save; this only shows the figures as values are typed.
(function () {
  "use strict";
  const format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  function parse(text) {
    text = (text || "").trim().replace(/\s/g, "");
    if (!text) return null;
    if (text.includes(",")) text = text.replace(/\./g, "").replace(",", ".");
    const number = Number(text);
    return Number.isFinite(number) ? number : NaN;
  }

  function points(row, value) {
    const d = row.dataset;
    const max = Number(d.max);
    if (value === null) return 0;
    if (Number.isNaN(value) || value < 0) return NaN;
    switch (d.kind) {
      case "quantitative": {
        const ratio = value / Number(d.target);
        const atTarget = max * Number(d.share);
        if (ratio <= 1) return atTarget * ratio;
        if (ratio >= Number(d.full)) return max;
        return atTarget + (max - atTarget) * (ratio - 1) / (Number(d.full) - 1);
      }
      case "qualitative":
        return value >= 1 ? max : 0;
      case "per_count":
        return Math.min(value * Number(d.perCount), max);
      case "deduction":
        return value > max ? NaN : -value;
      default:
        return value > max ? NaN : value;
    }
  }

  function update(form) {
    let total = 0;
    form.querySelectorAll("[data-criterion]").forEach(function (row) {
      const input = row.querySelector("[data-value]");
      if (!input) return;
      const result = points(row, parse(input.value));
      const output = row.querySelector("[data-points]");
      if (Number.isNaN(result)) {
        output.textContent = "?";
        input.setAttribute("aria-invalid", "true");
      } else {
        const rounded = Math.round(result * 100) / 100;
        output.textContent = format.format(rounded);
        input.removeAttribute("aria-invalid");
        total += rounded;
      }
    });
    const totalNode = form.querySelector("[data-sheet-total]");
    if (totalNode) totalNode.textContent = format.format(Math.round(total * 100) / 100);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-scoring-form]").forEach(function (form) {
      if (!form.querySelector("[data-value]")) return;
      form.addEventListener("input", function () { update(form); });
      form.addEventListener("change", function () { update(form); });
      update(form);
    });
  });
})();
