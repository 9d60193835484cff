/*
 * The page-world hook (a classic content script in the MAIN world, at
 * document_start, before any page script).
 *
 * Upload widgets often create an <input type=file> in script and click it
 * without ever adding it to the document, or keep it in a shadow root. Its
 * change event then never reaches the window, where intercept.js listens.
 * So HTMLInputElement.prototype.click and showPicker are wrapped: such an
 * input gets capture listeners of its own, which run before the page's
 * listeners on the same element (and an input that gets an input or change
 * listener, or an oninput/onchange handler, is guarded before it is added: a
 * listener added before click() would otherwise run first). A trusted
 * selection holding an image is held back: its files move to a private carrier
 * input (the page's input is emptied), handed to the isolated world through an event whose name carries a
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
  // `f.call(x)` looks `call` up on Function.prototype, which a page can replace to
  // see every argument: the carrier, its files. So each saved function is bound
  // once, here, to Function.prototype.call itself: `getFiles(input)` then makes no
  // lookup a page could reach. Likewise every object this script builds (event
  // inits above all: the browser reads each member, and a missing one through
  // Object.prototype, where a page getter would see `relatedTarget: carrier`) has
  // no prototype.
  const uncurry = Function.prototype.bind.bind(Function.prototype.call);
  const apply = Reflect.apply;
  const own = (proto, name) => Object.getOwnPropertyDescriptor(proto, name);
  const getter = (proto, name) => uncurry(own(proto, name).get);
  const setter = (proto, name) => uncurry(own(proto, name).set);
  const doc = document;
  const ElementProto = HTMLInputElement.prototype;
  const originalClick = HTMLElement.prototype.click; // inherited: the wrapper is the input's own
  const originalShowPicker = ElementProto.showPicker;
  const listen = uncurry(EventTarget.prototype.addEventListener);
  const unlisten = uncurry(EventTarget.prototype.removeEventListener);
  const dispatch = uncurry(EventTarget.prototype.dispatchEvent);
  const getRootNode = uncurry(Node.prototype.getRootNode);
  const getFiles = getter(ElementProto, "files");
  const setFiles = setter(ElementProto, "files");
  const getType = getter(ElementProto, "type");
  const setType = setter(ElementProto, "type");
  const setMultiple = setter(ElementProto, "multiple");
  const setValue = setter(ElementProto, "value");
  const createElement = uncurry(Document.prototype.createElement);
  const stopImmediate = uncurry(Event.prototype.stopImmediatePropagation);
  const isTrusted = (event) => event.isTrusted; // unforgeable: each event's own property
  const getDetail = getter(CustomEvent.prototype, "detail");
  const getLength = getter(FileList.prototype, "length");
  const itemAt = uncurry(FileList.prototype.item);
  const getName = getter(File.prototype, "name");
  const getBlobType = getter(Blob.prototype, "type");
  const Transfer = DataTransfer;
  const getItems = getter(DataTransfer.prototype, "items");
  const getTransferFiles = getter(DataTransfer.prototype, "files");
  const addItem = uncurry(DataTransferItemList.prototype.add);
  const Mouse = MouseEvent;
  const Custom = CustomEvent;
  const Plain = Event;
  const lower = uncurry(String.prototype.toLowerCase);
  const test = uncurry(RegExp.prototype.test);
  const weakHas = uncurry(WeakSet.prototype.has);
  const weakAdd = uncurry(WeakSet.prototype.add);
  const weakDelete = uncurry(WeakSet.prototype.delete);
  const getCurrentTarget = getter(Event.prototype, "currentTarget");
  const getEventType = getter(Event.prototype, "type");
  const isInput = uncurry(own(Function.prototype, Symbol.hasInstance).value, HTMLInputElement);
  const defineProperty = Object.defineProperty;

  // What counts as an image the service can check (intercept.js reads the same).
  const IMAGE_TYPES = new Set(vocabulary.imageTypes);
  const has = uncurry(Set.prototype.has);
  const IMAGE_NAME = new RegExp(`\\.(${vocabulary.imageSuffixes.join("|")})$`, "i");
  function isImage(file) {
    const type = lower(getBlobType(file));
    const untyped = !type || type === "application/octet-stream";
    return has(IMAGE_TYPES, type) || (untyped && test(IMAGE_NAME, getName(file)));
  }

  // The files of `list` in a new FileList: clearing the page's input empties its own
  // FileList in place, so the carrier must not share it. Only the functions saved
  // above touch the files: later page code cannot patch its way to them.
  function copyFiles(list) {
    const transfer = new Transfer();
    const items = getItems(transfer);
    let images = 0;
    for (let i = 0; i < getLength(list); i++) {
      const file = itemAt(list, i);
      if (isImage(file)) images++;
      addItem(items, file);
    }
    return { __proto__: null, files: getTransferFiles(transfer), images };
  }

  let nonce = null;
  const guarded = new WeakSet();
  const swallowChange = new WeakSet(); // inputs whose next trusted change was already handled

  // Handshake: receive the isolated world's nonce once, then acknowledge.
  function onIsolatedHello(event) {
    const detail = getDetail(event);
    if (nonce || typeof detail !== "string" || detail.length < 16) return;
    nonce = detail;
    unlisten(doc, "thinktwice:isolated-hello", onIsolatedHello, true);
    dispatch(doc, new Custom("thinktwice:page-ack"));
  }
  listen(doc, "thinktwice:isolated-hello", onIsolatedHello, true);
  dispatch(doc, new Custom("thinktwice:page-hello"));

  const inDocumentTree = (input) => getRootNode(input) === doc;
  const isFileInput = (el) => isInput(el) && lower(getType(el)) === "file";

  function hold(input, event) {
    const files = getFiles(input);
    if (!files || !getLength(files)) return false;
    const copy = copyFiles(files);
    if (!copy.images) return false;
    stopImmediate(event);
    // The carrier takes the files across to the isolated world, which empties it at
    // once: while the person decides, the originals are held there only.
    const carrier = createElement(doc, "input");
    setType(carrier, "file");
    setMultiple(carrier, true);
    setFiles(carrier, copy.files);
    setValue(input, ""); // the page cannot read what is held
    const channel = `thinktwice-${nonce}`;
    listen(carrier, `${channel}-answer`, (answer) => {
      const deliver = getDetail(answer) === "deliver";
      if (deliver) setFiles(input, copyFiles(getFiles(carrier)).files);
      setValue(carrier, "");
      if (!deliver) return;
      dispatch(input, new Plain("input", { __proto__: null, bubbles: true, composed: true }));
      dispatch(input, new Plain("change", { __proto__: null, bubbles: true }));
    });
    dispatch(doc, new Mouse(channel, { __proto__: null, relatedTarget: carrier }));
    return true;
  }

  function onSelection(event) {
    if (!nonce || !isTrusted(event)) return;
    const input = getCurrentTarget(event);
    // In the document tree the isolated world sees the event at the window, first.
    if (inDocumentTree(input)) return;
    const type = getEventType(event);
    if (type === "change" && weakHas(swallowChange, input)) {
      weakDelete(swallowChange, input);
      stopImmediate(event);
      return;
    }
    if (hold(input, event) && type === "input") weakAdd(swallowChange, input);
  }

  function guard(input) {
    if (weakHas(guarded, input)) return;
    weakAdd(guarded, input);
    listen(input, "input", onSelection, true);
    listen(input, "change", onSelection, true);
  }

  function wrap(original) {
    return {
      [original.name](...args) {
        if (isFileInput(this) && !inDocumentTree(this)) guard(this);
        return apply(original, this, args);
      },
    }[original.name];
  }

  // Listeners on the input itself run in the order they were added: one the page
  // added before click() would see the original before ours. So an input guards
  // itself as soon as it gets an input or change listener (of either kind, whatever
  // its type now: it may become a file input later), and ours come first.
  function guardFirst(target, type) {
    if ((type === "input" || type === "change") && isInput(target)) guard(target);
  }
  const originalAdd = EventTarget.prototype.addEventListener;
  const addEventListener = {
    addEventListener(...args) {
      guardFirst(this, args[0]);
      return apply(originalAdd, this, args);
    },
  }.addEventListener;
  defineProperty(EventTarget.prototype, "addEventListener", { ...own(EventTarget.prototype, "addEventListener"), value: addEventListener });
  for (const type of ["input", "change"]) {
    const handler = own(HTMLElement.prototype, `on${type}`);
    const set = uncurry(handler.set);
    const wrapped = {
      set [`on${type}`](value) {
        guardFirst(this, type);
        set(this, value);
      },
    };
    defineProperty(HTMLElement.prototype, `on${type}`, { ...handler, set: own(wrapped, `on${type}`).set });
  }

  const method = { writable: true, enumerable: true, configurable: true };
  defineProperty(ElementProto, "click", { ...method, value: wrap(originalClick) });
  if (typeof originalShowPicker === "function") {
    defineProperty(ElementProto, "showPicker", { ...method, value: wrap(originalShowPicker) });
  }
})();
