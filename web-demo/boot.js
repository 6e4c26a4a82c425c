// A classic (non-module) script, so it runs even where the page's ES modules cannot:
// opened from disk (file://), an old browser, or a module that failed to load. When the
// page has loaded and app.js never started, it says so instead of "Loading…" forever.
window.addEventListener("load", function () {
  if (window.postlintStarted) return;
  var box = document.getElementById("load-error");
  var status = document.getElementById("status");
  var hint =
    location.protocol === "file:"
      ? " Browsers do not run it from a file on disk: serve the folder over HTTP (see web-demo/README.md)."
      : " Reload the page; if it keeps happening, this browser may be too old.";
  box.textContent = "The checker could not start: the page’s scripts did not load." + hint;
  box.hidden = false;
  if (status) status.textContent = "The checker is not available.";
});
