/// The console's only script: names kept in this browser (localStorage) shown in place of IDs,
/// their export and import as a file, and a visible "working" state while a form is answered.
/// It sends nothing anywhere: the name inputs have no `name` and sit outside every form.
enum ConsoleScript {
    static let js = """
        "use strict";
        (function () {
          var KEY = "ctn.names";
          function load() { try { return JSON.parse(localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; } }
          function save(names) { localStorage.setItem(KEY, JSON.stringify(names)); }
          function show() {
            var names = load();
            document.querySelectorAll(".ctn-id").forEach(function (el) {
              var id = el.getAttribute("data-id"), name = names[id];
              if (name) { el.textContent = name; el.classList.add("named"); }
              else { el.textContent = id.length > 12 ? id.slice(0, 8) + "…" : id; el.classList.remove("named"); }
            });
            document.querySelectorAll("svg text.svg-id").forEach(function (el) {
              var name = names[el.getAttribute("data-id")]; if (name) { el.textContent = name; }
            });
            document.querySelectorAll("input.local-name").forEach(function (input) {
              var id = input.getAttribute("data-name-for"); if (document.activeElement !== input) { input.value = names[id] || ""; }
            });
            var list = document.getElementById("names-list");
            if (list) {
              list.textContent = "";
              Object.keys(names).sort().forEach(function (id) {
                var tr = document.createElement("tr"), a = document.createElement("td"), b = document.createElement("td");
                a.textContent = id; b.textContent = names[id]; tr.appendChild(a); tr.appendChild(b); list.appendChild(tr);
              });
            }
          }
          function setName(id, name) {
            var names = load(); id = (id || "").trim(); if (!id) { return; }
            if (name && name.trim()) { names[id] = name.trim(); } else { delete names[id]; }
            save(names); show();
          }
          document.addEventListener("DOMContentLoaded", function () {
            show();
            document.querySelectorAll("input.local-name").forEach(function (input) {
              input.addEventListener("change", function () { setName(input.getAttribute("data-name-for"), input.value); });
            });
            var saveButton = document.getElementById("name-save");
            if (saveButton) { saveButton.addEventListener("click", function () {
              setName(document.getElementById("name-id").value, document.getElementById("name-text").value);
              document.getElementById("name-text").value = "";
            }); }
            var exportButton = document.getElementById("names-export");
            if (exportButton) { exportButton.addEventListener("click", function () {
              var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
              var a = document.createElement("a"); a.href = URL.createObjectURL(blob); a.download = "ctn-names.json";
              document.body.appendChild(a); a.click(); a.remove();
            }); }
            var importInput = document.getElementById("names-import");
            if (importInput) { importInput.addEventListener("change", function () {
              var file = importInput.files && importInput.files[0]; if (!file) { return; }
              var reader = new FileReader();
              reader.onload = function () {
                try {
                  var given = JSON.parse(reader.result), names = load();
                  Object.keys(given).forEach(function (id) { if (typeof given[id] === "string") { names[id] = given[id]; } });
                  save(names); show();
                } catch (e) { alert("That file is not a names file."); }
              };
              reader.readAsText(file);
            }); }
            // Long work behind a link (a trace across nodes) shows the same working state.
            document.querySelectorAll("a.button").forEach(function (a) {
              a.addEventListener("click", function () { var w = document.querySelector(".working"); if (w) { w.hidden = false; } });
            });
            document.querySelectorAll("form").forEach(function (form) {
              form.addEventListener("submit", function (event) {
                var danger = form.querySelector("button.danger");
                if (danger && !window.confirm("Really " + danger.textContent.trim().toLowerCase() + "?")) { event.preventDefault(); return; }
                var working = document.querySelector(".working"); if (working) { working.hidden = false; }
                form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
              });
            });
          });
        })();
        """
}
