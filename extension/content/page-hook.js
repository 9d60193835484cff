/*
 * The page-world hook (a classic content script in the MAIN world, at
 * document_start, before any page script).
 *
 * Upload widgets often create an <input type=file> in script and click it
 * without ever adding it to the document, or keep it in a shadow root. Its
 * change event then never reaches the window, where intercept.js listens, or
 * reaches it retargeted to the shadow host (a closed root hides the input even
 * from the isolated world). So this script wraps every way to open such an
 * input's picker (HTMLElement.prototype.click, whatever prototype the page calls
 * it through; showPicker; dispatchEvent of a click), giving the input capture
 * listeners of its own, which run before the page's listeners on the same
 * element; and attachShadow, giving each new shadow root capture listeners that
 * run before any listener inside it (the person may click an input there
 * directly). A trusted selection holding an image is held back: its files move
 * to a private carrier input (the page's input is emptied), handed to the
 * isolated world through an event whose name carries a per-page random nonce.
 * The isolated world answers on the carrier with "deliver" (the carrier now
 * holds exactly the files to give the page) or "cancel"; delivering sets the
 * page's input and fires input and change.
 *
 * showOpenFilePicker() is wrapped the same way: the chosen files are handed
 * over before the page's promise settles; it resolves with handles whose
 * getFile() gives the delivered files (page-files.js), or rejects with the
 * AbortError a dismissed picker gives when the person cancels.
 *
 * The nonce comes from intercept.js in a handshake at document_start (both
 * orders of injection work; neither side answers twice), so page scripts,
 * which run later, never see it. This script keeps its own references to the
 * DOM functions it uses, so later page code cannot intercept them, and its own
 * copy of the service's vocabulary (page-vocabulary.js ran just before it, in
 * this world): it then takes that global off the page's window, so page code
 * neither finds it nor could change what this script reads.
 */
