// The reader's time zone for event times. The server reads it from the address only (`tz`):
// pages are cached per address, so a zone read from a cookie would be served to the next
// reader. This script puts the zone the reader chose before (cookie `pact_tz`), or else the
// browser's own (Intl), into the address once; without it each event shows its own zone.
(function () {
  "use strict";
  const COOKIE = "pact_tz";
  function remembered() {
    const found = document.cookie.split("; ").find((part) => part.startsWith(COOKIE + "="));
    return found ? decodeURIComponent(found.slice(COOKIE.length + 1)) : "";
  }
  function remember(zone) {
    const age = zone ? 31536000 : 0;
    document.cookie = `${COOKIE}=${encodeURIComponent(zone)}; path=/; max-age=${age}; SameSite=Lax`;
  }
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (form.matches && form.matches("[data-zone-form]")) {
      remember(form.elements.tz.value.trim());
    }
  });
  const url = new URL(window.location.href);
  if (url.searchParams.has("tz") || !document.querySelector("[data-event-times]")) return;
  let zone = remembered();
  if (!zone && window.Intl && Intl.DateTimeFormat) {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  }
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(zone)) return;
  url.searchParams.set("tz", zone);
  window.location.replace(url.toString());
})();
