// Live reload for `ketluan serve`: served as a file (so a strict
// Content-Security-Policy with script-src 'self' allows it) and added only to pages
// that `serve` sends, never to `build` output.
//
// Listens to the server's events (Server-Sent Events, which reconnect by
// themselves): reloads this page when a rebuild changed it, swaps stylesheets
// without a reload, and shows the errors of a failed rebuild over the page (the
// last good page stays underneath) until a good save clears them.
(() => {
  "use strict";
  const script = document.currentScript;
  // The output file this page was served from (`ket-luan/x/index.html`), or
  // nothing on a "not found" page, which any new page may replace.
  const page = (script && script.dataset.page) || "";
  let server = null;
  let overlay = null;

  const events = new EventSource("/__ketluan/events");

  events.addEventListener("hello", (e) => {
    const hello = JSON.parse(e.data);
    // Another server process since the last connection: the site may differ.
    if (server !== null && server !== hello.server) {
      location.reload();
      return;
    }
    server = hello.server;
    if (hello.errors) show(hello.errors);
    else hide();
    // For tests and the curious: this page is listening.
    if (script) script.dataset.connected = "true";
  });

  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    if (change.all || page === "" || change.pages.includes(page)) location.reload();
  });

  events.addEventListener("css", (e) => {
    for (const file of JSON.parse(e.data).files) swapStylesheet(file);
  });

  events.addEventListener("errors", (e) => show(JSON.parse(e.data)));
  events.addEventListener("ok", () => hide());

  function swapStylesheet(path) {
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const url = new URL(link.href, location.href);
      if (url.origin !== location.origin || url.pathname !== path) continue;
      url.searchParams.set("ketluan-reload", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      // Remove the old sheet once the new one applies: no flash of unstyled page.
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => fresh.remove());
      link.after(fresh);
    }
  }

  function show(errors) {
    hide();
    overlay = document.createElement("div");
    overlay.id = "ketluan-errors";
    overlay.setAttribute("role", "alertdialog");
    const words = errors.words;
    overlay.setAttribute("aria-label", words.label);
    Object.assign(overlay.style, {
      position: "fixed", inset: "0", zIndex: "2147483647", overflow: "auto",
      background: "rgba(24, 24, 24, 0.97)", color: "#f5f5f5", padding: "2rem",
      font: "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
    });
    const title = document.createElement("h2");
    title.textContent = words.title;
    Object.assign(title.style, { font: "bold 16px/1.4 system-ui, sans-serif", color: "#ff8080", margin: "0 0 1rem" });
    const list = document.createElement("ol");
    Object.assign(list.style, { margin: "0 0 1.5rem", paddingLeft: "1.5rem" });
    for (const item of errors.items) {
      const li = document.createElement("li");
      li.className = "ketluan-error";
      const where = document.createElement("strong");
      where.textContent = item.location;
      li.append(where, `: ${item.message}`);
      if (item.help) {
        const help = document.createElement("div");
        help.textContent = `${words.help}: ${item.help}`;
        help.style.color = "#9fd49f";
        li.append(help);
      }
      list.append(li);
    }
    const text = document.createElement("pre");
    text.textContent = errors.text;
    Object.assign(text.style, { whiteSpace: "pre-wrap", margin: "0", color: "#ddd" });
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", words.hide);
    Object.assign(close.style, { position: "absolute", top: "0.5rem", right: "1rem", font: "24px system-ui", background: "none", color: "#f5f5f5", border: "0", cursor: "pointer" });
    close.addEventListener("click", hide);
    overlay.append(close, title, list, text);
    document.body.append(overlay);
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }
})();
