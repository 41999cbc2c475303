// jiti console: follows a running deployment's log live (Server-Sent Events) and reloads the page when it ends.
(function () {
  "use strict";
  var log = document.getElementById("log");
  if (!log || !log.dataset.events || !window.EventSource) {
    return;
  }
  var events = new EventSource(log.dataset.events);
  var fresh = true;
  events.addEventListener("log", function (e) {
    if (fresh) { // the stream starts from the first line: it replaces what the page had
      log.textContent = "";
      fresh = false;
    }
    log.textContent += e.data + "\n";
    log.scrollTop = log.scrollHeight;
  });
  events.addEventListener("status", function (e) {
    events.close();
    var end = JSON.parse(e.data);
    var status = document.getElementById("status");
    if (status) {
      status.textContent = end.status;
      status.className = "status " + end.status;
    }
    window.setTimeout(function () { window.location.reload(); }, 500);
  });
  events.onerror = function () {
    events.close();
  };
})();
