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
 * element (and an input that gets an input or change listener, or an
 * oninput/onchange handler, is guarded before it is added: a listener added
 * before click() would otherwise run first); and attachShadow, giving each new
 * shadow root capture listeners that run before any listener inside it (the
 * person may click an input there directly). A trusted selection holding an
 * image is held back: its files move to a private carrier input (the page's
 * input is emptied), handed to the isolated world through an event whose name
 * carries a per-page random nonce. The isolated world answers on the carrier
 * with "deliver" (the carrier now holds exactly the files to give the page) or
 * "cancel"; delivering sets the page's input and fires input and change.
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
  const originalClick = HTMLElement.prototype.click;
  const originalShowPicker = ElementProto.showPicker;
  const originalAttachShadow = Element.prototype.attachShadow;
  const originalOpenPicker = globalThis.showOpenFilePicker;
  const getFileOf = globalThis.FileSystemFileHandle
    ? uncurry(FileSystemFileHandle.prototype.getFile)
    : null;
  const NativePromise = Promise;
  const Abort = DOMException;
  const composedPath = uncurry(Event.prototype.composedPath);
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

  // What is held for a check: images and videos (intercept.js reads the same).
  const HELD_TYPES = new Set([...vocabulary.imageTypes, ...vocabulary.videoTypes]);
  const has = uncurry(Set.prototype.has);
  const HELD_NAME = new RegExp(`\\.(${[...vocabulary.imageSuffixes, ...vocabulary.videoSuffixes].join("|")})$`, "i");
  function isImage(file) {
    const type = lower(getBlobType(file));
    const untyped = !type || type === "application/octet-stream";
    return has(HELD_TYPES, type) || (untyped && test(HELD_NAME, getName(file)));
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

  /**
   * Hand `files` (a FileList of our own) to the isolated world on a carrier;
   * `answered(files)` gets the files to give the page, or null for nothing.
   */
  function handOver(files, answered) {
    // The carrier takes the files across to the isolated world, which empties it at
    // once: while the person decides, the originals are held there only.
    const carrier = createElement(doc, "input");
    setType(carrier, "file");
    setMultiple(carrier, true);
    setFiles(carrier, files);
    const channel = `thinktwice-${nonce}`;
    listen(carrier, `${channel}-answer`, (answer) => {
      const chosen = getDetail(answer) === "deliver" ? copyFiles(getFiles(carrier)).files : null;
      setValue(carrier, "");
      answered(chosen);
    });
    dispatch(doc, new Mouse(channel, { __proto__: null, relatedTarget: carrier }));
  }

  function hold(input, event) {
    const files = getFiles(input);
    if (!files || !getLength(files)) return false;
    const copy = copyFiles(files);
    if (!copy.images) return false;
    stopImmediate(event);
    setValue(input, ""); // the page cannot read what is held
    handOver(copy.files, (chosen) => {
      if (!chosen) return;
      setFiles(input, chosen);
      dispatch(input, new Plain("input", { __proto__: null, bubbles: true, composed: true }));
      dispatch(input, new Plain("change", { __proto__: null, bubbles: true }));
    });
    return true;
  }

  function onSelection(event) {
    if (!nonce || !isTrusted(event)) return;
    // On a shadow root's listener the input is the event's first target inside it.
    const current = getCurrentTarget(event);
    const input = weakHas(guarded, current) ? current : composedPath(event)[0];
    if (!isFileInput(input)) return;
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

  const guardDetached = (el) => isFileInput(el) && !inDocumentTree(el) && guard(el);

  function wrap(original) {
    return {
      [original.name](...args) {
        guardDetached(this);
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
  defineProperty(HTMLElement.prototype, "click", { ...method, value: wrap(originalClick) });
  if (typeof originalShowPicker === "function") {
    defineProperty(ElementProto, "showPicker", { ...method, value: wrap(originalShowPicker) });
  }
  defineProperty(EventTarget.prototype, "dispatchEvent", {
    ...method,
    value: {
      dispatchEvent(event) {
        // A click dispatched on an input opens its picker like click() does.
        let type = "";
        try {
          type = getEventType(event);
        } catch {
          // not an event: dispatchEvent itself says so below
        }
        if (type === "click") guardDetached(this);
        return dispatch(this, event);
      },
    }.dispatchEvent,
  });
  defineProperty(Element.prototype, "attachShadow", {
    ...method,
    value: {
      attachShadow(...args) {
        const root = apply(originalAttachShadow, this, args);
        listen(root, "input", onSelection, true);
        listen(root, "change", onSelection, true);
        return root;
      },
    }.attachShadow,
  });

  // `await p` reads p.constructor, which a page getter on Promise.prototype would see
  // with `this` the promise of the original file: give each promise we await its own.
  function ownPromise(promise) {
    defineProperty(promise, "constructor", { __proto__: null, value: NativePromise });
    return promise;
  }

  if (typeof originalOpenPicker === "function" && getFileOf) {
    defineProperty(globalThis, "showOpenFilePicker", {
      ...method,
      value: {
        async showOpenFilePicker(...args) {
          const handles = await ownPromise(apply(originalOpenPicker, this, args));
          if (!nonce) return handles;
          const transfer = new Transfer();
          const items = getItems(transfer);
          for (let i = 0; i < handles.length; i++) addItem(items, await ownPromise(getFileOf(handles[i])));
          const copy = copyFiles(getTransferFiles(transfer));
          if (!copy.images) return handles;
          return new NativePromise((resolve, reject) => {
            handOver(copy.files, (chosen) => {
              if (!chosen) {
                reject(new Abort("The user aborted a request.", "AbortError"));
                return;
              }
              const given = [];
              for (let i = 0; i < getLength(chosen); i++) given[i] = fileHandle(itemAt(chosen, i));
              resolve(given);
            });
          });
        },
      }.showOpenFilePicker,
    });
  }
})();
