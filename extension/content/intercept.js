/*
 * Holds every image chosen for upload until the person has decided (a classic
 * content script, isolated world, all frames, document_start).
 *
 * Paths, each caught before the page's own code sees the files:
 * - <input type=file> in the page: trusted `input`/`change` events, caught in
 *   the capture phase on the window, which runs before any page listener;
 * - inputs the page never adds to the document (or keeps in a shadow root):
 *   page-hook.js (MAIN world) hands their files over on a private channel;
 * - drag-and-drop: trusted `drop` events carrying files;
 * - paste: trusted `paste` events carrying files.
 * Only trusted events are held: what this script re-dispatches is untrusted,
 * so it passes through untouched, as does a selection without any image.
 *
 * For a held selection: each image goes to the worker (which asks the local
 * service) as base64, since runtime messages carry JSON only; the dialog shows
 * what each reveals; the page then receives exactly the chosen files, through
 * the path the person used, with the original names and types: the clean
 * copies, the clean copies with the faces covered (for the images that show
 * one; the others cleaned), the originals, or nothing. Non-images in a mixed selection pass
 * through untouched, in their place. A clean image with nothing to report is
 * sent cleaned without a dialog, unless "always ask" is on.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceIntercept) return;
  Object.defineProperty(globalThis, "thinkTwiceIntercept", { value: true });

  const api = globalThis.browser ?? globalThis.chrome;
  const dialogs = globalThis.thinkTwiceDialogs; // frame-dialog.js: shown in the top frame
  const { inputSource, carrierSource, dropSource, pasteSource } = globalThis.thinkTwiceSources;
  const { randomHex, readBase64, bytesOf } = globalThis.thinkTwiceWire;
  const sparse = globalThis.thinkTwiceSparse; // sparse.js: big videos, sent in part
  const sparseMatroska = globalThis.thinkTwiceSparseMatroska; // sparse-matroska.js: WebM, MKV

  // The service's vocabulary (shared/vocabulary.js, loaded first in this world).
  const vocabulary = globalThis.thinkTwiceVocabulary;
  const DECISIONS = vocabulary.decisions;
  const INFO = vocabulary.severities[0]; // the least severe: "info"
  const FACE = vocabulary.kinds.face; // the finding kind of a visible face
  const MAX_CHECK_BYTES = vocabulary.maxUploadBytes;
  const SPARSE_FROM = vocabulary.sparseVideoBytes; // a bigger video is sent in part
  const MAX_VIDEO_BYTES = vocabulary.maxVideoBytes;
  const MAX_ROUNDS = 4; // the skeleton, then what the service asks for (it asks once, in practice)
  const PART_CHARS = vocabulary.partChars;
  const CHECKING_DELAY_MS = 400; // show "Checking..." only when the answer is slow

  // What is held for a check: images and videos (page-hook.js reads the same).
  const suffixes = (list) => new RegExp(`\\.(${list.join("|")})$`, "i");
  const IMAGE_TYPES = new Set(vocabulary.imageTypes);
  const IMAGE_NAME = suffixes(vocabulary.imageSuffixes);
  const VIDEO_TYPES = new Set(vocabulary.videoTypes);
  const VIDEO_NAME = suffixes(vocabulary.videoSuffixes);

  function isOf(types, names, file) {
    const type = String(file.type).toLowerCase();
    const untyped = !type || type === "application/octet-stream";
    return types.has(type) || (untyped && names.test(file.name));
  }
  const isVideo = (file) => isOf(VIDEO_TYPES, VIDEO_NAME, file);
  // The videos the service checks from their parts (MP4, MOV..., WebM, MKV).
  const PART_TYPES = new Set(vocabulary.partVideoTypes);
  const PART_NAME = suffixes(vocabulary.partVideoSuffixes);
  const isHeld = (file) => isOf(IMAGE_TYPES, IMAGE_NAME, file) || isVideo(file); // held either way

  // --- The private channel with page-hook.js (see there) -------------------
  const nonce = randomHex(16);
  const channel = `thinktwice-${nonce}`;
  let acknowledged = false;
  const hello = () => document.dispatchEvent(new CustomEvent("thinktwice:isolated-hello", { detail: nonce }));
  document.addEventListener("thinktwice:page-hello", () => acknowledged || hello(), true);
  document.addEventListener("thinktwice:page-ack", () => (acknowledged = true), true);
  hello();

  // --- Talking to the worker ------------------------------------------------
  async function ask(message) {
    const reply = await api.runtime.sendMessage(message);
    if (!reply || reply.ok !== true) throw new Error(reply?.error ?? "ThinkTwice did not answer.");
    return reply.value;
  }

  /** Send `file` to the worker in parts sent at once (see background/transfers.js). */
  async function sendParts(file, onPart = () => {}) {
    const data = await readBase64(file);
    const upload = randomHex(12);
    const count = Math.max(1, Math.ceil(data.length / PART_CHARS));
    await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const part = data.slice(index * PART_CHARS, (index + 1) * PART_CHARS);
        await ask({ type: "part", upload, index, count, data: part });
        onPart((part.length * 3) / 4);
      }),
    );
    return { upload, name: file.name, mediaType: file.type };
  }

  /** Fetch the `count` parts of the copy under `key` at once; its bytes and type. */
  async function receiveParts(key, count) {
    const parts = await Promise.all(
      Array.from({ length: count }, (_, index) => ask({ type: "cleanedPart", key, index })),
    );
    return { data: parts.map((p) => p.data).join(""), mediaType: parts[0].mediaType };
  }

  async function check(file, onPart) {
    // A live recording's Clusters are stepped over by no skeleton: sent whole when it may be.
    const inPart = isOf(PART_TYPES, PART_NAME, file) && file.size > SPARSE_FROM
      && !(file.size <= MAX_CHECK_BYTES && (await sparseMatroska.live(file).catch(() => false)));
    if (file.size > (inPart ? MAX_VIDEO_BYTES : MAX_CHECK_BYTES)) {
      return { status: "not_checked", reason: "too_large", message: "" };
    }
    try {
      if (inPart) return await checkInPart(file, onPart);
      return await ask({ type: "inspect", ...(await sendParts(file, onPart)) });
    } catch (error) {
      return { status: "not_checked", reason: "failed", message: String(error?.message ?? error) };
    }
  }

  /** Check a big video from its boxes and the ranges the service asks for (sparse.js). */
  async function checkInPart(file, onPart) {
    const reader = (await sparseMatroska.sniff(file)) ? sparseMatroska : sparse; // its first runs
    let runs = await reader.skeleton(file);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const { blob, pieces } = sparse.gather(file, runs);
      const sent = new File([blob], file.name, { type: file.type });
      const answer = await ask({ type: "inspectSparse", size: file.size, pieces, ...(await sendParts(sent)) });
      if (!answer.needs) {
        onPart(file.size); // checked whole, from the parts that matter
        return answer;
      }
      runs = [...runs, ...answer.needs];
    }
    throw new Error("The service kept asking for more of the video.");
  }

  // --- One held selection, start to end -------------------------------------
  async function decide(files, source, heldAt) {
    const dialog = dialogs.create();
    try {
      await decideWith(dialog, files, source, heldAt);
    } finally {
      dialog.close();
    }
  }

  async function decideWith(dialog, files, source, heldAt) {
    const images = files.filter(isHeld);
    let timer = 0;
    const cancelledWhileChecking = new Promise((resolve) => {
      const videos = images.length === 1 && isVideo(images[0]);
      timer = setTimeout(() => dialog.checking(images.length, videos).then(resolve), CHECKING_DELAY_MS);
    });
    // How much has reached the worker, for the "Checking" dialog of a big video.
    const total = images.reduce((sum, file) => sum + file.size, 0) || 1;
    let sent = 0;
    const onPart = (bytes) => dialog.progress?.(Math.min(1, (sent += bytes) / total));
    const checking = Promise.all(images.map((file) => check(file, onPart)));
    const checks = await Promise.race([checking, cancelledWhileChecking.then(() => null)]);
    clearTimeout(timer);
    if (checks === null) {
      source.cancel();
      void checking.then((late) => report(late, DECISIONS.cancelled, {}));
      return;
    }
    if (checks.some((c) => c.status === "pass")) {
      // The site is not watched now (paused from the popup): the page gets it all as it was.
      source.deliver(files);
      return;
    }
    // The clean copies travel while the person reads the dialog.
    const copies = new Map(
      images.map((file, i) => [file, checks[i].status === "checked" ? cleanCopy(file, checks[i]) : null]),
    );
    const items = images.map((file, i) => ({ name: file.name, file, video: isVideo(file), ...checks[i] }));
    // Nothing to decide: every file checked, nothing found but reassurance (an HDR look
    // kept is "info"; a visible face is "info" too, but worth a look), no "always ask".
    const asks = (f) => f.severity !== INFO || f.kind === FACE;
    const quiet = items.every((i) => i.status === "checked" && !i.findings.some(asks) && !i.ask);
    let action = DECISIONS.sentCleaned;
    let shownMs = null;
    if (!quiet) {
      const answer = dialog.ask(items);
      shownMs = performance.now() - heldAt;
      action = await answer;
    }
    const decidedAt = performance.now();
    dialog.close(); // before delivering: focus goes back to where the person was
    // What each checked image is sent as: with its faces hidden only if it shows one.
    const actions = checks.map((c) =>
      action === DECISIONS.sentFacesHidden && !(c.faces > 0) ? DECISIONS.sentCleaned : action,
    );
    let chosen = files;
    if (action === DECISIONS.sentCleaned || action === DECISIONS.sentFacesHidden) {
      const copyOf = (file) => {
        const i = images.indexOf(file);
        if (i === -1) return file; // not an image: passes untouched
        return actions[i] === DECISIONS.sentFacesHidden
          ? hiddenCopy(file, checks[i])
          : copies.get(file) ?? file;
      };
      chosen = await Promise.all(files.map(copyOf));
      if (chosen.includes(null)) action = DECISIONS.cancelled; // no copy to be had: send nothing
    }
    if (action === DECISIONS.cancelled) source.cancel();
    else source.deliver(chosen);
    report(checks, action === DECISIONS.cancelled ? action : actions, {
      shownMs,
      deliverMs: performance.now() - decidedAt,
    });
  }

  /**
   * The clean copy of `file` with its faces covered, as a File with the
   * original's name and the covered copy's type (it is re-encoded), or null.
   */
  async function hiddenCopy(file, checked) {
    try {
      const made = await ask({ type: "hideFaces", id: checked.id });
      const copy = await receiveParts(made.key, made.parts);
      return new File([bytesOf(copy.data)], file.name, {
        type: copy.mediaType || file.type,
        lastModified: file.lastModified,
      });
    } catch {
      return null;
    }
  }

  /** The clean copy of `file` as a File with the original's name and type, or null. */
  async function cleanCopy(file, checked) {
    if (checked.plan) {
      try {
        return sparse.cleaned(file, checked.plan, checked.mediaType); // slices of the file itself
      } catch {
        return null;
      }
    }
    let copy;
    try {
      copy = await receiveParts(checked.id, checked.cleanedParts);
    } catch {
      try {
        // The service forgot it (it keeps copies a few minutes): clean the original anew.
        const again = await ask({ type: "cleanUpload", ...(await sendParts(file)) });
        copy = await receiveParts(again.key, again.parts);
      } catch {
        return null;
      }
    }
    return new File([bytesOf(copy.data)], file.name, {
      type: file.type || copy.mediaType,
      lastModified: file.lastModified,
    });
  }

  /** Record `actions[i]` for each checked image (or one action for all); the timings once. */
  function report(checks, actions, timings) {
    const each = typeof actions === "string" ? checks.map(() => actions) : actions;
    const groups = new Map();
    checks.forEach((c, i) => {
      if (c.status === "checked") groups.set(each[i], [...(groups.get(each[i]) ?? []), c.id]);
    });
    if (!groups.size) groups.set(each[0], []); // nothing checked: still keep the timings
    [...groups].forEach(([action, ids], n) => {
      ask({ type: "decision", ids, action, ...(n === 0 ? { timings } : {}) }).catch(() => {});
    });
  }

  // One selection at a time: a second one waits for the first dialog.
  let queue = Promise.resolve();
  function hold(files, source) {
    const heldAt = performance.now();
    queue = queue.then(() => decide(files, source, heldAt)).catch(() => decideUnchecked(files, source));
  }

  // Something of ours failed on the way: the person still decides, told that nothing
  // was checked (never a file silently lost, never one silently sent).
  async function decideUnchecked(files, source) {
    const dialog = dialogs.create();
    try {
      const items = files.filter(isHeld).map((file) => ({ name: file.name, file, status: "not_checked", reason: "failed" }));
      const action = await dialog.ask(items);
      dialog.close();
      if (action === DECISIONS.sentOriginal) source.deliver(files);
      else source.cancel();
    } catch {
      source.cancel();
    } finally {
      dialog.close();
    }
  }

  // --- The listeners ----------------------------------------------------------
  const swallowChange = new WeakSet();

  function isFileInput(node) {
    return node instanceof HTMLInputElement && node.type === "file";
  }

  // An element's closed shadow root, which page code cannot reach but an extension can.
  // (Only HTML elements can host one: Chrome throws for SVG and MathML elements.)
  const closedRoot = (el) =>
    el instanceof HTMLElement ? (api.dom?.openOrClosedShadowRoot?.(el) ?? el.openOrClosedShadowRoot ?? null) : null;

  function onSelection(event) {
    if (!event.isTrusted) return;
    const input = event.composedPath()[0];
    if (!isFileInput(input)) {
      // Seen from here, an event from inside a closed shadow root (declarative ones
      // too: no attachShadow call for page-hook.js to see) comes from its host. Listen
      // on that root for this very event: it reaches the root after the window.
      const root = closedRoot(input);
      if (root) root.addEventListener(event.type, onSelection, { capture: true, once: true });
      return;
    }
    if (event.type === "change" && swallowChange.has(input)) {
      swallowChange.delete(input);
      event.stopImmediatePropagation();
      return;
    }
    const files = [...(input.files ?? [])];
    if (!files.some(isHeld)) return;
    event.stopImmediatePropagation();
    input.value = ""; // the page cannot read the files while they are held
    if (event.type === "input") {
      if (input.getRootNode() === document) {
        swallowChange.add(input);
      } else {
        // In a shadow root `change` does not reach the window: stop it on the input itself.
        const stop = (e) => e.isTrusted && e.stopImmediatePropagation();
        input.addEventListener("change", stop, { capture: true, once: true });
      }
    }
    hold(files, inputSource(input));
  }

  function onDrop(event) {
    if (!event.isTrusted || !event.dataTransfer) return;
    const files = [...event.dataTransfer.files];
    if (!files.some(isHeld)) return;
    event.preventDefault(); // no navigation to the dropped file either
    event.stopImmediatePropagation();
    hold(files, dropSource(event));
  }

  function onPaste(event) {
    if (!event.isTrusted || !event.clipboardData) return;
    const files = [...event.clipboardData.files];
    if (!files.some(isHeld)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    hold(files, pasteSource(event));
  }

  function onCarrier(event) {
    const carrier = event.relatedTarget;
    if (!isFileInput(carrier) || !carrier.files?.length) return;
    const files = [...carrier.files];
    carrier.value = ""; // held here only: the page's world keeps no reference to them
    hold(files, carrierSource(carrier, channel));
  }

  function listen() {
    window.addEventListener("input", onSelection, true);
    window.addEventListener("change", onSelection, true);
    window.addEventListener("drop", onDrop, true);
    window.addEventListener("paste", onPaste, true);
    document.addEventListener(channel, onCarrier, true);
  }
  listen();
  // document.open() (editors write their about:blank frames so) erases every listener
  // on the window and the document, ours too; it also empties the document, which a
  // mutation observer still sees: listen again then (adding a listener twice is a no-op).
  new MutationObserver(listen).observe(document, { childList: true });
})();
