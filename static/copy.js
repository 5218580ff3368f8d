// "Copy link": copies the permalink to the clipboard. Without JavaScript the
// control is a plain link to the same address.
document.addEventListener("click", function (event) {
  var link = event.target.closest("a.copy-link");
  if (!link || !navigator.clipboard) return;
  event.preventDefault();
  navigator.clipboard.writeText(link.href).then(function () {
    var label = link.textContent;
    link.textContent = link.dataset.copied;
    link.setAttribute("aria-live", "polite");
    setTimeout(function () { link.textContent = label; }, 2500);
  }, function () { window.location.href = link.href; });
});
