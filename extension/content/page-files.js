/*
 * Entries and handles over plain files, in the page's own world (a classic
 * content script in the MAIN world, at document_start, before page-hook.js).
 *
 * Files the extension gives back to the page travel in a DataTransfer made in
 * script: for its items Chromium's webkitGetAsEntry() answers null and
 * getAsFileSystemHandle() resolves to null, so upload widgets that walk a drop's
 * entries (to take folders too) would find nothing and lose the photo. So both
 * are wrapped: where the browser has no entry for a file item, they answer with
 * a FileSystemFileEntry / FileSystemFileHandle that gives that very file.
 * What the browser does have (a real drop's entries) passes as it is.
 *
 * page-hook.js uses the same handles for files chosen with showOpenFilePicker():
 * it takes `thinkTwicePageFiles` off the page's window before any page script runs.
 */
(() => {
  "use strict";
  const Item = globalThis.DataTransferItem?.prototype;
  if (!Item) return;
  const own = (proto, name) => Object.getOwnPropertyDescriptor(proto, name);
  const getKind = own(Item, "kind").get;
  const getAsFile = Item.getAsFile;
  const getName = own(File.prototype, "name").get;
  const originalEntry = Item.webkitGetAsEntry;
  const originalHandle = Item.getAsFileSystemHandle;
  const EntryProto = globalThis.FileSystemFileEntry?.prototype ?? Object.prototype;
  const HandleProto = globalThis.FileSystemFileHandle?.prototype ?? Object.prototype;
  const resolved = Promise.resolve.bind(Promise);
  const value = (v) => ({ value: v, enumerable: true });

  /** A FileSystemFileHandle (as showOpenFilePicker gives) whose getFile() is `file`. */
  function fileHandle(file) {
    const handle = Object.create(HandleProto);
    return Object.defineProperties(handle, {
      kind: value("file"),
      name: value(getName.call(file)),
      getFile: value(() => resolved(file)),
      isSameEntry: value((other) => resolved(other === handle)),
      queryPermission: value(() => resolved("granted")),
      requestPermission: value(() => resolved("granted")),
    });
  }

  /** A FileSystemFileEntry (as a drop's items give) whose file() is `file`, at the root. */
  function fileEntry(file) {
    const name = getName.call(file);
    const entry = Object.create(EntryProto);
    return Object.defineProperties(entry, {
      isFile: value(true),
      isDirectory: value(false),
      name: value(name),
      fullPath: value(`/${name}`),
      filesystem: value(null),
      file: value((success) => queueMicrotask(() => success(file))),
      getParent: value((success) => queueMicrotask(() => success(entry))),
      [Symbol.toStringTag]: { value: "FileSystemFileEntry" }, // Chromium exposes no such global
    });
  }

  /** The file of a script-made file item, or null (a real drop's items have entries). */
  function scriptFile(item) {
    return getKind.call(item) === "file" ? getAsFile.call(item) : null;
  }

  const method = { writable: true, enumerable: true, configurable: true };
  if (typeof originalEntry === "function") {
    Object.defineProperty(Item, "webkitGetAsEntry", {
      ...method,
      value: {
        webkitGetAsEntry() {
          const entry = originalEntry.call(this);
          if (entry) return entry;
          const file = scriptFile(this);
          return file ? fileEntry(file) : null;
        },
      }.webkitGetAsEntry,
    });
  }
  if (typeof originalHandle === "function") {
    Object.defineProperty(Item, "getAsFileSystemHandle", {
      ...method,
      value: {
        async getAsFileSystemHandle() {
          const file = scriptFile(this); // read now: the items empty once the event is over
          let handle = null;
          try {
            handle = await originalHandle.call(this);
          } catch (error) {
            if (!file) throw error;
          }
          return handle ?? (file ? fileHandle(file) : null);
        },
      }.getAsFileSystemHandle,
    });
  }

  Object.defineProperty(globalThis, "thinkTwicePageFiles", {
    value: Object.freeze({ fileHandle }),
    configurable: true,
  });
})();
