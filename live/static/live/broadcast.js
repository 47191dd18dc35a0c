/* The live room's broadcast player. Nothing downloads before the person presses Play (not
   even hls.js, loaded then). Sound only by default when the phone saves data; the person
   chooses sound only, 240p or 360p. hls.js plays where the browser has Media Source
   Extensions, the browser itself where it plays HLS (Safari on the iPhone). A broadcast
   that stops (live.js passes the room's broadcast.started/stopped events as
   "live:broadcast") says it will resume, and the player retries until it does. */
(function () {
  "use strict";

  var section = document.querySelector("[data-broadcast]");
  if (!section || !window.fetch) return;

  var RETRY_EVERY = 4000;
  var STALLED_AFTER = 8000;
  var video = section.querySelector("[data-broadcast-video]");
  var playButton = section.querySelector("[data-broadcast-play]");
  var status = section.querySelector("[data-broadcast-status]");
  var paused = section.querySelector(".broadcast-paused");
  var sources = parse(section.dataset.sources);
  var state = section.hidden ? "" : (paused && !paused.hidden ? "paused" : "on");
  var started = false;
  var hls = null;
  var retryTimer = 0;
  var lastTime = -1;
  var lastProgress = 0;
  var hlsLoading = null;

  section.querySelector("[data-broadcast-player]").hidden = false;
  section.querySelector("[data-broadcast-links]").hidden = true;
  var saveData = navigator.connection && navigator.connection.saveData;
  if (saveData) choose("audio");
  setQualityClass();

  function parse(text) {
    try { return JSON.parse(text || "{}") || {}; } catch (error) { return {}; }
  }

  function choice() {
    var checked = section.querySelector('input[name="broadcast-quality"]:checked');
    return checked ? checked.value : "240p";
  }

  function choose(value) {
    var input = section.querySelector('input[name="broadcast-quality"][value="' + value + '"]');
    if (input) input.checked = true;
  }

  function setQualityClass() {
    section.dataset.quality = choice();
  }

  function say(text) {
    if (status) status.textContent = text || "";
  }

  function useHlsJs() {
    return !!(window.MediaSource || window.ManagedMediaSource);
  }

  function loadHlsJs() {
    if (window.Hls) return Promise.resolve(window.Hls);
    if (!hlsLoading) {
      hlsLoading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = section.dataset.hlsScript;
        script.onload = function () { resolve(window.Hls); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return hlsLoading;
  }

  function detach() {
    if (hls) {
      hls.destroy();
      hls = null;
    }
    video.removeAttribute("src");
    video.load();
  }

  function attach() {
    var url = sources[choice()];
    clearTimeout(retryTimer);
    retryTimer = 0;
    if (!url) return;
    say(section.dataset.loadingText);
    detach();
    lastTime = -1;
    lastProgress = Date.now();
    if (useHlsJs()) {
      loadHlsJs().then(function (Hls) {
        if (!Hls || !Hls.isSupported()) return native(url);
        hls = new Hls({
          // The live edge minus two segments: under ten seconds behind the trainer.
          liveSyncDurationCount: 2,
          enableWorker: false,
          manifestLoadingMaxRetry: 2,
          levelLoadingMaxRetry: 2
        });
        hls.on(Hls.Events.ERROR, function (_event, data) {
          if (data.fatal) retry();
        });
        hls.loadSource(url);
        hls.attachMedia(video);
        playWhenReady();
      }, function () { retry(); });
    } else {
      native(url);
    }
  }

  function native(url) {
    video.src = url;
    playWhenReady();
  }

  function playWhenReady() {
    var promise = video.play();
    if (promise && promise.catch) promise.catch(function () {});
  }

  // The playlist is missing or stopped growing: try again a little later.
  function retry() {
    if (!started) return;
    if (paused) paused.hidden = false;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(function () {
      if (started) attach();
    }, RETRY_EVERY);
  }

  function watch() {
    if (!started) return;
    if (video.currentTime !== lastTime && !video.paused) {
      lastTime = video.currentTime;
      lastProgress = Date.now();
      if (state === "on" && paused) paused.hidden = true;
      say("");
    } else if (!video.paused && Date.now() - lastProgress > STALLED_AFTER && !retryTimer) {
      retry();
    }
  }

  function stop() {
    started = false;
    clearTimeout(retryTimer);
    retryTimer = 0;
    detach();
    say("");
    playButton.textContent = section.dataset.playText;
  }

  playButton.addEventListener("click", function () {
    if (started) stop();
    else {
      started = true;
      playButton.textContent = section.dataset.stopText;
      attach();
    }
  });

  section.addEventListener("change", function (event) {
    if (event.target.name !== "broadcast-quality") return;
    setQualityClass();
    if (started) attach();
  });

  video.addEventListener("ended", retry);
  video.addEventListener("error", function () { if (!hls) retry(); });
  video.addEventListener("timeupdate", function () { lastProgress = Date.now(); });
  setInterval(watch, 2000);

  document.addEventListener("live:broadcast", function (event) {
    var data = event.detail || {};
    var before = state;
    state = data.state || "";
    if (data.sources && data.sources.auto) {
      var changed = data.sources.auto !== sources.auto;
      sources = data.sources;
      section.querySelectorAll("[data-source]").forEach(function (link) {
        link.href = sources[link.dataset.source] || "";
      });
      if (changed && started) attach();
    }
    // Back on air: start again from the new live edge.
    if (state === "on" && before !== "on" && started) attach();
    if (!state && started) stop();
  });
})();
