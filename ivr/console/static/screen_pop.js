// Screen pop: ask for the caller this operator has taken every few seconds and show the banner;
// never replaced while the operator is filling in the wrap-up form. A failed fetch waits for the next.
(function () {
  var box = document.getElementById("screen-pop");
  if (!box) return;
  var every = (parseInt(box.dataset.every, 10) || 4) * 1000;
  function refresh() {
    if (box.contains(document.activeElement) && document.activeElement !== document.body) {
      setTimeout(refresh, every);
      return;
    }
    fetch(box.dataset.src, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (r) { if (!r.ok || r.redirected) throw new Error(r.status); return r.text(); })
      .then(function (html) { if (box.innerHTML !== html) box.innerHTML = html; })
      .catch(function () {})
      .then(function () { setTimeout(refresh, every); });
  }
  refresh();
})();
