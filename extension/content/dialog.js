/*
 * The think-twice dialog (a classic content script, isolated world).
 *
 * Why the page can neither read nor press it:
 * - it lives in a *closed* shadow root: page scripts get no reference to
 *   anything inside, and page CSS cannot reach in (the host resets itself with
 *   `all: initial !important`, which beats any page rule);
 * - it is a modal <dialog> in the top layer: the page behind it is inert, focus
 *   stays inside;
 * - every button acts only on a trusted event (a real click or key press);
 *   `element.click()` or `dispatchEvent` from any script is ignored.
 * Why the page cannot cover it with a fake one: the page can still put its own
 * top-layer element (a popover, a modal dialog, a fullscreen element) above it,
 * drawn with `pointer-events: none` so that a click on its fake "safe" button
 * lands on our "Send original" underneath. So the dialog goes back on top
 * whenever the page adds to the top layer, and a click counts only if the
 * dialog was unobscured: Chrome's IntersectionObserver v2 (`isVisible`, which
 * counts any content painted over it, pointer-events or not) and, in every
 * browser, the browser's own hit test at the click (the page cannot hide a
 * closed shadow root from `elementFromPoint`: it answers with our host). A click
 * on a covered dialog does nothing but say so; Cancel always works. The page's
 * own shadow roots, closed ones too, are watched as the document is (an
 * extension can reach them), so a popover shown from inside one puts the dialog
 * back on top as well: Firefox, which has no v2, relies on that.
 * Keyboard: Tab and Shift+Tab cycle inside, Enter or Space press the focused
 * button, Escape cancels. The keys are read at the window, in the capture phase,
 * by a listener added at document_start, before any page script: a page's own
 * key handlers (an upload widget that keeps Enter for itself) never see them,
 * and focus that leaves the dialog is brought back. Strings come from chrome.i18n
 * (_locales/en).
 *
 * Its look is in dialog-style.js, its rows (files and findings) in dialog-rows.js;
 * frame-dialog.js decides which frame shows it.
 * Used by frame-dialog.js as globalThis.thinkTwiceDialog
 * (isolated world only: page scripts never see these globals).
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceDialog) return;
  const DECISIONS = globalThis.thinkTwiceVocabulary.decisions; // shared/vocabulary.js

  const { t, h, icon, ICONS, drawThumb, isIntimate, showsFaces, pressureLine, seenLine, itemRow } =
    globalThis.thinkTwiceDialogRows;
  // Chrome's IntersectionObserver v2; Firefox has only the hit test.
  const TRACKS_VISIBILITY =
    typeof IntersectionObserverEntry === "function" && "isVisible" in IntersectionObserverEntry.prototype;
  const KEYS = ["keydown", "keypress", "keyup"];
  const WATCHED = { childList: true, subtree: true, attributeFilter: ["open"] };

  // Shadow roots, closed ones too, which an extension can reach and page code cannot hide.
  const api = globalThis.browser ?? globalThis.chrome;
  // Only HTML elements can host one (Chrome throws for SVG and MathML elements).
  const shadowRootOf = (el) =>
    el instanceof HTMLElement ? (api.dom?.openOrClosedShadowRoot?.(el) ?? el.openOrClosedShadowRoot ?? null) : null;
  const ON_TOP = ":popover-open, :modal, :fullscreen";

  let current = null; // the dialog waiting for an answer: one at a time (intercept.js queues)
  const pressed = new Set(); // keys pressed in the dialog: their keyup after it closed is ours too
  function onWindowKey(event) {
    if (current) {
      if (event.type === "keydown" && event.isTrusted) pressed.add(event.code);
      current.onKey(event);
    } else if (event.type !== "keydown" && pressed.has(event.code)) {
      if (event.type === "keyup") pressed.delete(event.code);
      event.stopImmediatePropagation();
    }
  }
  for (const type of KEYS) window.addEventListener(type, onWindowKey, true);
  window.addEventListener("focusin", (event) => current?.keepFocus(event), true);
  // Something of the page's went into the top layer, above the dialog.
  window.addEventListener("toggle", (event) => current?.raise(event), true);
  document.addEventListener("fullscreenchange", (event) => current?.raise(event), true);

  class Dialog {
    constructor() {
      this.host = document.createElement("thinktwice-dialog");
      this.host.setAttribute("style", "all: initial !important; position: fixed !important;");
      this.root = this.host.attachShadow({ mode: "closed" });
      const style = document.createElement("style");
      style.textContent = globalThis.thinkTwiceDialogStyle;
      this.dialog = h("dialog", { "aria-labelledby": "tt-title", "aria-describedby": "tt-lede" });
      this.root.append(style, this.dialog);
      this.resolve = null;
      this.returnFocus = null;
      this.dialog.addEventListener("cancel", (event) => {
        event.preventDefault(); // the dialog stays until we settle; Escape means Cancel
        if (event.isTrusted) this.settle(DECISIONS.cancelled);
      });
      this.guard = new MutationObserver((changes) => this.keepInDocument(changes));
      this.roots = new WeakSet(); // the page's shadow roots watched as the document is
      this.unwatch = null; // ends the listeners on those roots
      // Without v2 the hit test alone decides; with it, null until the first report.
      this.visible = TRACKS_VISIBILITY ? null : true;
      this.pending = null; // a press that came before that first report: it waits for it
      this.watch = TRACKS_VISIBILITY
        ? new IntersectionObserver(
            (entries) => {
              this.visible = entries[entries.length - 1].isVisible;
              const pending = this.pending;
              this.pending = null;
              if (pending) this.choose(...pending);
            },
            { trackVisibility: true, delay: 100 },
          )
        : null;
    }

    /** Show "Checking N images..." (or "your video") with only Cancel, until `ask` replaces it. */
    checking(count, video = false) {
      const one = video ? "dialogCheckingVideo" : "dialogCheckingOne";
      this.render({
        icon: ICONS.shield,
        title: t(count > 1 ? "dialogCheckingMany" : one, [String(count)]),
        lede: t("dialogCheckingLede"),
        content: h(
          "div",
          { class: "checking", role: "status" },
          h("span", { class: "spinner", "aria-hidden": "true" }),
          t("dialogChecking"),
          (this.sent = h("span", { class: "sent" })),
        ),
        buttons: [[DECISIONS.cancelled, t("buttonCancel"), "plain"]],
        focus: DECISIONS.cancelled,
      });
      return this.open();
    }

    /** While checking: how much of what is checked has reached the service (0 to 1). */
    progress(fraction) {
      if (!this.sent?.isConnected) return;
      this.sent.textContent = fraction < 1 ? t("dialogCheckingSent", [String(Math.floor(fraction * 100))]) : "";
    }

    /**
     * Ask what to send. `items`: [{name, file, video, status, findings, faces, reason,
     * message}] (`faces`: how many faces the service found; `video`: it is one). Resolves to one of DECISIONS:
     * sentCleaned, sentFacesHidden (the images with faces covered, the others
     * cleaned), sentOriginal or cancelled. Used as is by the tests to render a
     * given report.
     */
    ask(items) {
      const checked = items.every((i) => i.status === "checked");
      const many = items.length > 1;
      const anyFindings = items.some((i) => i.status === "checked" && i.findings.length);
      const rows = items.map(itemRow);
      const faced = items.filter(showsFaces).length;
      const video = !many && items[0].video; // a single video is called one
      // Nothing found is shown only with "always ask" on: the title says so plainly.
      const title = !checked
        ? t(many ? "notCheckedTitleMany" : video ? "notCheckedTitleVideo" : "notCheckedTitleOne", [
            String(items.length),
          ])
        : !anyFindings
          ? many
            ? t("dialogTitleNothingMany", [String(items.length)])
            : t("dialogTitleNothingOne", [items[0].name])
          : many
            ? t("dialogTitleMany", [String(items.length)])
            : t("dialogTitleOne", [items[0].name]);
      const lede = !checked
        ? t(many ? "notCheckedLedeMany" : "notCheckedLedeOne")
        : anyFindings
          ? t(many ? "dialogLedeMany" : video ? "dialogLedeVideo" : "dialogLedeOne")
          : t("dialogLedeNothing");
      const buttons = checked
        ? [
            [DECISIONS.sentCleaned, t(many ? "buttonSendCleanedMany" : "buttonSendCleaned"), "primary"],
            faced
              ? [DECISIONS.sentFacesHidden, t(many ? "buttonSendFacesHiddenMany" : "buttonSendFaceHidden"), ""]
              : null,
            [DECISIONS.sentOriginal, t(many ? "buttonSendOriginalMany" : "buttonSendOriginal"), ""],
            [DECISIONS.cancelled, t("buttonCancel"), "plain"],
          ].filter(Boolean)
        : [
            [DECISIONS.cancelled, t("buttonCancel"), "primary"],
            [DECISIONS.sentOriginal, t(many ? "buttonSendOriginalMany" : "buttonSendOriginal"), ""],
          ];
      this.render({
        icon: checked ? ICONS.shield : ICONS.warn,
        warn: !checked,
        title,
        lede,
        content: [
          h("ul", { class: "items" }, rows.map((r) => r.row)),
          checked && many && faced ? h("p", { class: "hint" }, t("dialogFacesHiddenSome", [String(faced), String(items.length)])) : null,
          seenLine(items.length),
          items.some(isIntimate) ? pressureLine() : null,
        ],
        buttons,
        focus: buttons[0][0],
      });
      const answer = this.open();
      this.thumbs = rows.map((r) => r.thumb);
      rows.forEach((r, i) => items[i].file && void drawThumb(r.thumb, items[i].file));
      return answer;
    }

    /** Draw item `index`'s preview from `image` (a frame's dialog sends it after asking). */
    preview(index, image) {
      const box = this.thumbs?.[index];
      if (box) void drawThumb(box, image);
    }

    render({ icon: iconPaths, warn = false, title, lede, content, buttons, focus }) {
      this.buttons = buttons.map(([action, label, kind]) => {
        const button = h("button", { type: "button", class: kind || false, "data-action": action }, label);
        button.addEventListener("click", (event) => {
          if (!event.isTrusted) return;
          // A click from the keyboard has no position (detail 0): the button's centre is tested.
          if (event.detail) this.choose(action, button, event.clientX, event.clientY);
          else this.choose(action, button);
        });
        return button;
      });
      this.focusFirst = this.buttons.find((b) => b.dataset.action === focus);
      this.coveredNote = h("p", { class: "covered", role: "alert", hidden: true }, t("dialogCovered"));
      this.dialog.replaceChildren(
        h(
          "header",
          {},
          h("div", { class: warn ? "badge warn" : "badge" }, icon(iconPaths)),
          h("div", {}, h("h2", { id: "tt-title" }, title), h("p", { class: "lede", id: "tt-lede" }, lede)),
        ),
        ...[content].flat().filter(Boolean),
        h(
          "footer",
          {},
          this.coveredNote,
          h("p", { class: "note" }, icon(ICONS.lock), t("dialogNothingSent")),
          h("div", { class: "actions" }, this.buttons),
        ),
      );
      if (this.dialog.open) this.focusFirst?.focus();
    }

    open() {
      if (!this.dialog.open) {
        this.returnFocus = document.activeElement;
        (document.documentElement ?? document).append(this.host);
        this.dialog.showModal();
        this.guard.observe(document, WATCHED);
        this.unwatch = new AbortController();
        this.watchRoots(document);
        this.watch?.observe(this.dialog);
      }
      this.focusFirst?.focus();
      return new Promise((resolve) => {
        this.resolve = resolve;
        current = this;
      });
    }

    // A page that removes the dialog does not get the files: it comes back. A page
    // dialog that opens (showModal sets `open`) goes above ours: ours goes back on top.
    keepInDocument(changes) {
      if (!this.resolve) return;
      for (const change of changes) {
        for (const node of change.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) this.watchRoots(node);
      }
      if (!this.host.isConnected) {
        (document.documentElement ?? document).append(this.host);
        if (!this.dialog.open) this.dialog.showModal();
        this.focusFirst?.focus();
      }
      if (changes.some((c) => c.type === "attributes" && c.target.open)) this.raise();
    }

    /**
     * Watch the shadow roots in and under `node` as the document is watched: what the
     * page shows in the top layer from inside its own closed root sends no event and
     * no mutation to the document (and Firefox has no v2 to see it drawn). Whether a
     * root seen for the first time has something in the top layer already.
     */
    watchRoots(node) {
      let onTop = false;
      const elements = node.querySelectorAll ? [node, ...node.querySelectorAll("*")] : [];
      for (const el of elements) {
        const root = el !== this.host ? shadowRootOf(el) : null;
        if (!root || this.roots.has(root)) continue;
        this.roots.add(root);
        this.guard.observe(root, WATCHED);
        root.addEventListener("toggle", (event) => this.raise(event), { capture: true, signal: this.unwatch.signal });
        onTop = Boolean(root.querySelector(ON_TOP)) || this.watchRoots(root) || onTop;
      }
      return onTop;
    }

    /** Back to the top of the top layer (showModal again), keeping the focus where it was. */
    raise(event) {
      if (!this.resolve || event?.target === this.host || event?.newState === "closed") return;
      const focused = this.root.activeElement;
      if (this.dialog.open) this.dialog.close();
      this.dialog.showModal();
      (focused ?? this.focusFirst)?.focus();
    }

    /**
     * Whether the person can see the dialog around `control` right now: nothing the
     * page drew is over it (v2), and the browser's hit test at (x, y) finds the dialog.
     */
    unobscured(control, x, y) {
      if (!this.visible) return false;
      if (x === undefined) {
        const box = control.getBoundingClientRect();
        x = box.left + box.width / 2;
        y = box.top + box.height / 2;
      }
      return document.elementFromPoint(x, y) === this.host;
    }

    /** The person pressed `button` (at x, y): it counts if they could see what they pressed. */
    choose(action, button, x, y) {
      if (!this.resolve) return;
      if (action !== DECISIONS.cancelled && this.visible === null) {
        this.pending = [action, button, x, y]; // pressed within the dialog's first frames
        return;
      }
      // A root the page attached since (no mutation tells) showing something on top: covered.
      const hidden = this.watchRoots(document);
      if (action !== DECISIONS.cancelled && (hidden || !this.unobscured(button, x, y))) {
        this.coveredNote.hidden = false;
        this.raise();
        return;
      }
      this.settle(action);
    }

    focusables() {
      return [...this.dialog.querySelectorAll("button, summary, a[href]")].filter(
        (el) => el.getClientRects().length > 0,
      );
    }

    // Focus that leaves the dialog (into something the page put above it) comes back.
    keepFocus(event) {
      if (event.target === this.host || !this.resolve) return;
      event.stopImmediatePropagation();
      this.focusFirst?.focus();
    }

    onKey(event) {
      if (!event.isTrusted || !this.resolve) return;
      event.stopImmediatePropagation(); // the page never sees what is typed in the dialog
      if (event.type !== "keydown") return;
      const focused = this.root.activeElement;
      if (event.key === "Escape") {
        event.preventDefault();
        this.settle(DECISIONS.cancelled);
      } else if (!focused) {
        // The keys went elsewhere (the window had lost focus): nothing counts until
        // the person sees where the focus is.
        event.preventDefault();
        this.focusFirst?.focus();
      } else if ((event.key === "Enter" || event.key === " ") && this.buttons.includes(focused)) {
        event.preventDefault();
        if (!event.repeat) this.choose(focused.dataset.action, focused);
      } else if (event.key === "Tab") {
        // Keep focus inside: the last element wraps to the first, and back.
        const items = this.focusables();
        if (!items.length) return;
        const index = items.indexOf(this.root.activeElement);
        const next = event.shiftKey
          ? items[(index <= 0 ? items.length : index) - 1]
          : items[(index + 1) % items.length];
        event.preventDefault();
        next.focus();
      }
    }

    settle(action) {
      const resolve = this.resolve;
      if (!resolve) return;
      this.resolve = null;
      if (current === this) current = null;
      resolve(action);
    }

    close() {
      this.resolve = null;
      if (current === this) current = null;
      this.guard.disconnect();
      this.unwatch?.abort();
      this.roots = new WeakSet();
      this.watch?.disconnect();
      if (this.dialog.open) this.dialog.close();
      this.host.remove();
      const back = this.returnFocus;
      this.returnFocus = null;
      if (back && back.isConnected && typeof back.focus === "function") back.focus({ preventScroll: true });
    }
  }

  Object.defineProperty(globalThis, "thinkTwiceDialog", {
    value: Object.freeze({ create: () => new Dialog() }),
  });
})();
