/*
 * Where held files came from, and how to give the page exactly the chosen ones
 * back through the same path (a classic content script, isolated world; used
 * by intercept.js as globalThis.thinkTwiceSources).
 *
 * Each source has deliver(files) and cancel():
 * - input: set the input's files and fire input and change, as a picker does;
 * - carrier: an input page-hook.js handed over (never in the document, or in
 *   a shadow root): fill the carrier and answer "deliver" on the private
 *   channel, and page-hook.js moves the files into the page's input;
 * - drop and paste: dispatch a new drop or paste event on the element the
 *   person dropped or pasted on, with the files (and, for paste, the text
 *   that came with them) in its DataTransfer.
 * What is dispatched here is untrusted, so intercept.js lets it through.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceSources) return;

  // Firefox keeps what a DataTransfer made in a content script holds from the page
  // (its files would read as none there): make it with the page's own constructor,
  // taken through the Xray wrapper before any page script could replace it.
  const Transfer = globalThis.wrappedJSObject?.DataTransfer ?? DataTransfer;

  function fileList(files) {
    const transfer = new Transfer();
    for (const file of files) transfer.items.add(file);
    return transfer;
  }

  function inputSource(input) {
    return {
      deliver(files) {
        input.files = fileList(files).files;
        input.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
      },
      cancel() {},
    };
  }

  function carrierSource(carrier, channel) {
    const answer = (detail) => carrier.dispatchEvent(new CustomEvent(`${channel}-answer`, { detail }));
    return {
      deliver(files) {
        carrier.files = fileList(files).files;
        answer("deliver");
      },
      cancel() {
        carrier.value = ""; // nothing held stays within the page's reach
        answer("cancel");
      },
    };
  }

  // What a re-dispatched drop or paste keeps of the person's own event.
  const POINTER = ["clientX", "clientY", "screenX", "screenY", "ctrlKey", "shiftKey", "altKey", "metaKey"];

  function eventInit(event) {
    const init = { bubbles: true, cancelable: true, composed: true };
    for (const key of POINTER) {
      if (key in event) init[key] = event[key];
    }
    return init;
  }

  function dropSource(event) {
    const target = event.composedPath()[0] ?? event.target;
    const init = eventInit(event);
    const effect = event.dataTransfer.dropEffect;
    return {
      deliver(files) {
        const transfer = fileList(files);
        transfer.dropEffect = effect;
        target.dispatchEvent(new DragEvent("drop", { ...init, dataTransfer: transfer }));
      },
      cancel() {},
    };
  }

  function pasteSource(event) {
    const target = event.composedPath()[0] ?? event.target;
    const clipboard = event.clipboardData;
    const strings = [...clipboard.types].filter((t) => t !== "Files").map((t) => [t, clipboard.getData(t)]);
    return {
      deliver(files) {
        const transfer = fileList(files);
        for (const [type, value] of strings) transfer.setData(type, value);
        if (target.isConnected && typeof target.focus === "function") target.focus({ preventScroll: true });
        target.dispatchEvent(new ClipboardEvent("paste", { ...eventInit(event), clipboardData: transfer }));
      },
      cancel() {},
    };
  }

  Object.defineProperty(globalThis, "thinkTwiceSources", {
    value: Object.freeze({ inputSource, carrierSource, dropSource, pasteSource }),
  });
})();