(() => {
  "use strict";
  const vocabulary = globalThis.thinkTwiceVocabulary; // frozen all the way down
  delete globalThis.thinkTwiceVocabulary;
  const { fileHandle } = globalThis.thinkTwicePageFiles; // page-files.js, just before
  delete globalThis.thinkTwicePageFiles;
  const doc = document;
  const ElementProto = HTMLInputElement.prototype;
  const originalClick = HTMLElement.prototype.click;
  const originalShowPicker = ElementProto.showPicker;
  const originalAttachShadow = Element.prototype.attachShadow;
  const originalOpenPicker = globalThis.showOpenFilePicker;
  const getFile = globalThis.FileSystemFileHandle?.prototype.getFile;
  const listen = EventTarget.prototype.addEventListener;
  const unlisten = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const composedPath = Event.prototype.composedPath;
  const getRootNode = Node.prototype.getRootNode;
  const Abort = DOMException;
  const own = (proto, name) => Object.getOwnPropertyDescriptor(proto, name);
  const getFiles = own(ElementProto, "files").get;
  const setFiles = own(ElementProto, "files").set;
  const getType = own(ElementProto, "type").get;
  const setType = own(ElementProto, "type").set;
  const setMultiple = own(ElementProto, "multiple").set;
  const setValue = own(ElementProto, "value").set;
  const createElement = Document.prototype.createElement;
  const stopImmediate = Event.prototype.stopImmediatePropagation;
  const isTrusted = own(Event.prototype, "isTrusted")?.get;
  const getDetail = own(CustomEvent.prototype, "detail").get;
  const getEventType = own(Event.prototype, "type").get;
  const getLength = own(FileList.prototype, "length").get;
  const itemAt = FileList.prototype.item;
  const getName = own(File.prototype, "name").get;
  const getBlobType = own(Blob.prototype, "type").get;
  const Transfer = DataTransfer;
  const getItems = own(DataTransfer.prototype, "items").get;
  const getTransferFiles = own(DataTransfer.prototype, "files").get;
  const addItem = DataTransferItemList.prototype.add;
  const Mouse = MouseEvent;
  const Custom = CustomEvent;
  const Plain = Event;
  const lower = String.prototype.toLowerCase;
  const test = RegExp.prototype.test;

  // What counts as an image the service can check (intercept.js reads the same).
  const IMAGE_TYPES = new Set(vocabulary.imageTypes);
  const has = Set.prototype.has;
  const IMAGE_NAME = new RegExp(`\\.(${vocabulary.imageSuffixes.join("|")})$`, "i");
  function isImage(file) {
    const type = lower.call(getBlobType.call(file));
    const untyped = !type || type === "application/octet-stream";
    return has.call(IMAGE_TYPES, type) || (untyped && test.call(IMAGE_NAME, getName.call(file)));
  }

  // The files of `list` in a new FileList: clearing the page's input empties its own
  // FileList in place, so the carrier must not share it. Only the functions saved
  // above touch the files: later page code cannot patch its way to them.
  function copyFiles(list) {
    const transfer = new Transfer();
    const items = getItems.call(transfer);
    let images = 0;
    for (let i = 0; i < getLength.call(list); i++) {
      const file = itemAt.call(list, i);
      if (isImage(file)) images++;
      addItem.call(items, file);
    }
    return { files: getTransferFiles.call(transfer), images };
  }

  let nonce = null;
  const guarded = new WeakSet();
  const swallowChange = new WeakSet(); // inputs whose next trusted change was already handled

  // Handshake: receive the isolated world's nonce once, then acknowledge.
  function onIsolatedHello(event) {
    if (nonce || typeof event.detail !== "string" || event.detail.length < 16) return;
    nonce = event.detail;
    unlisten.call(doc, "thinktwice:isolated-hello", onIsolatedHello, true);
    dispatch.call(doc, new Custom("thinktwice:page-ack"));
  }
  listen.call(doc, "thinktwice:isolated-hello", onIsolatedHello, true);
  dispatch.call(doc, new Custom("thinktwice:page-hello"));

  const inDocumentTree = (input) => getRootNode.call(input) === doc;
  const isFileInput = (el) => el instanceof HTMLInputElement && lower.call(getType.call(el)) === "file";

  /**
   * Hand `files` (a FileList of our own) to the isolated world on a carrier;
   * `answered(files)` gets the files to give the page, or null for nothing.
   */
  function handOver(files, answered) {
    const carrier = createElement.call(doc, "input");
    setType.call(carrier, "file");
    setMultiple.call(carrier, true);
    setFiles.call(carrier, files);
    const channel = `thinktwice-${nonce}`;
    listen.call(carrier, `${channel}-answer`, (answer) => {
      const chosen = getDetail.call(answer) === "deliver" ? copyFiles(getFiles.call(carrier)).files : null;
      setValue.call(carrier, "");
      answered(chosen);
    });
    dispatch.call(doc, new Mouse(channel, { relatedTarget: carrier }));
  }

  function hold(input, event) {
    const files = getFiles.call(input);
    if (!files || !getLength.call(files)) return false;
    const copy = copyFiles(files);
    if (!copy.images) return false;
    stopImmediate.call(event);
    setValue.call(input, ""); // the page cannot read what is held
    handOver(copy.files, (chosen) => {
      if (!chosen) return;
      setFiles.call(input, chosen);
      dispatch.call(input, new Plain("input", { bubbles: true, composed: true }));
      dispatch.call(input, new Plain("change", { bubbles: true }));
    });
    return true;
  }

  function onSelection(event) {
    if (!nonce || !(isTrusted ? isTrusted.call(event) : event.isTrusted)) return;
    // On a shadow root's listener the input is the event's first target inside it.
    const input = guarded.has(event.currentTarget) ? event.currentTarget : composedPath.call(event)[0];
    if (!isFileInput(input)) return;
    // In the document tree the isolated world sees the event at the window, first.
    if (inDocumentTree(input)) return;
    if (event.type === "change" && swallowChange.has(input)) {
      swallowChange.delete(input);
      stopImmediate.call(event);
      return;
    }
    if (hold(input, event) && event.type === "input") swallowChange.add(input);
  }

  function guard(input) {
    if (guarded.has(input)) return;
    guarded.add(input);
    listen.call(input, "input", onSelection, true);
    listen.call(input, "change", onSelection, true);
  }

  const guardDetached = (el) => isFileInput(el) && !inDocumentTree(el) && guard(el);

  function wrap(original) {
    return {
      [original.name](...args) {
        guardDetached(this);
        return original.apply(this, args);
      },
    }[original.name];
  }

  const method = { writable: true, enumerable: true, configurable: true };
  Object.defineProperty(HTMLElement.prototype, "click", { ...method, value: wrap(originalClick) });
  if (typeof originalShowPicker === "function") {
    Object.defineProperty(ElementProto, "showPicker", { ...method, value: wrap(originalShowPicker) });
  }
  Object.defineProperty(EventTarget.prototype, "dispatchEvent", {
    ...method,
    value: {
      dispatchEvent(event) {
        // A click dispatched on an input opens its picker like click() does.
        let type = "";
        try {
          type = getEventType.call(event);
        } catch {
          // not an event: dispatchEvent itself says so below
        }
        if (type === "click") guardDetached(this);
        return dispatch.call(this, event);
      },
    }.dispatchEvent,
  });
  Object.defineProperty(Element.prototype, "attachShadow", {
    ...method,
    value: {
      attachShadow(...args) {
        const root = originalAttachShadow.apply(this, args);
        listen.call(root, "input", onSelection, true);
        listen.call(root, "change", onSelection, true);
        return root;
      },
    }.attachShadow,
  });

  if (typeof originalOpenPicker === "function" && typeof getFile === "function") {
    Object.defineProperty(globalThis, "showOpenFilePicker", {
      ...method,
      value: {
        async showOpenFilePicker(...args) {
          const handles = await originalOpenPicker.apply(this, args);
          if (!nonce) return handles;
          const transfer = new Transfer();
          const items = getItems.call(transfer);
          for (let i = 0; i < handles.length; i++) addItem.call(items, await getFile.call(handles[i]));
          const copy = copyFiles(getTransferFiles.call(transfer));
          if (!copy.images) return handles;
          return new Promise((resolve, reject) => {
            handOver(copy.files, (chosen) => {
              if (!chosen) {
                reject(new Abort("The user aborted a request.", "AbortError"));
                return;
              }
              const given = [];
              for (let i = 0; i < getLength.call(chosen); i++) given[i] = fileHandle(itemAt.call(chosen, i));
              resolve(given);
            });
          });
        },
      }.showOpenFilePicker,
    });
  }
})();
