// Layer toggles on the article page: each checkbox with data-layer="X" adds or removes the class
// hide-X on the article text, which the stylesheet uses to hide that layer's marks.
document.addEventListener("DOMContentLoaded", function () {
  var text = document.getElementById("article-text");
  if (!text) return;
  document.querySelectorAll("input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      text.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
});
