// Counts down every element with data-seconds (the seconds left when the server rendered the page).
// It counts from the page's own load time rather than the visitor's clock, so a wrong PC clock cannot
// show a wrong deadline; the server-rendered text stays as it is when scripts are off.
(function () {
  "use strict";
  var started = Date.now();
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-seconds]"));
  if (items.length === 0) return;

  function text(label, seconds) {
    var days = Math.floor(seconds / 86400);
    var hours = Math.floor((seconds % 86400) / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var secs = seconds % 60;
    return label + " " + days + " 天 " + hours + " 小时 " + minutes + " 分 " + secs + " 秒";
  }

  function tick() {
    var elapsed = Math.floor((Date.now() - started) / 1000);
    items.forEach(function (item) {
      var left = parseInt(item.getAttribute("data-seconds"), 10) - elapsed;
      item.textContent = left > 0 ? text(item.getAttribute("data-label"), left) : item.getAttribute("data-done");
    });
  }

  tick();
  setInterval(tick, 1000);
})();
