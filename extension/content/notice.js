/*
 * The "not checked" notice for a part of the page ThinkTwice cannot watch (a
 * classic content script, isolated world; top frame only).
 *
 * A frame from another site inside a watched page gets the content scripts
 * only where the extension holds that site's host permission (the worker
 * injects them, background/frames.js). Where it does not, nothing can hold
 * what the frame uploads: the worker says so here, and the person reads it on
 * the page rather than finding out later. Only the worker's own messages
 * count (no sender.tab); the notice lives in a closed shadow root the page can
 * neither read nor restyle, and it is a live alert for screen readers.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceNotice || window !== window.top) return;
  Object.defineProperty(globalThis, "thinkTwiceNotice", { value: true });
  const api = globalThis.browser ?? globalThis.chrome;
  const shown = new Set();

  const STYLE = `
:host { all: initial !important; position: fixed !important; z-index: 2147483647 !important;
  left: 16px !important; right: 16px !important; bottom: 16px !important; display: block !important; }
div { display: flex; gap: 12px; align-items: flex-start; padding: 12px 16px; border-radius: 12px;
  background: #fff7e6; color: #5c3a03; border: 1px solid #f0c36d;
  font: 14px/1.45 system-ui, sans-serif; box-shadow: 0 8px 24px rgba(16, 24, 40, 0.18); }
p { margin: 0; flex: 1; }
button { font: inherit; padding: 4px 12px; border-radius: 8px; border: 1px solid #a15c07;
  background: #ffffff; color: #5c3a03; cursor: pointer; }`;

  function show(origin) {
    if (shown.has(origin)) return;
    shown.add(origin);
    const host = document.createElement("thinktwice-notice");
    const root = host.attachShadow({ mode: "closed" });
    const style = document.createElement("style");
    style.textContent = STYLE;
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    const text = document.createElement("p");
    text.textContent = api.i18n.getMessage("unheldFrameNotice", [origin]);
    const dismiss = document.createElement("button");
    dismiss.textContent = api.i18n.getMessage("unheldFrameDismiss");
    dismiss.addEventListener("click", (e) => e.isTrusted && host.remove());
    box.append(text, dismiss);
    root.append(style, box);
    (document.body ?? document.documentElement).append(host);
  }

  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || sender.tab) return;
    if (message?.type !== "unheldFrame" || typeof message.origin !== "string") return;
    show(message.origin);
  });
})();
