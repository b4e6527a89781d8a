(function () {
  "use strict";
  function $(id) { return document.getElementById(id); }

  // A drop zone around a file input: dropped files go into the input; the names are shown.
  function dropZone(zone, input, chosen) {
    if (!zone || !input) { return; }
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      if (names.length && chosen) {
        chosen.textContent = names.length === 1 ? names[0] : names.length + " files: " + names.slice(0, 5).join(", ") + (names.length > 5 ? ", …" : "");
      }
    }
    ["dragenter", "dragover"].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      zone.addEventListener(type, function () { zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; show(); }
    });
    input.addEventListener("change", show);
  }

  function showError(text) {
    var box = $("error");
    if (!box) {
      box = document.createElement("p");
      box.id = "error"; box.className = "error"; box.setAttribute("role", "alert");
      document.querySelector("main").insertBefore(box, document.querySelector("main").firstChild);
    }
    box.textContent = text;
  }

  // The candidate form posts as a plain form; it only says that it is working.
  var analyse = $("analyse-form");
  if (analyse) {
    dropZone($("cv-drop"), $("cv-file"), $("cv-chosen"));
    analyse.addEventListener("submit", function () {
      $("analyse-button").disabled = true;
      $("analyse-busy").hidden = false;
    });
  }

  // The recruiter form uploads with a progress bar, then goes to the batch's page.
  var batch = $("batch-form");
  if (batch) {
    dropZone($("batch-drop"), $("batch-files"), $("batch-chosen"));
    batch.addEventListener("submit", function (e) {
      e.preventDefault();
      var xhr = new XMLHttpRequest(), bar = $("upload-progress"), button = $("batch-button");
      button.disabled = true;
      $("upload").hidden = false;
      xhr.upload.addEventListener("progress", function (ev) {
        if (ev.lengthComputable) { bar.value = Math.round(100 * ev.loaded / ev.total); }
      });
      xhr.addEventListener("load", function () {
        var answer = {};
        try { answer = JSON.parse(xhr.responseText); } catch (err) { answer = {}; }
        if (xhr.status === 202 && answer.page) { window.location.assign(answer.page); return; }
        button.disabled = false;
        $("upload").hidden = true;
        showError(answer.error || ("The upload failed (HTTP " + xhr.status + ")."));
      });
      xhr.addEventListener("error", function () {
        button.disabled = false;
        showError("The upload failed: the server did not answer.");
      });
      xhr.open("POST", batch.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.send(new FormData(batch));
    });
  }

  // A running batch: ask for its progress until it is done, then show the table.
  var running = $("batch-progress");
  if (running) {
    var url = running.getAttribute("data-status");
    var poll = function () {
      var xhr = new XMLHttpRequest();
      xhr.addEventListener("load", function () {
        var s = {};
        try { s = JSON.parse(xhr.responseText); } catch (err) { s = {}; }
        if (xhr.status !== 200) { showError(s.error || ("HTTP " + xhr.status)); return; }
        $("progress").max = s.total;
        $("progress").value = s.done;
        $("progress-text").textContent = s.done + " of " + s.total + " analysed" + (s.failed ? ", " + s.failed + " failed" : "") + ".";
        if (s.status === "done") { window.location.reload(); } else { window.setTimeout(poll, 700); }
      });
      xhr.addEventListener("error", function () { window.setTimeout(poll, 2000); });
      xhr.open("GET", url);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.send();
    };
    window.setTimeout(poll, 400);
  }
}());
