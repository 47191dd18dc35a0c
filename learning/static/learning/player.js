/* Video lessons: the learner's choice of quality (remembered on this device, "data saver"),
   and resuming where they stopped. Nothing downloads before play: the <video> keeps
   preload="none" and only its poster shows. Without this file the page plays 240p. */
(function () {
  "use strict";
  var KEY = "learning.video.quality";

  function remembered() {
    try { return window.localStorage.getItem(KEY); } catch (error) { return null; }
  }
  function remember(value) {
    try { window.localStorage.setItem(KEY, value); } catch (error) { /* private mode */ }
  }
  // No choice yet: the lightest choices on a metered or slow link or a small screen.
  function preferred() {
    var saved = remembered();
    if (saved) return saved;
    var connection = navigator.connection;
    if (connection && (connection.saveData || /2g$/.test(connection.effectiveType || ""))) {
      return "audio";
    }
    if (window.matchMedia && window.matchMedia("(max-width: 40em)").matches) return "240p";
    return "360p";
  }

  function enhance(figure) {
    var video = figure.querySelector("video.video-player");
    var fieldset = figure.querySelector(".video-quality");
    if (!video || !fieldset || video.getAttribute("data-enhanced")) return;
    video.setAttribute("data-enhanced", "1");
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll("input[type=radio]"));
    var start = parseInt(video.getAttribute("data-start") || "0", 10) || 0;

    function find(value) {
      return inputs.filter(function (input) { return input.value === value; })[0] || null;
    }
    function use(input) {
      var time = Math.floor(video.currentTime || 0) || start;
      var playing = !video.paused;
      input.checked = true;
      video.classList.toggle("video-audio-only", input.value === "audio");
      // Setting src runs the media element's load algorithm, which honours preload="none".
      video.src = input.getAttribute("data-src") + (time > 0 ? "#t=" + time : "");
      if (playing) {
        var promise = video.play();
        if (promise && promise.catch) promise.catch(function () {});
      }
    }

    use(find(preferred()) || fieldset.querySelector("input:checked") || inputs[0]);
    fieldset.hidden = false;
    fieldset.addEventListener("change", function (event) {
      if (event.target.type !== "radio") return;
      remember(event.target.value);
      use(event.target);
    });

    var url = video.getAttribute("data-position-url");
    var form = figure.querySelector("form.video-position");
    if (!url || !form || !window.fetch || !window.FormData) return;
    var sent = start;
    function save(seconds) {
      if (seconds === sent) return;
      sent = seconds;
      var data = new FormData(form);
      data.set("position", String(seconds));
      window.fetch(url, { method: "POST", body: data, credentials: "same-origin", keepalive: true })
        .catch(function () {});
    }
    function saveNow() { save(Math.floor(video.currentTime || 0)); }
    var timer = null;
    video.addEventListener("play", function () {
      if (!timer) timer = window.setInterval(saveNow, 15000);
    });
    video.addEventListener("pause", function () {
      window.clearInterval(timer);
      timer = null;
      if (!video.ended) saveNow();
    });
    video.addEventListener("ended", function () { save(0); });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden" && !video.paused) saveNow();
    });
  }

  function enhanceAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.video-lesson"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
