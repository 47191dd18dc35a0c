/* The live room's client. It keeps the server-rendered room, console or projector up to
   date: a websocket that resumes by sequence number, an HTTP long poll when websockets do
   not get through, and the page's own forms sent as action frames. Without it the forms
   post as usual. Text people typed is only ever set with textContent. */
(function () {
  "use strict";

  var root = document.querySelector("[data-live-room]");
  var configElement = document.getElementById("live-config");
  if (!root || !configElement || !window.fetch || !window.Map) return;

  var PING_EVERY = 20000;
  var DEAD_AFTER = 10000;
  var ACK_TIMEOUT = 15000;
  var MAX_BACKOFF = 30000;
  var MAX_PROBE = 300000;
  var ANNOUNCEMENTS = 5;
  var LINK = /https?:\/\/[^\s<>"]+/gi;

  var cfg = root.dataset;
  var config = JSON.parse(configElement.textContent);
  var T = config.text;
  var me = {};
  var room = {
    state: cfg.state,
    pinned: +cfg.pinned || null,
    video_url: linkOf("video_url"),
    low_data_url: linkOf("low_data_url"),
    premoderation: words(cfg.flags).indexOf("premoderation") >= 0,
    broadcast: words(cfg.flags).indexOf("onair") >= 0 ? "on"
      : words(cfg.flags).indexOf("broadcast") >= 0 ? "paused" : ""
  };
  var questions = new Map();
  var polls = new Map();
  var last = +cfg.seq || 0;
  var held = new Map();
  var resumeAskedAt = 0;
  var transport = "websocket";
  var socket = null;
  var failures = 0;
  var backoff = 1000;
  var httpBackoff = 1000;
  var probeWait = 10000;
  var stopped = false;
  var mode = "";
  var pingTimer = 0;
  var deadTimer = 0;
  var polling = false;
  var pollAbort = null;
  var refs = 0;
  // Actions not yet answered, by key, in the order they were made: sent again (same key,
  // so the server does each once) after a reconnection, until an ack or a final error.
  var outbox = new Map();
  var retryTimer = 0;
  var dirty = new Set();
  var roomDirty = false;
  var flushTimer = 0;
  var noticeTimer = 0;
  var lastClicked = null;

  setMe(config.me);

  // --- Small helpers ---------------------------------------------------------------------

  function $(selector, element) { return (element || root).querySelector(selector); }
  function $$(selector, element) {
    return Array.prototype.slice.call((element || root).querySelectorAll(selector));
  }
  function words(value) { return value ? value.split(/\s+/).filter(Boolean) : []; }
  function toSet(list) {
    var set = new Set();
    (list || []).forEach(function (item) { set.add(+item); });
    return set;
  }
  function time(iso) { return Date.parse(String(iso || "").replace(/(\.\d{3})\d+/, "$1")) || 0; }
  function linkOf(name) {
    var link = $('[data-link="' + name + '"]');
    return link ? link.getAttribute("href") || "" : "";
  }
  function fromTemplate(id) {
    var template = document.getElementById(id);
    var first = template && template.content && template.content.firstElementChild;
    return first ? first.cloneNode(true) : null;
  }
  function setMe(data) {
    me.moderator = !!data.moderator;
    me.mine = toSet(data.questions);
    me.voted = toSet(data.voted);
    me.ballots = data.ballots || {};
  }

  // Text with its web addresses as links, built node by node: nothing typed is parsed as HTML.
  function setText(element, text) {
    if (!element) return;
    element.textContent = "";
    text = String(text == null ? "" : text);
    var at = 0;
    var match;
    LINK.lastIndex = 0;
    while ((match = LINK.exec(text))) {
      var url = match[0].replace(/[.,;:!?)\]}'"]+$/, "");
      element.appendChild(document.createTextNode(text.slice(at, match.index)));
      var link = document.createElement("a");
      link.href = url;
      link.textContent = url;
      link.rel = "nofollow noopener noreferrer ugc";
      link.target = "_blank";
      link.dir = "ltr";
      element.appendChild(link);
      at = match.index + url.length;
      LINK.lastIndex = at;
    }
    element.appendChild(document.createTextNode(text.slice(at)));
  }

  // An element marked data-if / data-unless shows when the flags of its question, poll or
  // room hold every word of data-if and none of data-unless (the server applies the same).
  function applyFlags(scope, flags) {
    scope.dataset.flags = flags.join(" ");
    $$("[data-if],[data-unless]", scope).forEach(function (node) {
      if (node.closest("[data-scope]") !== scope) return;
      var ok = words(node.dataset.if).every(function (f) { return flags.indexOf(f) >= 0; }) &&
        !words(node.dataset.unless).some(function (f) { return flags.indexOf(f) >= 0; });
      node.hidden = !ok;
    });
  }

  // --- What the page showed when it was rendered ------------------------------------------

  function statusIn(flags, states, fallback) {
    return states.filter(function (s) { return flags.indexOf(s) >= 0; })[0] || fallback;
  }

  $$("[data-question]").forEach(function (element) {
    var id = +element.dataset.question;
    if (!id) return;
    var flags = words(element.dataset.flags);
    questions.set(id, {
      el: element,
      q: {
        id: id,
        text: $("[data-text]", element).textContent,
        votes: +$("[data-votes]", element).textContent,
        created_at: element.dataset.created,
        t: time(element.dataset.created),
        status: statusIn(flags, ["pending", "visible", "hidden"], "visible"),
        answered: flags.indexOf("answered") >= 0,
        anonymous: flags.indexOf("anonymous") >= 0,
        author: $("[data-author]", element).textContent || null
      }
    });
  });

  $$("[data-poll]").forEach(function (element) {
    var id = +element.dataset.poll;
    if (!id) return;
    var flags = words(element.dataset.flags);
    polls.set(id, {
      el: element,
      p: {
        id: id,
        question: $("[data-poll-question]", element).textContent,
        multiple: flags.indexOf("multiple") >= 0,
        state: statusIn(flags, ["draft", "open", "closed"], "open"),
        voters: +$("[data-voters]", element).textContent,
        options: $$("[data-results] [data-option]", element).map(function (row) {
          return {
            id: +row.dataset.option,
            text: $("[data-option-text]", row).textContent,
            votes: +$("[data-votes]", row).textContent
          };
        })
      }
    });
  });

  // --- Questions -------------------------------------------------------------------------

  function questionFlags(q) {
    var flags = [q.status];
    if (q.answered) flags.push("answered");
    if (q.anonymous) flags.push("anonymous");
    if (room.pinned === q.id) flags.push("pinned");
    if (me.voted.has(q.id)) flags.push("voted");
    if (me.mine.has(q.id)) flags.push("mine");
    return flags;
  }

  function newQuestion(q) {
    var element = fromTemplate("live-question-template");
    if (!element) return null;
    var textId = "question-" + q.id + "-text";
    element.id = "question-" + q.id;
    element.dataset.question = q.id;
    var text = $("[data-text]", element);
    text.id = textId;
    setText(text, q.text);
    $$("[aria-describedby]", element).forEach(function (n) {
      n.setAttribute("aria-describedby", textId);
    });
    $$('input[name="question"]', element).forEach(function (n) { n.value = q.id; });
    return element;
  }

  function renderQuestion(entry) {
    var q = entry.q;
    entry.el.dataset.created = q.created_at;
    $("[data-author]", entry.el).textContent = q.author || "";
    $("[data-votes]", entry.el).textContent = q.votes;
    applyFlags(entry.el, questionFlags(q));
  }

  function listFor(q) {
    var list = $('[data-list~="' + q.status + '"]');
    if (!list && q.status === "pending" && me.mine.has(q.id)) list = $('[data-list~="mine"]');
    return list;
  }

  function upsertQuestion(data) {
    var id = +data.id;
    var entry = questions.get(id);
    if (!id) return;
    if (!entry) {
      if (data.text === undefined) return; // only its id or status: nothing to show
      var element = newQuestion({ id: id, text: data.text });
      if (!element) return;
      entry = { el: element, q: {} };
      questions.set(id, entry);
    }
    Object.keys(data).forEach(function (key) { entry.q[key] = data[key]; });
    entry.q.id = id;
    entry.q.t = time(entry.q.created_at);
    var list = listFor(entry.q);
    if (!list) {
      removeQuestion(id);
      return;
    }
    if (entry.el.parentNode !== list) {
      if (entry.el.parentNode) touch(entry.el.parentNode);
      list.appendChild(entry.el);
    }
    renderQuestion(entry);
    touch(list);
    if (id === room.pinned) roomDirty = true;
  }

  function removeQuestion(id) {
    var entry = questions.get(id);
    if (!entry) return;
    questions.delete(id);
    if (entry.el.parentNode) {
      touch(entry.el.parentNode);
      entry.el.parentNode.removeChild(entry.el);
    }
    if (id === room.pinned) roomDirty = true;
  }

  function sortList(list) {
    var sort = list.dataset.sort;
    if (!sort) return;
    var limit = +list.dataset.limit || 0;
    var items = Array.prototype.slice.call(list.children);
    var key = function (element) {
      var entry = questions.get(+element.dataset.question);
      return entry ? entry.q : { votes: 0, t: 0, id: 0 };
    };
    items.sort(function (a, b) {
      var qa = key(a);
      var qb = key(b);
      var newer = qb.t - qa.t || qb.id - qa.id;
      if (sort === "oldest") return -newer;
      if (sort === "newest") return newer;
      return qb.votes - qa.votes || newer;
    });
    items.forEach(function (element, index) {
      if (list.children[index] !== element) list.insertBefore(element, list.children[index]);
      if (limit) element.hidden = index >= limit;
    });
  }

  // --- Polls -----------------------------------------------------------------------------

  function pollFlags(p) {
    var ballot = me.ballots[p.id];
    var flags = [p.state];
    if (p.multiple) flags.push("multiple");
    if (ballot) flags.push("voted");
    if (ballot || p.state === "closed" || me.moderator) flags.push("results");
    return flags;
  }

  function newPoll(p) {
    var element = fromTemplate("live-poll-template");
    if (!element) return null;
    var prefix = "poll-" + p.id;
    element.id = prefix;
    element.dataset.poll = p.id;
    element.setAttribute("aria-labelledby", prefix + "-question");
    var heading = $("[data-poll-question]", element);
    heading.id = prefix + "-question";
    heading.textContent = p.question;
    $$('input[name="poll"]', element).forEach(function (n) { n.value = p.id; });
    $$("[data-choices],[data-results]", element).forEach(function (list) {
      var model = list.firstElementChild;
      p.options.forEach(function (option) {
        var row = model.cloneNode(true);
        var input = $("input", row);
        if (input) {
          input.type = p.multiple ? "checkbox" : "radio";
          input.value = option.id;
          input.id = prefix + "-option-" + option.id;
          $("label", row).htmlFor = input.id;
        } else {
          row.dataset.option = option.id;
        }
        $("[data-option-text]", row).textContent = option.text;
        list.appendChild(row);
      });
      list.removeChild(model);
    });
    return element;
  }

  function renderPoll(entry) {
    var p = entry.p;
    var ballot = (me.ballots[p.id] || []).map(Number);
    $("[data-voters]", entry.el).textContent = p.voters;
    p.options.forEach(function (option) {
      var row = $('[data-results] [data-option="' + option.id + '"]', entry.el);
      if (!row) return;
      var bar = $("progress", row);
      var chosen = $("[data-chosen]", row);
      $("[data-votes]", row).textContent = option.votes;
      $("[data-percent]", row).textContent =
        p.voters ? Math.round((100 * option.votes) / p.voters) : 0;
      if (bar) {
        bar.max = p.voters || 1;
        bar.value = option.votes;
      }
      if (chosen) chosen.hidden = ballot.indexOf(option.id) < 0;
    });
    applyFlags(entry.el, pollFlags(p));
  }

  function upsertPoll(data) {
    var id = +data.id;
    var entry = polls.get(id);
    var box = $("[data-polls]");
    if (!box || !id) return;
    if (words(box.dataset.pollStates).indexOf(data.state) < 0) {
      if (entry) {
        polls.delete(id);
        box.removeChild(entry.el);
        touch(box);
      }
      return;
    }
    if (!entry) {
      if (!data.options) return;
      var element = newPoll(data);
      if (!element) return;
      entry = { el: element, p: {} };
      polls.set(id, entry);
      box.insertBefore(element, box.firstChild);
    }
    Object.keys(data).forEach(function (key) { entry.p[key] = data[key]; });
    renderPoll(entry);
    touch(box);
  }

  // --- Announcements, room, presence -----------------------------------------------------

  function addAnnouncement(a, atEnd) {
    var list = $("[data-announcements]");
    if (!list || $('[data-announcement="' + a.id + '"]', list)) return;
    var item = fromTemplate("live-announcement-template");
    if (!item) return;
    var stamp = $("time", item);
    item.dataset.announcement = a.id;
    setText($("[data-text]", item), a.text);
    stamp.setAttribute("datetime", a.created_at);
    try {
      stamp.textContent = new Date(time(a.created_at)).toLocaleTimeString(cfg.lang, {
        hour: "2-digit",
        minute: "2-digit"
      });
    } catch (e) {
      stamp.textContent = "";
    }
    list.insertBefore(item, atEnd ? null : list.firstChild);
    while (list.children.length > ANNOUNCEMENTS) list.removeChild(list.lastElementChild);
    touch(list);
  }

  function setRoom(data) {
    var before = room.pinned;
    room.state = data.state;
    room.pinned = data.pinned || null;
    room.video_url = data.video_url || "";
    room.low_data_url = data.low_data_url || "";
    room.premoderation = !!data.premoderation;
    if (data.broadcast) setBroadcast(data.broadcast);
    root.dataset.state = room.state;
    ["video_url", "low_data_url"].forEach(function (name) {
      var link = $('[data-link="' + name + '"]');
      if (link && /^(https?|ftps?):\/\//i.test(room[name])) link.href = room[name];
    });
    [before, room.pinned].forEach(function (id) {
      var entry = id && questions.get(id);
      if (entry) renderQuestion(entry);
    });
    roomDirty = true;
    schedule();
  }

  // The broadcast's state for the flags; the player (broadcast.js) hears it as an event.
  function setBroadcast(data) {
    room.broadcast = data.state || "";
    document.dispatchEvent(new CustomEvent("live:broadcast", { detail: data }));
    roomDirty = true;
    schedule();
  }

  function renderRoom() {
    var flags = [room.state];
    var pinned = room.pinned && questions.get(room.pinned);
    var shown = pinned && pinned.q.status === "visible";
    if (room.video_url) flags.push("video");
    if (room.low_data_url) flags.push("lowdata");
    if (room.broadcast) flags.push("broadcast");
    if (room.broadcast === "on") flags.push("onair");
    if (shown) flags.push("pinned");
    if (room.premoderation) flags.push("premoderation");
    if (me.moderator) flags.push("moderator");
    setText($("[data-pinned-text]"), shown ? pinned.q.text : "");
    applyFlags(root, flags);
  }

  function presence(counts) {
    if (!counts) return;
    ["online", "checked_in"].forEach(function (name) {
      var element = $('[data-presence="' + name + '"]');
      if (element && counts[name] !== undefined) element.textContent = counts[name];
    });
  }

  // Lists are sorted, counted and the room's flags recomputed once per burst of frames.
  function touch(list) {
    dirty.add(list);
    schedule();
  }

  function schedule() {
    if (!flushTimer) flushTimer = setTimeout(flush, 0);
  }

  function flush() {
    flushTimer = 0;
    dirty.forEach(sortList);
    dirty.clear();
    if (roomDirty) {
      roomDirty = false;
      renderRoom();
    }
    $$("[data-empty],[data-filled],[data-count]").forEach(function (node) {
      var target = document.getElementById(
        node.dataset.empty || node.dataset.filled || node.dataset.count
      );
      if (!target) return;
      var count = target.children.length;
      if (node.dataset.count) node.textContent = count;
      else node.hidden = node.dataset.empty ? count > 0 : count === 0;
    });
  }

  // --- Frames ----------------------------------------------------------------------------

  function apply(frame) {
    var data = frame.data || {};
    try {
      if (frame.kind === "room.updated") setRoom(data);
      else if (/^broadcast\./.test(frame.kind)) setBroadcast(data);
      else if (/^question\./.test(frame.kind)) upsertQuestion(data);
      else if (/^poll\./.test(frame.kind)) upsertPoll(data);
      else if (frame.kind === "announcement") addAnnouncement(data);
      else if (frame.kind === "tally") tally(data);
    } catch (error) {
      if (window.console) console.error(error);
    }
  }

  function tally(data) {
    Object.keys(data.questions || {}).forEach(function (id) {
      var entry = questions.get(+id);
      if (!entry) return;
      entry.q.votes = data.questions[id];
      $("[data-votes]", entry.el).textContent = entry.q.votes;
      if (entry.el.parentNode) touch(entry.el.parentNode);
    });
    Object.keys(data.polls || {}).forEach(function (id) {
      var entry = polls.get(+id);
      var counts = data.polls[id];
      if (!entry) return;
      entry.p.voters = counts.voters;
      entry.p.options.forEach(function (option) {
        if (counts.options[option.id] !== undefined) option.votes = counts.options[option.id];
      });
      renderPoll(entry);
    });
  }

  function snapshot(s) {
    setMe(s.me);
    setRoom(s.room);
    var keep = new Set(s.questions.map(function (q) { return q.id; }));
    Array.from(questions.keys()).forEach(function (id) {
      if (!keep.has(id)) removeQuestion(id);
    });
    s.questions.forEach(upsertQuestion);
    var keepPolls = new Set(s.polls.map(function (p) { return p.id; }));
    Array.from(polls.keys()).forEach(function (id) {
      if (!keepPolls.has(id)) upsertPoll({ id: id, state: "gone" });
    });
    s.polls.forEach(upsertPoll);
    var list = $("[data-announcements]");
    if (list) {
      list.textContent = "";
      s.announcements.forEach(function (a) { addAnnouncement(a, true); });
    }
    presence(s.presence);
    last = s.seq;
  }

  // Events apply in sequence order: a gap is held until the missing ones arrive.
  function handle(frame) {
    if (!frame || typeof frame !== "object") return;
    if (frame.type === "snapshot") {
      snapshot(frame);
      drain();
    } else if (frame.type === "event") {
      if (frame.seq <= last) return;
      if (frame.seq === last + 1) {
        apply(frame);
        last = frame.seq;
        drain();
      } else {
        held.set(frame.seq, frame);
        askResume();
      }
    } else if (frame.type === "presence") {
      presence(frame);
    } else if (frame.type === "ack") {
      settle(frame, true);
    } else if (frame.type === "error") {
      if (!settle(frame, false)) notice(frame.message);
    } else if (frame.type === "refused" && frame.reason === "too_many_joins") {
      joinLater(frame);
    } else if (frame.type === "refused") {
      refuse(frame);
    }
  }

  // Too many joins from this network at once (a venue behind one address): say so, and try
  // again in about a minute, each page at its own moment.
  function joinLater(frame) {
    var sock = socket;
    socket = null;
    stopPing();
    if (sock) {
      sock.onclose = null;
      sock.close();
    }
    failAll();
    setMode("reconnecting", frame.message);
    setTimeout(function () { connect(false); }, 60000 * (0.75 + Math.random() / 2));
  }

  function drain() {
    held.forEach(function (frame, seq) {
      if (seq <= last) held.delete(seq);
    });
    while (held.has(last + 1)) {
      var frame = held.get(last + 1);
      held.delete(last + 1);
      apply(frame);
      last = frame.seq;
    }
    if (!held.size) resumeAskedAt = 0;
  }

  function askResume() {
    var now = Date.now();
    if (now - resumeAskedAt < 5000) return;
    resumeAskedAt = now;
    if (socket && socket.readyState === 1) {
      socket.send(JSON.stringify({ action: "resume", since: last }));
    }
  }

  function refuse(frame) {
    stopped = true;
    var sock = socket;
    socket = null;
    stopPing();
    if (sock) {
      sock.onclose = null;
      sock.close();
    }
    if (pollAbort) pollAbort.abort();
    failAll();
    setMode("refused", frame.message);
  }

  function setMode(next, message) {
    var element = $("[data-live-status]");
    if (mode === next && !message) return;
    mode = next;
    if (!element) return;
    element.setAttribute("data-mode", next);
    element.textContent = message || T[next] || "";
  }

  function notice(message) {
    var element = $("[data-live-notice]");
    if (!element) return;
    element.textContent = message || "";
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () { element.textContent = ""; }, 10000);
  }

  // --- The websocket ---------------------------------------------------------------------

  function socketUrl() {
    return (location.protocol === "https:" ? "wss://" : "ws://") + location.host + cfg.ws +
      "?lang=" + encodeURIComponent(cfg.lang) + "&since=" + last;
  }

  // `probing`: while on the HTTP fallback, try the websocket again; switch back if it opens.
  function connect(probing) {
    if (stopped) return;
    var sock;
    var opened = false;
    try {
      sock = new WebSocket(socketUrl());
    } catch (e) {
      if (probing) probeLater();
      else failed(false);
      return;
    }
    if (!probing) socket = sock;
    sock.onopen = function () {
      opened = true;
      if (probing) {
        if (stopped || transport !== "http") {
          sock.close();
          return;
        }
        transport = "websocket";
        socket = sock;
        if (pollAbort) pollAbort.abort();
      }
      failures = 0;
      backoff = 1000;
      setMode("live");
      startPing(sock);
      outbox.forEach(send);
    };
    sock.onmessage = function (event) {
      if (socket !== sock) return;
      var frame;
      alive();
      try {
        frame = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      handle(frame);
    };
    sock.onclose = function (event) {
      if (socket !== sock) {
        if (probing && !opened) probeLater();
        return;
      }
      socket = null;
      stopPing();
      if (!stopped && event.code !== 4403) failed(opened);
    };
  }

  function failed(wasOpen) {
    if (!wasOpen) failures += 1;
    if (failures >= 2) {
      useHttp();
      return;
    }
    setMode("reconnecting");
    var wait = backoff * (0.75 + Math.random() / 2);
    backoff = Math.min(backoff * 2, MAX_BACKOFF);
    setTimeout(function () { connect(false); }, wait);
  }

  function startPing(sock) {
    stopPing();
    pingTimer = setInterval(function () {
      if (sock.readyState !== 1) return;
      sock.send(JSON.stringify({ action: "ping", ref: "ping" }));
      if (!deadTimer) deadTimer = setTimeout(drop, DEAD_AFTER);
    }, PING_EVERY);
  }

  function alive() {
    clearTimeout(deadTimer);
    deadTimer = 0;
  }

  function stopPing() {
    clearInterval(pingTimer);
    alive();
  }

  // A socket that stopped answering (or a test simulating a network cut): reconnect.
  function drop() {
    var sock = socket;
    if (!sock) return;
    socket = null;
    stopPing();
    sock.onclose = sock.onmessage = sock.onopen = null;
    sock.close();
    if (!stopped) failed(true);
  }

  // --- The HTTP fallback -----------------------------------------------------------------

  function useHttp() {
    var sock = socket;
    if (transport === "http" || stopped) return;
    transport = "http";
    if (sock) {
      socket = null;
      stopPing();
      sock.onclose = sock.onmessage = null;
      sock.close();
    }
    setMode("slow");
    probeWait = 10000;
    probeLater();
    poll();
    outbox.forEach(send);
  }

  function probeLater() {
    if (!window.WebSocket) return;
    setTimeout(function () {
      if (!stopped && transport === "http") connect(true);
    }, probeWait);
    probeWait = Math.min(probeWait * 2, MAX_PROBE);
  }

  function request(url, options) {
    options.credentials = "same-origin";
    options.headers = options.headers || {};
    options.headers.Accept = "application/json";
    return fetch(url, options).then(function (response) {
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  function poll() {
    if (stopped || transport !== "http" || polling) return;
    polling = true;
    pollAbort = window.AbortController ? new AbortController() : null;
    var url = cfg.events + "?lang=" + encodeURIComponent(cfg.lang) + "&since=" + last;
    request(url, { signal: pollAbort && pollAbort.signal })
      .then(function (result) {
        polling = false;
        if (result.status !== 200) {
          handle(result.body);
          throw new Error("HTTP " + result.status);
        }
        httpBackoff = 1000;
        if (transport !== "http") return;
        setMode("slow");
        (result.body.frames || []).forEach(handle);
        poll();
        outbox.forEach(send);
      })
      .catch(function () {
        polling = false;
        if (stopped || transport !== "http") return;
        setMode("reconnecting");
        setTimeout(poll, httpBackoff * (0.75 + Math.random() / 2));
        httpBackoff = Math.min(httpBackoff * 2, MAX_BACKOFF);
      });
  }

  // --- Actions ---------------------------------------------------------------------------

  // A key no other action of this person has: 128 random bits (getRandomValues works on
  // plain http too, unlike randomUUID).
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  function act(frame) {
    frame.ref = ++refs;
    frame.key = newKey();
    return new Promise(function (resolve, reject) {
      var entry = { frame: frame, resolve: resolve, reject: reject, timer: 0, posting: false };
      outbox.set(frame.key, entry);
      send(entry);
    });
  }

  // Send (or send again) one unanswered action on the transport in use. Without a
  // connection it waits in the outbox for the next one.
  function send(entry) {
    if (stopped || !outbox.has(entry.frame.key)) return;
    if (transport === "websocket") {
      if (!socket || socket.readyState !== 1) return;
      var sock = socket;
      clearTimeout(entry.timer);
      // No answer in time: the connection is dead without knowing it; a new one resends.
      entry.timer = setTimeout(function () {
        if (socket === sock && outbox.has(entry.frame.key)) drop();
      }, ACK_TIMEOUT);
      sock.send(JSON.stringify(entry.frame));
      return;
    }
    if (entry.posting) return;
    entry.posting = true;
    request(cfg.actions + "?lang=" + encodeURIComponent(cfg.lang), {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-CSRFToken": cfg.csrf },
      body: JSON.stringify(entry.frame)
    }).then(function (result) {
      entry.posting = false;
      var answer = result.body;
      if (answer.type === "refused") return refuse(answer);
      var final = answer.type === "ack" ||
        (answer.type === "error" && answer.code !== "restarting");
      if (final && settle(answer, answer.type === "ack")) return;
      retryLater();
    }, function () {
      // No answer (the network, or a proxy's page while the server restarts): again later.
      entry.posting = false;
      retryLater();
    });
  }

  function retryLater() {
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(function () {
      retryTimer = 0;
      outbox.forEach(send);
    }, httpBackoff * (0.75 + Math.random() / 2));
  }

  // An answer to an action: an ack, or an error that is final. "restarting" is not: the
  // server closes next, and the action goes again on the next connection.
  function settle(frame, ok) {
    var entry = outbox.get(frame.key);
    if (!entry) {
      outbox.forEach(function (candidate) {
        if (candidate.frame.ref === frame.ref) entry = candidate;
      });
    }
    if (!entry) return false;
    if (!ok && frame.code === "restarting") return true;
    outbox.delete(entry.frame.key);
    clearTimeout(entry.timer);
    (ok ? entry.resolve : entry.reject)(frame);
    return true;
  }

  // The room refused this person: nothing will be answered.
  function failAll() {
    outbox.forEach(function (entry) {
      clearTimeout(entry.timer);
      entry.reject({ message: T.no_answer });
    });
    outbox.clear();
  }

  // A form's fields are the frame's fields (the server's plain-form view reads them alike).
  function formFrame(form, submitter) {
    var frame = {};
    var data = new FormData(form);
    if (submitter && submitter.name) data.append(submitter.name, submitter.value);
    if (form.querySelector('[name="options"]')) frame.options = [];
    data.forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "next") return;
      if (name === "options") frame.options.push(value);
      else if (name === "anonymous" || name === "multiple") frame[name] = true;
      else frame[name] = value;
    });
    return frame;
  }

  function clearForm(form) {
    $$("textarea, input[type=text]", form).forEach(function (n) { n.value = ""; });
    $$("input[type=checkbox]", form).forEach(function (n) { n.checked = false; });
  }

  function showError(form, message) {
    var slot = $("[data-form-error]", form);
    $$(".errorlist", form).forEach(function (n) { n.parentNode.removeChild(n); });
    if (!slot) {
      if (message) notice(message);
      return;
    }
    slot.textContent = message || "";
    slot.hidden = !message;
  }

  function done(form, frame, ack) {
    var action = frame.action;
    var message = T[action];
    if (action === "ask") {
      me.mine.add(+ack.question);
      if (ack.status === "pending") {
        message = T.ask_pending;
        upsertQuestion({
          id: ack.question,
          text: frame.text.trim(),
          status: "pending",
          votes: 0,
          answered: false,
          anonymous: !!frame.anonymous,
          author: null,
          created_at: new Date().toISOString()
        });
      } else if (questions.has(+ack.question)) {
        renderQuestion(questions.get(+ack.question));
      }
      clearForm(form);
    } else if (action === "vote" || action === "unvote") {
      if (action === "vote") me.voted.add(+ack.question);
      else me.voted.delete(+ack.question);
      upsertQuestion({ id: ack.question, votes: ack.votes });
    } else if (action === "poll_vote") {
      me.ballots[ack.poll] = frame.options.map(Number);
      if (polls.has(+ack.poll)) renderPoll(polls.get(+ack.poll));
    } else if (action === "moderate") {
      message = T[frame.do];
    } else if (action === "poll_create" || action === "announce") {
      clearForm(form);
    }
    notice(message);
  }

  // A browser cuts a pasted text at the field's maxlength without a word: say so there.
  root.addEventListener("paste", function (event) {
    var field = event.target;
    if (!field.hasAttribute || !field.hasAttribute("data-too-long") || !event.clipboardData) return;
    var pasted = event.clipboardData.getData("text");
    var kept = field.value.length - (field.selectionEnd - field.selectionStart);
    if (kept + pasted.length > field.maxLength) {
      showError(field.form, field.getAttribute("data-too-long"));
    }
  });

  root.addEventListener("click", function (event) {
    lastClicked = event.target.closest ? event.target.closest("button") : null;
  });

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (stopped || !form.hasAttribute("data-live-form")) return;
    event.preventDefault();
    var submitter = event.submitter ||
      (lastClicked && lastClicked.form === form ? lastClicked : null);
    var frame = formFrame(form, submitter);
    var buttons = $$("button", form);
    buttons.forEach(function (b) { b.disabled = true; });
    showError(form, "");
    act(frame).then(function (ack) {
      buttons.forEach(function (b) { b.disabled = false; });
      done(form, frame, ack);
    }, function (error) {
      buttons.forEach(function (b) { b.disabled = false; });
      showError(form, error.message || T.no_answer);
    });
  });

  // --- Start -----------------------------------------------------------------------------

  window.liveRoom = {
    get state() { return room.state; },
    get last() { return last; },
    get transport() { return transport; },
    get unanswered() { return outbox.size; },
    get mode() { return mode; },
    get connected() {
      return transport === "websocket" ? !!socket && socket.readyState === 1 : !stopped;
    },
    drop: drop,
    fallback: useHttp,
    act: act
  };

  flush();
  if (window.WebSocket) {
    setMode("connecting");
    connect(false);
  } else {
    useHttp();
  }
})();
