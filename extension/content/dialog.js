/*
 * The think-twice dialog (a classic content script, isolated world).
 *
 * Why the page can neither read nor press it:
 * - it lives in a *closed* shadow root: page scripts get no reference to
 *   anything inside, and page CSS cannot reach in (the host resets itself with
 *   `all: initial !important`, which beats any page rule);
 * - it is a modal <dialog> in the top layer: no page element can cover it, the
 *   page behind it is inert, focus stays inside;
 * - every button acts only on a trusted event (a real click or key press);
 *   `element.click()` or `dispatchEvent` from any script is ignored.
 * Keyboard: Tab and Shift+Tab cycle inside, Enter or Space press the focused
 * button, Escape cancels. Strings come from chrome.i18n (_locales/en).
 *
 * Its look is in dialog-style.js. Used by intercept.js as globalThis.thinkTwiceDialog
 * (isolated world only: page scripts never see these globals).
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceDialog) return;

  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const SVG = "http://www.w3.org/2000/svg";

  const SEVERITY_RANK = { critical: 5, high: 4, medium: 3, low: 2, info: 1, none: 0 };
  const SEVERITY_LABEL = {
    critical: "severityCritical",
    high: "severityHigh",
    medium: "severityMedium",
    low: "severityLow",
    info: "severityInfo",
  };
  const NOT_CHECKED_REASON = {
    not_running: "reasonNotRunning",
    not_paired: "reasonNotPaired",
    unauthorized: "reasonNotPaired",
    timeout: "reasonTimeout",
    rejected: "reasonRejected",
    too_large: "reasonTooLarge",
    failed: "reasonFailed",
  };
  const THUMB_PX = 112; // drawn at 2x for sharp 56px thumbnails
  // Intimate content: nudity, or a face in an intimate image (the service's critical face).
  const INTIMATE = [
    (f) => f.kind === "nudity",
    (f) => f.kind === "face" && f.severity === "critical",
  ];
  const HELP_SECTION = "pressure"; // help/help.html#pressure


  /** An element with attributes and children (strings become text: no HTML parsing). */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "class") el.className = value;
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  function icon(paths) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "1.8");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    for (const d of paths) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  const ICONS = {
    shield: ["M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z", "M9 12l2 2 4-4"],
    warn: ["M12 3l9.5 17h-19L12 3z", "M12 10v4", "M12 17.5v.01"],
    lock: ["M6 11h12v9H6z", "M8.5 11V8a3.5 3.5 0 017 0v3"],
    photo: ["M4 6h16v12H4z", "M4 15l4.5-4.5L13 15l2.5-2.5L20 17", "M15.5 9.5h.01"],
  };

  function bySeverity(a, b) {
    return (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0);
  }

  /** Draw a small square preview of `file` into `box` (after the dialog is up: off the hot path). */
  async function drawThumb(box, file) {
    try {
      const bitmap = await createImageBitmap(file, { resizeWidth: THUMB_PX, resizeQuality: "medium" });
      const canvas = h("canvas", { width: THUMB_PX, height: THUMB_PX, "aria-hidden": "true" });
      const scale = Math.max(THUMB_PX / bitmap.width, THUMB_PX / bitmap.height);
      const w = bitmap.width * scale;
      const hgt = bitmap.height * scale;
      canvas.getContext("2d").drawImage(bitmap, (THUMB_PX - w) / 2, (THUMB_PX - hgt) / 2, w, hgt);
      bitmap.close();
      box.replaceChildren(canvas);
    } catch {
      // A format the browser cannot draw (HEIC...): the photo icon stays.
    }
  }

  /** Whether a checked item's findings say the image is intimate. */
  function isIntimate(item) {
    return item.status === "checked" && item.findings.some((f) => INTIMATE.some((rule) => rule(f)));
  }

  /** Whether "Send with face hidden" applies to the item: the service found faces in it. */
  function showsFaces(item) {
    return item.status === "checked" && item.faces > 0;
  }

  /**
   * "Is someone pressuring you to send this?", linking to the help page. The
   * page may not navigate to an extension page, so the worker opens it in a new
   * tab; only a trusted click does (the href says where it leads).
   */
  function pressureLine() {
    const link = h(
      "a",
      { href: api.runtime.getURL(`help/help.html#${HELP_SECTION}`), target: "_blank", rel: "noopener" },
      t("dialogPressure"),
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (event.isTrusted) void api.runtime.sendMessage({ type: "openHelp", section: HELP_SECTION });
    });
    link.addEventListener("auxclick", (event) => event.preventDefault());
    return h("p", { class: "pressure" }, link);
  }

  function findingRow(finding) {
    const evidence = Object.entries(finding.evidence ?? {});
    const label = t(SEVERITY_LABEL[finding.severity] ?? "severityInfo");
    return h(
      "li",
      { class: "finding" },
      h("span", { class: `sev ${finding.severity}` }, label, h("span", { class: "sr" }, ": ")),
      h("p", { class: "msg" }, finding.message),
      evidence.length
        ? h(
            "details",
            {},
            h("summary", {}, t("dialogDetails")),
            h("dl", {}, evidence.map(([tag, value]) => [h("dt", {}, tag), h("dd", {}, String(value))])),
          )
        : null,
    );
  }

  function itemRow(item) {
    const thumb = h("div", { class: "thumb" }, icon(ICONS.photo));
    let body;
    if (item.status !== "checked") {
      const key = NOT_CHECKED_REASON[item.reason] ?? "reasonFailed";
      body = h("p", { class: "problem" }, t(key, [item.message ?? ""]));
    } else if (!item.findings.length) {
      body = h("p", { class: "quiet" }, t("dialogNothingFound"));
    } else {
      body = h(
        "ul",
        { class: "findings", "aria-label": t("dialogFindingsLabel", [item.name]) },
        [...item.findings].sort(bySeverity).map(findingRow),
      );
    }
    const text = h("div", { class: "body" }, h("p", { class: "name" }, item.name), body);
    const row = h("li", { class: "item" }, thumb, text);
    return { row, thumb };
  }

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
        if (event.isTrusted) this.settle("cancelled");
      });
      this.dialog.addEventListener("keydown", (event) => this.onKey(event));
      this.guard = new MutationObserver(() => this.keepInDocument());
    }

    /** Show "Checking N images..." with only Cancel, until `ask` replaces it. */
    checking(count) {
      this.render({
        icon: ICONS.shield,
        title: t(count > 1 ? "dialogCheckingMany" : "dialogCheckingOne", [String(count)]),
        lede: t("dialogCheckingLede"),
        content: h(
          "div",
          { class: "checking", role: "status" },
          h("span", { class: "spinner", "aria-hidden": "true" }),
          t("dialogChecking"),
        ),
        buttons: [["cancelled", t("buttonCancel"), "plain"]],
        focus: "cancelled",
      });
      return this.open();
    }

    /**
     * Ask what to send. `items`: [{name, file, status, findings, faces, reason, message}]
     * (`faces`: how many faces the service found). Resolves to "sent_cleaned",
     * "sent_blurred" (the images with faces covered, the others cleaned),
     * "sent_original" or "cancelled". Used as is by the tests to render a given report.
     */
    ask(items) {
      const checked = items.every((i) => i.status === "checked");
      const many = items.length > 1;
      const anyFindings = items.some((i) => i.status === "checked" && i.findings.length);
      const rows = items.map(itemRow);
      const faced = items.filter(showsFaces).length;
      const title = checked
        ? many
          ? t("dialogTitleMany", [String(items.length)])
          : t("dialogTitleOne", [items[0].name])
        : t(many ? "notCheckedTitleMany" : "notCheckedTitleOne", [String(items.length)]);
      const lede = !checked
        ? t(many ? "notCheckedLedeMany" : "notCheckedLedeOne")
        : anyFindings
          ? t(many ? "dialogLedeMany" : "dialogLedeOne")
          : t("dialogLedeNothing");
      const buttons = checked
        ? [
            ["sent_cleaned", t(many ? "buttonSendCleanedMany" : "buttonSendCleaned"), "primary"],
            faced ? ["sent_blurred", t(many ? "buttonSendFacesHiddenMany" : "buttonSendFaceHidden"), ""] : null,
            ["sent_original", t(many ? "buttonSendOriginalMany" : "buttonSendOriginal"), ""],
            ["cancelled", t("buttonCancel"), "plain"],
          ].filter(Boolean)
        : [
            ["cancelled", t("buttonCancel"), "primary"],
            ["sent_original", t(many ? "buttonSendOriginalMany" : "buttonSendOriginal"), ""],
          ];
      this.render({
        icon: checked ? ICONS.shield : ICONS.warn,
        warn: !checked,
        title,
        lede,
        content: [
          h("ul", { class: "items" }, rows.map((r) => r.row)),
          checked && many && faced ? h("p", { class: "hint" }, t("dialogFacesHiddenSome", [String(faced), String(items.length)])) : null,
          items.some(isIntimate) ? pressureLine() : null,
        ],
        buttons,
        focus: buttons[0][0],
      });
      const answer = this.open();
      rows.forEach((r, i) => items[i].file && void drawThumb(r.thumb, items[i].file));
      return answer;
    }

    render({ icon: iconPaths, warn = false, title, lede, content, buttons, focus }) {
      this.buttons = buttons.map(([action, label, kind]) => {
        const button = h("button", { type: "button", class: kind || false, "data-action": action }, label);
        button.addEventListener("click", (event) => {
          if (event.isTrusted) this.settle(action);
        });
        return button;
      });
      this.focusFirst = this.buttons.find((b) => b.dataset.action === focus);
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
        this.guard.observe(document.documentElement ?? document, { childList: true });
      }
      this.focusFirst?.focus();
      return new Promise((resolve) => {
        this.resolve = resolve;
      });
    }

    // A page that removes the dialog does not get the files: it comes back.
    keepInDocument() {
      if (this.resolve && !this.host.isConnected) {
        (document.documentElement ?? document).append(this.host);
        if (!this.dialog.open) this.dialog.showModal();
        this.focusFirst?.focus();
      }
    }

    focusables() {
      return [...this.dialog.querySelectorAll("button, summary, a[href]")].filter(
        (el) => el.getClientRects().length > 0,
      );
    }

    onKey(event) {
      if (!event.isTrusted) return;
      if (event.key === "Escape") {
        event.preventDefault();
        this.settle("cancelled");
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
      resolve(action);
    }

    close() {
      this.resolve = null;
      this.guard.disconnect();
      if (this.dialog.open) this.dialog.close();
      this.host.remove();
      const back = this.returnFocus;
      this.returnFocus = null;
      if (back && back.isConnected && typeof back.focus === "function") back.focus({ preventScroll: true });
    }
  }

  Object.defineProperty(globalThis, "thinkTwiceDialog", {
    value: Object.freeze({ create: () => new Dialog(), bySeverity }),
  });
})();
