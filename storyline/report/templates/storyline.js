/* Storyline: the little script shared by report.html (inlined, allowed by its hash) and the web
   app (served from /static). Everything works without it; it only adds conveniences. It never
   puts text into the page as HTML: only textContent, so article text cannot become markup. */
(function () {
  "use strict";

  // Show only the events a chosen outlet reported: the others are hidden (a day with none
  // left goes too), and a line under the buttons says how many are shown.
  function setupFilters() {
    document.querySelectorAll(".filter[data-timeline]").forEach(function (bar) {
      var box = document.getElementById(bar.getAttribute("data-timeline"));
      if (!box) return;
      bar.hidden = false;
      var count = bar.querySelector("[data-shown]");
      bar.addEventListener("click", function (ev) {
        var btn = ev.target.closest("button");
        if (!btn) return;
        if (btn.hasAttribute("data-expand")) {
          var open = btn.getAttribute("data-open") !== "1";
          box.querySelectorAll("details").forEach(function (d) { d.open = open; });
          btn.setAttribute("data-open", open ? "1" : "0");
          btn.textContent = open ? "close all quotes" : "open all quotes";
          return;
        }
        if (!btn.hasAttribute("data-outlet")) return;
        var outlet = btn.getAttribute("data-outlet");
        bar.querySelectorAll("button[data-outlet]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === btn ? "true" : "false");
        });
        var shown = 0, all = 0;
        box.querySelectorAll(".event").forEach(function (e) {
          var names = (e.getAttribute("data-outlets") || "").split("|");
          e.hidden = outlet !== "" && names.indexOf(outlet) < 0;
          all += 1;
          if (!e.hidden) shown += 1;
        });
        box.querySelectorAll(".day, .undated-block").forEach(function (d) {
          d.hidden = !d.querySelector(".event:not([hidden])");
        });
        if (count) count.textContent = outlet === "" ? "" : shown + " of " + all + " events, reported by " + outlet;
      });
    });
  }

  // A link to a quote inside a folded article opens the fold, so the highlight is visible.
  function revealTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    for (var p = el.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") p.open = true;
    }
    el.scrollIntoView({ block: "center" });
  }

  // The upload job page: poll the job's JSON until it is done, then list what happened.
  function setupJob() {
    var box = document.getElementById("job");
    if (!box || !box.getAttribute("data-url")) return;
    var url = box.getAttribute("data-url");
    var bar = box.querySelector("progress");
    var state = box.querySelector("[data-state]");
    var result = box.querySelector("[data-result]");
    function item(list, text, href) {
      var li = document.createElement("li");
      if (href) {
        var a = document.createElement("a");
        a.href = href;
        a.textContent = text;
        li.appendChild(a);
      } else {
        li.textContent = text;
      }
      list.appendChild(li);
    }
    function show(job) {
      if (bar) {
        bar.max = Math.max(1, job.total);
        bar.value = job.done;
      }
      state.textContent = job.message;
      if (job.status !== "done" && job.status !== "failed") return false;
      result.textContent = "";
      var list = document.createElement("ul");
      (job.articles || []).forEach(function (a) {
        item(list, "Added: " + (a.title || a.id) + (a.story_title ? " (story: " + a.story_title + ")" : ""),
             a.story ? "/stories/" + encodeURIComponent(a.story) : "/articles/" + encodeURIComponent(a.id));
      });
      var named = job.already || [];
      named.forEach(function (a) {
        item(list, "Already in the store: " + (a.title || a.id) + (a.story_title ? " (story: " + a.story_title + ")" : ""),
             a.page || null);
      });
      if (!named.length) (job.skipped || []).forEach(function (s) { item(list, "Already in the store: " + s); });
      (job.rejected || []).forEach(function (r) { item(list, "Rejected: " + r.source + ": " + r.reason); });
      result.appendChild(list);
      box.classList.add("finished");
      return true;
    }
    function poll() {
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (job) { if (!show(job)) setTimeout(poll, 600); })
        .catch(function () { setTimeout(poll, 2000); });
    }
    poll();
  }

  function start() {
    setupFilters();
    setupJob();
    revealTarget();
    window.addEventListener("hashchange", revealTarget);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
