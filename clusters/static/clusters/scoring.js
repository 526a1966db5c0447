// Live points and totals on the self-assessment sheet: mirrors clusters/domain/scoring.py's
// compute_points. The server recomputes on save; this only shows the figures as values are typed.
(function () {
  "use strict";
  const format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  // The rule of portal/numbers.py: "8.493" is 8493, "8.493,5" and "1,32" are decimals, a plain
  // "1.5" is a decimal where the dot cannot group thousands; anything else ("1,5,5") is not a number.
  function parse(text) {
    text = (text || "").trim().replace(/[\s\u00a0\u202f]/g, "");
    if (!text) return null;
    let sign = "";
    if (text[0] === "+" || text[0] === "-") {
      sign = text[0] === "-" ? "-" : "";
      text = text.slice(1);
    }
    if (/^\d+$/.test(text)) return Number(sign + text);
    if (/^\d+\.\d+$/.test(text) && !/^[1-9]\d{0,2}(\.\d{3})+$/.test(text)) return Number(sign + text);
    const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/.exec(text);
    if (!match) return NaN;
    return Number(sign + match[1].replace(/\./g, "") + (match[2] ? "." + match[2] : ""));
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
