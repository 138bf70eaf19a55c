// Live pages without inline script: an element with data-poll asks its URL every few seconds
// and, once the state it reports differs from the one shown, says so in its status line and
// offers a link to the new page. Nothing reloads by itself, so nobody loses their place.
(function () {
  "use strict";
  var PERIOD_MS = 2000;
  function watch(box) {
    var shown = box.getAttribute("data-poll-state");
    var url = box.getAttribute("data-poll");
    var message = box.querySelector("[data-poll-message]");
    var link = box.querySelector("[data-poll-link]");
    function ask() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          var changed = data.state.split(" ")[0] !== shown;
          if (changed && data.final) {
            if (message) { message.textContent = data.message; }
            if (link) { link.hidden = false; }
            return;
          }
          setTimeout(ask, PERIOD_MS);
        })
        .catch(function () { setTimeout(ask, PERIOD_MS * 5); });
    }
    if (shown === "updating" || shown === "queued" || shown === "running") {
      setTimeout(ask, PERIOD_MS);
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    var boxes = document.querySelectorAll("[data-poll]");
    for (var i = 0; i < boxes.length; i++) { watch(boxes[i]); }
  });
})();
