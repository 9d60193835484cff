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
 * Its look is in dialog-style.js, its rows (files and findings) in dialog-rows.js.
 * Used by intercept.js as globalThis.thinkTwiceDialog
 * (isolated world only: page scripts never see these globals).
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceDialog) return;
  const DECISIONS = globalThis.thinkTwiceVocabulary.decisions; // shared/vocabulary.js

  const { t, h, icon, ICONS, drawThumb, isIntimate, showsFaces, pressureLine, itemRow } =
    globalThis.thinkTwiceDialogRows;

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
        buttons: [[DECISIONS.cancelled, t("buttonCancel"), "plain"]],
        focus: DECISIONS.cancelled,
      });
      return this.open();
    }

    /**
     * Ask what to send. `items`: [{name, file, status, findings, faces, reason, message}]
     * (`faces`: how many faces the service found). Resolves to one of DECISIONS:
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
        this.settle(DECISIONS.cancelled);
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
    value: Object.freeze({ create: () => new Dialog() }),
  });
})();
