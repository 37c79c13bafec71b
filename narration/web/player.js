// Narration web player: highlight the sentence being heard and, where word times exist,
// underline the word being heard; click or Enter seeks.
// Without this script the page still works: native audio controls and the full text.
(function () {
  "use strict";
  var audio = document.getElementById("audio");
  if (!audio) return;
  document.documentElement.classList.add("js");
  var spans = Array.prototype.slice.call(document.querySelectorAll(".sentence[data-start]"));
  var starts = spans.map(function (s) { return Number(s.dataset.start) / 1000; });
  var ends = spans.map(function (s) { return Number(s.dataset.end) / 1000; });
  var follow = document.getElementById("follow");
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var current = -1;
  var words = [], wordStarts = [], currentWord = -1;

  function indexAt(t) { // last sentence that started at or before t (binary search)
    var lo = 0, hi = starts.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (starts[mid] <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }
  function showWord(t) {
    var w = -1;
    for (var k = 0; k < wordStarts.length && wordStarts[k] <= t; k++) w = k;
    if (w === currentWord) return;
    if (currentWord >= 0) words[currentWord].classList.remove("word-current");
    currentWord = w;
    if (w >= 0) words[w].classList.add("word-current");
  }
  function show(i) {
    if (i === current) return;
    if (current >= 0) spans[current].classList.remove("current");
    if (currentWord >= 0) words[currentWord].classList.remove("word-current");
    current = i;
    currentWord = -1;
    words = i < 0 ? [] : Array.prototype.slice.call(spans[i].querySelectorAll(".word[data-start]"));
    wordStarts = words.map(function (w) { return Number(w.dataset.start) / 1000; });
    if (i < 0) return;
    spans[i].classList.add("current");
    if (follow && follow.checked && !audio.paused) {
      spans[i].scrollIntoView({ block: "nearest", behavior: reduced ? "auto" : "smooth" });
    }
  }
  function update() {
    var t = audio.currentTime + 0.02;
    show(indexAt(t));
    showWord(t);
  }
  function tick() { update(); if (!audio.paused) window.requestAnimationFrame(tick); }
  function seek(i) {
    audio.currentTime = starts[i] + 0.001;
    update();
  }
  audio.addEventListener("timeupdate", update);
  audio.addEventListener("seeked", update);
  audio.addEventListener("play", function () { window.requestAnimationFrame(tick); });
  spans.forEach(function (span, i) {
    span.tabIndex = 0;
    span.addEventListener("click", function () { seek(i); });
    span.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); seek(i); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-seek]"), function (link) {
    link.addEventListener("click", function () {
      var i = spans.indexOf(document.getElementById(link.dataset.seek));
      if (i >= 0) seek(i);
    });
  });
  window.narration = {
    audio: audio,
    current: function () { return current < 0 ? null : spans[current].id; },
    currentWord: function () { return currentWord < 0 ? null : words[currentWord].textContent; }
  };
})();
