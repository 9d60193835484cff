/*
 * Where the dialog for a held file is shown (a classic content script, isolated
 * world, all frames; after dialog.js, before intercept.js).
 *
 * A file held in a frame (a rich-text editor's about:srcdoc frame, a chat
 * widget from another site) is asked about in the top frame, through the
 * worker: a frame's dialog would be cramped to the frame's box, clipped (so
 * never seen whole, and a click on it would never count, dialog.js), and
 * coverable by the page around the frame, which the frame cannot see. The
 * frame keeps the files and delivers what the person chose; the top frame only
 * shows the findings and a small preview drawn here, and answers with the
 * decision. The top frame takes such requests from the worker alone (no
 * sender.tab), one dialog at a time. Where the top frame has no ThinkTwice
 * scripts (a watched site framed by one that is not), the frame shows the
 * dialog itself, as before.
 *
 * Used by intercept.js as globalThis.thinkTwiceDialogs: create() gives an object
 * with dialog.js's checking(count, video), progress(fraction), ask(items) and close().
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceDialogs) return;
  const api = globalThis.browser ?? globalThis.chrome;
  const local = globalThis.thinkTwiceDialog;
  const { randomHex, readBase64, bytesOf } = globalThis.thinkTwiceWire;
  const WIRE_FIELDS = ["name", "video", "status", "findings", "faces", "reason", "message"];
  const pending = () => new Promise(() => {});

  /** A small JPEG of `file` (base64) for the top frame's row, or null where it cannot be drawn. */
  async function preview(file) {
    try {
      const bitmap = await globalThis.thinkTwiceDialogRows.thumbOf(file); // a video's poster too
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      canvas.getContext("2d").drawImage(bitmap, 0, 0);
      bitmap.close();
      const blob = await canvas.convertToBlob({ type: "image/jpeg", quality: 0.85 });
      return await readBase64(blob);
    } catch {
      return null; // a format the browser cannot draw (HEIC...): the photo icon stays
    }
  }

  // --- In a frame: the dialog asked for in the top frame -----------------------
  class FrameDialog {
    constructor() {
      this.id = randomHex(12);
      this.shown = null; // dialog.js's own dialog, once the top frame cannot show one
      this.closed = false;
    }

    /** The top frame's answer to `op`, or this frame's own dialog doing `fallback`. */
    async remote(op, fields, fallback) {
      if (!this.shown) {
        let reply = null;
        try {
          reply = await api.runtime.sendMessage({ type: "frameDialog", id: this.id, op, ...fields });
        } catch {
          // The worker is unreachable: the frame's own dialog still asks.
        }
        if (reply?.ok && !reply.value.local) return reply.value.action;
        if (this.closed) return null;
        this.shown = local.create();
      }
      return fallback(this.shown);
    }

    async checking(count, video = false) {
      const action = await this.remote("checking", { count, video }, (d) => d.checking(count, video));
      return action ?? pending(); // replaced by ask(), as dialog.js's checking() is
    }

    async ask(items) {
      const wire = items.map((item) => Object.fromEntries(WIRE_FIELDS.map((k) => [k, item[k] ?? null])));
      const answer = this.remote("ask", { items: wire }, (d) => d.ask(items));
      items.forEach((item, index) => {
        if (!item.file) return;
        void preview(item.file).then((data) => {
          if (data && !this.shown && !this.closed) {
            api.runtime.sendMessage({ type: "frameDialog", id: this.id, op: "preview", index, data }).catch(() => {});
          }
        });
      });
      return (await answer) ?? pending();
    }

    progress(fraction) {
      if (this.shown) this.shown.progress(fraction);
      else if (!this.closed) {
        api.runtime.sendMessage({ type: "frameDialog", id: this.id, op: "progress", fraction }).catch(() => {});
      }
    }

    close() {
      if (this.closed) return;
      this.closed = true;
      if (this.shown) this.shown.close();
      else api.runtime.sendMessage({ type: "frameDialog", id: this.id, op: "close" }).catch(() => {});
    }
  }

  // --- In the top frame: dialogs asked for by this tab's frames ---------------
  function serveFrames() {
    const open = new Map(); // id -> {ready: its dialog once its turn comes, closed, close()}
    let queue = Promise.resolve(); // one frame's dialog at a time

    function entryFor(id) {
      let entry = open.get(id);
      if (!entry) {
        let done;
        const closed = new Promise((resolve) => (done = resolve));
        const ready = queue.then(() => local.create());
        queue = closed; // the next frame's dialog waits for this one to close
        entry = { dialog: null, ready: ready.then((d) => (entry.dialog = d)), closed };
        entry.close = () => {
          open.delete(id);
          void entry.ready.then((d) => d.close()).finally(() => done(null));
        };
        open.set(id, entry);
      }
      return entry;
    }

    async function handle(message) {
      const { id, op } = message;
      if (op === "close") {
        open.get(id)?.close();
        return { action: null };
      }
      if (op === "progress") {
        open.get(id)?.dialog?.progress(message.fraction);
        return { action: null };
      }
      if (op === "preview") {
        open.get(id)?.dialog?.preview(message.index, new Blob([bytesOf(message.data)], { type: "image/jpeg" }));
        return { action: null };
      }
      const entry = entryFor(id);
      const dialog = await entry.ready;
      const asked = op === "checking" ? dialog.checking(message.count, message.video) : dialog.ask(message.items);
      // A closed dialog leaves its question unsettled: the answer is null then.
      const action = await Promise.race([asked, entry.closed]);
      if (action) entry.close(); // answered: the frame may be gone before it says close
      return { action };
    }

    api.runtime.onMessage.addListener((message, sender, sendResponse) => {
      if (sender.id !== api.runtime.id || sender.tab) return undefined; // the worker's only
      if (message?.type !== "frameDialog") return undefined;
      handle(message).then(sendResponse, () => sendResponse({ action: null }));
      return true;
    });
  }

  const isTop = window === window.top;
  if (isTop) serveFrames();

  Object.defineProperty(globalThis, "thinkTwiceDialogs", {
    value: Object.freeze({ create: () => (isTop ? local.create() : new FrameDialog()) }),
  });
})();
