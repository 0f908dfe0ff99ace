// Small behaviours for every page. No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // Ask once before a destructive action; the button says what will be lost in data-confirm.
  document.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var message = (submitter && submitter.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
    }
  });
  // A form is submitted once: the second click while the first is under way does nothing.
  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) return;
    var form = event.target;
    if (form.dataset.submitted === "1") {
      event.preventDefault();
      return;
    }
    form.dataset.submitted = "1";
    window.setTimeout(function () { form.dataset.submitted = ""; }, 5000);
  });
})();
