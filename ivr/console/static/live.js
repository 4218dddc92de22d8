// The live page: fetch the panel every few seconds and swap it in; a failed fetch just waits for the next.
(function () {
  var box = document.getElementById("live");
  if (!box) return;
  var every = (parseInt(box.dataset.every, 10) || 3) * 1000;
  function refresh() {
    fetch(box.dataset.src, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (r) { if (!r.ok || r.redirected) throw new Error(r.status); return r.text(); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () {})
      .then(function () { setTimeout(refresh, every); });
  }
  setTimeout(refresh, every);
})();
