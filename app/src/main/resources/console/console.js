// Neighbourgrid operator console: polls the JSON API and updates the page in place. Ledger values are only ever
// written with textContent, never parsed as HTML.
(function () {
  "use strict";

  var POLL_MS = 1500;
  var MARKET_EVERY = 5;          // the configuration rarely changes: every fifth poll
  var RECENT = 20;
  var PRICE_SCALE = 1e6;         // price units per cent/kWh (Scales.PRICE)
  var PHASE_ORDER = ["ROLES", "CONTRIBUTIONS", "EVALUATION", "DECIDED", "SETTLED"];

  var polls = 0;
  var auditing = null;
  var selectedWindow = null;

  function $(id) { return document.getElementById(id); }

  function text(el, value) {
    var s = value === undefined || value === null ? "–" : String(value);
    if (el.textContent !== s) { el.textContent = s; }
  }

  function getJson(path) {
    return fetch(path, { headers: { "Accept": "application/json" }, cache: "no-store" }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) {
          var e = new Error(body && body.error ? body.error : "HTTP " + r.status);
          e.status = r.status;
          throw e;
        }
        return body;
      });
    });
  }

  function price(units) {
    return units === undefined || units === null ? "–" : (units / PRICE_SCALE).toFixed(3);
  }

  function seconds(ms) {
    return ms === undefined || ms === null ? "–" : (ms / 1000).toFixed(2) + " s";
  }

  function count(v) { return v === undefined || v === null ? "–" : String(v); }

  function time(iso) {
    if (!iso) { return "–"; }
    return iso.replace("T", " ").replace(/\.\d+Z$/, "Z");
  }

  function showError(message) {
    var e = $("error");
    if (message) {
      text(e, message);
      e.hidden = false;
    } else {
      e.hidden = true;
    }
  }

  // ------------------------------------------------------------------------------------------- current window

  function phaseStep(phase) {
    if (phase === "CLEARED" || phase === "GRID_ONLY") { return "DECIDED"; }
    return phase;
  }

  function renderStatus(s) {
    text($("ledger"), s.ledger);
    text($("channel"), s.channel);
    text($("updated"), time(s.checkedAt));
    showError(s.lastError ? "reading the ledger failed: " + s.lastError : null);
    var w = s.current;
    text($("current-window"), w ? w.window : "–");
    text($("current-phase"), w ? w.phase : "no window yet");
    $("current").dataset.window = w ? String(w.window) : "";
    $("current").dataset.phase = w ? w.phase : "";
    var step = w ? PHASE_ORDER.indexOf(phaseStep(w.phase)) : -1;
    var items = $("phase-steps").children;
    for (var i = 0; i < items.length; i++) {
      items[i].className = i < step ? "done" : (i === step ? "active" : "");
    }
    text($("current-opened"), w ? time(w.openedAt) : "–");
    if (w && w.sellers !== undefined) {
      text($("current-coalitions"), w.sellers + " sellers, " + w.buyers + " buyers, " + w.offMarket
        + " off market" + (w.initiator ? "; selected " + w.initiator + " (r2) and " + w.responder + " (r1)" : ""));
    } else {
      text($("current-coalitions"), w ? "roles not closed yet" : "–");
    }
    text($("current-outcome"), w ? outcome(w) : "–");
    text($("open-windows"), s.open && s.open.length ? s.open.join(", ") : "none");
    var sim = $("simulation");
    if (s.simulation) {
      text(sim, "Simulated day: " + s.simulation.stage + (s.simulation.windows ? " (" + s.simulation.windowsDone
        + "/" + s.simulation.windows + " windows)" : "") + (s.simulation.errors ? ", " + s.simulation.errors
        + " errors reported" : ""));
      sim.hidden = false;
    } else {
      sim.hidden = true;
    }
  }

  function outcome(w) {
    if (!w.clearing) { return "not decided yet"; }
    if (w.clearing === "GRID_ONLY") {
      return "grid only: " + (w.reason || "") + (w.detail ? " (" + w.detail + ")" : "");
    }
    return w.clearing + " market at " + price(w.price) + " ¢/kWh, decided in " + seconds(w.latencyMillis);
  }

  // ------------------------------------------------------------------------------------------- market

  function renderMarket(m) {
    var c = m.config || {};
    var rows = [
      ["Retail price p_s (¢/kWh)", price(c.retailPrice)],
      ["Feed-in price p_b (¢/kWh)", price(c.feedInPrice)],
      ["Price range p_l – p_h (¢/kWh)", price(c.lowPrice) + " – " + price(c.highPrice)],
      ["Window length", c.windowSeconds + " s"],
      ["Phase deadlines (roles / contributions / mask transfer / outcome)", c.roleSeconds + " / "
        + c.contributionSeconds + " / " + c.transferSeconds + " / " + c.outcomeSeconds + " s"],
      ["Minimum coalition size", c.minimumCoalitionSize],
      ["Key size", c.keyBits + " bits"],
      ["Selection epoch", c.selectionEpochWindows + " windows"],
      ["Registered homes", m.homes],
      ["Suspended homes", m.suspendedHomes]
    ];
    var body = $("market-config").tBodies[0];
    while (body.rows.length < rows.length) {
      var tr = body.insertRow();
      tr.appendChild(document.createElement("th"));
      tr.insertCell();
    }
    for (var i = 0; i < rows.length; i++) {
      text(body.rows[i].cells[0], rows[i][0]);
      text(body.rows[i].cells[1], rows[i][1]);
    }
  }

  // ------------------------------------------------------------------------------------------- recent windows

  var CELLS = ["window", "phase", "clearing", "price", "coalitions", "market", "latency", "audit"];

  function windowRow(t) {
    var body = $("windows").tBodies[0];
    var tr = body.querySelector('tr[data-window="' + t + '"]');
    if (tr) { return tr; }
    tr = document.createElement("tr");
    tr.dataset.window = String(t);
    CELLS.forEach(function (name) {
      var td = document.createElement("td");
      td.className = name;
      tr.appendChild(td);
    });
    tr.cells[3].classList.add("num");
    tr.cells[6].classList.add("num");
    var pill = document.createElement("span");
    pill.className = "pill";
    tr.cells[2].appendChild(pill);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "audit";
    button.dataset.window = String(t);
    button.textContent = "Audit";
    button.addEventListener("click", function () { runAudit(t); });
    tr.cells[7].appendChild(button);
    // Keep the rows ordered newest first.
    var rows = body.rows;
    var before = null;
    for (var i = 0; i < rows.length; i++) {
      if (Number(rows[i].dataset.window) < t) { before = rows[i]; break; }
    }
    body.insertBefore(tr, before);
    return tr;
  }

  function renderWindows(list) {
    var keep = {};
    (list.windows || []).forEach(function (w) {
      keep[w.window] = true;
      var tr = windowRow(w.window);
      tr.dataset.phase = w.phase;
      tr.classList.toggle("selected", selectedWindow === w.window);
      text(tr.cells[0], w.window);
      text(tr.cells[1], w.phase);
      var pill = tr.cells[2].firstChild;
      pill.className = "pill " + (w.clearing || "");
      text(pill, w.clearing || "–");
      text(tr.cells[3], price(w.price));
      text(tr.cells[4], w.sellers === undefined ? "–" : w.sellers + " / " + w.buyers + " / " + w.offMarket);
      text(tr.cells[5], w.contributingSellers === undefined ? "–"
        : w.contributingSellers + " / " + w.contributingBuyers);
      text(tr.cells[6], seconds(w.latencyMillis));
    });
    var rows = Array.prototype.slice.call($("windows").tBodies[0].rows);
    rows.forEach(function (tr) {
      if (!keep[tr.dataset.window] && Number(tr.dataset.window) !== auditing) { tr.remove(); }
    });
    $("no-windows").hidden = (list.windows || []).length > 0;
  }

  // ------------------------------------------------------------------------------------------- suspended homes

  function renderSuspended(s) {
    var body = $("suspended").tBodies[0];
    var list = s.suspended || [];
    while (body.rows.length > list.length) { body.deleteRow(-1); }
    while (body.rows.length < list.length) {
      var tr = body.insertRow();
      for (var c = 0; c < 4; c++) { tr.insertCell(); }
    }
    list.forEach(function (h, i) {
      var tr = body.rows[i];
      tr.dataset.home = h.homeId;
      text(tr.cells[0], h.homeId);
      text(tr.cells[1], h.window);
      text(tr.cells[2], h.reason);
      text(tr.cells[3], time(h.suspendedAt));
    });
    $("no-suspended").hidden = list.length > 0;
  }

  // ------------------------------------------------------------------------------------------- audit

  function runAudit(t) {
    auditing = t;
    selectedWindow = t;
    var buttons = document.querySelectorAll("button.audit");
    buttons.forEach(function (b) { b.disabled = true; });
    var result = $("audit-result");
    result.hidden = false;
    result.dataset.window = String(t);
    result.dataset.state = "running";
    text($("audit-subject"), "window " + t);
    var verdict = $("audit-verdict");
    verdict.className = "verdict";
    text(verdict, "auditing…");
    text($("audit-counts"), "");
    text($("audit-hash"), "");
    text($("audit-chain"), "");
    $("audit-findings").replaceChildren();
    getJson("api/audit/" + t).then(function (a) {
      text($("audit-subject"), a.subject);
      verdict.className = "verdict " + a.verdict;
      text(verdict, a.verdict);
      text($("audit-counts"), "(" + a.passes + " passed, " + a.failures + " failed, " + a.notes + " notes; "
        + seconds(a.tookMillis) + ")");
      text($("audit-hash"), a.evidenceHash);
      text($("audit-chain"), a.chain);
      var ol = $("audit-findings");
      (a.findings || []).forEach(function (f) {
        var li = document.createElement("li");
        li.className = f.status;
        var status = document.createElement("span");
        status.className = "status";
        status.textContent = f.status;
        li.appendChild(status);
        li.appendChild(document.createTextNode(" " + f.check + ": " + f.detail));
        ol.appendChild(li);
      });
      result.dataset.verdict = a.verdict;
      result.dataset.state = "done";
    }).catch(function (e) {
      verdict.className = "verdict FAIL";
      text(verdict, "audit failed: " + e.message);
      result.dataset.verdict = "";
      result.dataset.state = "error";
    }).then(function () {
      auditing = null;
      document.querySelectorAll("button.audit").forEach(function (b) { b.disabled = false; });
    });
  }

  // ------------------------------------------------------------------------------------------- polling

  function poll() {
    var jobs = [
      getJson("api/status").then(renderStatus),
      getJson("api/windows?recent=" + RECENT).then(renderWindows),
      getJson("api/homes/suspended").then(renderSuspended)
    ];
    if (polls % MARKET_EVERY === 0) {
      jobs.push(getJson("api/market").then(renderMarket, function (e) {
        if (e.status === 404) {
          renderMarket({ config: {}, homes: 0, suspendedHomes: 0 });
          return;
        }
        throw e;
      }));
    }
    return Promise.all(jobs).then(function () {
      polls++;
      document.body.dataset.polls = String(polls);
    }, function (e) {
      showError("the console cannot be reached or failed: " + e.message);
    });
  }

  function loop() {
    poll().then(function () { setTimeout(loop, POLL_MS); });
  }

  document.addEventListener("DOMContentLoaded", loop);
}());
