/*
 * The page-world hook (a classic content script in the MAIN world, at
 * document_start, before any page script).
 *
 * Upload widgets often create an <input type=file> in script and click it
 * without ever adding it to the document, or keep it in a shadow root. Its
 * change event then never reaches the window, where intercept.js listens.
 * So HTMLInputElement.prototype.click and showPicker are wrapped: such an
 * input gets capture listeners of its own, which run before the page's
 * listeners on the same element. A trusted selection holding an image is held
 * back: its files move to a private carrier input (the page's input is
 * emptied), handed to the isolated world through an event whose name carries a
 * per-page random nonce. The isolated world answers on the carrier with
 * "deliver" (the carrier now holds exactly the files to give the page) or
 * "cancel"; delivering sets the page's input and fires input and change.
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
  const doc = document;
  const ElementProto = HTMLInputElement.prototype;
  const originalClick = HTMLElement.prototype.click; // inherited: the wrapper is the input's own
  const originalShowPicker = ElementProto.showPicker;
  const listen = EventTarget.prototype.addEventListener;
  const unlisten = EventTarget.prototype.removeEventListener;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const getRootNode = Node.prototype.getRootNode;
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

  function hold(input, event) {
    const files = getFiles.call(input);
    if (!files || !getLength.call(files)) return false;
    const copy = copyFiles(files);
    if (!copy.images) return false;
    stopImmediate.call(event);
    const carrier = createElement.call(doc, "input");
    setType.call(carrier, "file");
    setMultiple.call(carrier, true);
    setFiles.call(carrier, copy.files);
    setValue.call(input, ""); // the page cannot read what is held
    const channel = `thinktwice-${nonce}`;
    listen.call(carrier, `${channel}-answer`, (answer) => {
      if (getDetail.call(answer) === "deliver") setFiles.call(input, copyFiles(getFiles.call(carrier)).files);
      setValue.call(carrier, "");
      if (getDetail.call(answer) !== "deliver") return;
      dispatch.call(input, new Plain("input", { bubbles: true, composed: true }));
      dispatch.call(input, new Plain("change", { bubbles: true }));
    });
    dispatch.call(doc, new Mouse(channel, { relatedTarget: carrier }));
    return true;
  }

  function onSelection(event) {
    if (!nonce || !(isTrusted ? isTrusted.call(event) : event.isTrusted)) return;
    const input = event.currentTarget;
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

  function wrap(original) {
    return {
      [original.name](...args) {
        if (isFileInput(this) && !inDocumentTree(this)) guard(this);
        return original.apply(this, args);
      },
    }[original.name];
  }

  const method = { writable: true, enumerable: true, configurable: true };
  Object.defineProperty(ElementProto, "click", { ...method, value: wrap(originalClick) });
  if (typeof originalShowPicker === "function") {
    Object.defineProperty(ElementProto, "showPicker", { ...method, value: wrap(originalShowPicker) });
  }
})();
