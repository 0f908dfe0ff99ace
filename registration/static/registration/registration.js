// Registration forms: duration chips, the non-blocking privacy warning, and export progress.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var chip = event.target.closest("[data-duration]");
    if (!chip) return;
    var input = document.querySelector("input[name=duration_minutes]");
    if (input) {
      input.value = chip.dataset.duration;
      input.focus();
    }
  });

  var PHONE = /(?:^|[^\w])(?:\+|00)?\d(?:[\s.-]?\d){8,13}(?![\w])/;
  var EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
  var HANDLE = /(?:^|[^\w.+-])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}/;
  var box = document.querySelector("[data-privacy-warning]");
  function check() {
    if (!box) return;
    var found = [];
    document.querySelectorAll("[data-privacy-check]").forEach(function (field) {
      var text = field.value || "";
      if (PHONE.test(text)) found.push(box.dataset.phone);
      if (EMAIL.test(text)) found.push(box.dataset.email);
      if (HANDLE.test(text.replace(EMAIL, ""))) found.push(box.dataset.handle);
    });
    box.textContent = found.length ? found.join(" ") + " " + box.dataset.hint : "";
    box.classList.toggle("d-none", found.length === 0);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches("[data-privacy-check]")) check();
  });

  var progress = document.querySelector("[data-export-status]");
  if (progress) {
    var poll = function () {
      fetch(progress.dataset.exportStatus, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          progress.value = data.progress;
          progress.textContent = data.progress + "%";
          if (data.download) {
            var link = document.querySelector("[data-download]");
            link.classList.remove("d-none");
            link.focus();
          } else if (data.status !== "failed") {
            window.setTimeout(poll, 1500);
          }
        });
    };
    window.setTimeout(poll, 1000);
  }
})();
