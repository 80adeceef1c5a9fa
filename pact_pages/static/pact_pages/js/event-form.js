// The event editor: an all-day event takes dates only, so its time inputs are hidden (and
// ignored by the form when sent). Without this script both are shown and the form still
// reads the times as the help text says.
(function () {
  "use strict";
  function update(form) {
    const box = form.querySelector('input[name="all_day"]');
    if (!box) return;
    form.querySelectorAll("[data-event-time-label]").forEach((label) => {
      label.hidden = box.checked;
    });
  }
  document.addEventListener("change", (event) => {
    if (event.target.name === "all_day" && event.target.form) update(event.target.form);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form").forEach(update);
  });
})();
