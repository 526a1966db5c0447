// The certificate layout's live preview in Django admin (issue 15, certificates): after each change
// of the form, post its current values to the preview frame (the form's "Refresh the preview" button,
// which carries formaction/formtarget), at most once per 600 ms. No inline script (CSP).
(function () {
  "use strict";

  function setUp() {
    var button = document.querySelector("[data-certificate-preview]");
    if (!button || !button.form) {
      return;
    }
    var form = button.form;
    var timer = null;

    function refresh() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit(button);
        } else {
          button.click();
        }
      }, 600);
    }

    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    refresh();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
