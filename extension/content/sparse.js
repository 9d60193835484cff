/*
 * A big video, sent in part (a classic content script, isolated world, loaded
 * before intercept.js, which uses it as globalThis.thinkTwiceSparse).
 *
 * A video over the upload cap cannot cross to the service whole, and need not:
 * what identifies it is in its boxes, not in its samples. So the service gets
 * every top-level box but the samples ('mdat' payloads, and any other box too big
 * to matter), read here with Blob.slice, never the whole file; it asks for the
 * ranges it still needs (a telemetry track, the key frames), and finally answers
 * with the edit plan the clean copy is built from: slices of the person's own
 * file and the few bytes the plan inserts (the new 'moov'). Nothing is read into
 * memory but what is sent.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceSparse) return;
  const { bytesOf } = globalThis.thinkTwiceWire;

  const HEADER = 16; // a box header is read as 16 bytes: a 64-bit size may follow the type
  // A bigger box (but the movie's index) or Matroska element sends its header only.
  const MAX_SENT_WHOLE = 16 * 1024 * 1024;
  const MAX_BOXES = 65536;

  /** `length` bytes of `file` from `offset` (fewer at its end), read alone. */
  async function bytesAt(file, offset, length) {
    return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
  }

  /** The runs of `file` to send first, [[offset, length], ...]: its top-level boxes. */
  async function skeleton(file) {
    const runs = [];
    let pos = 0;
    while (pos + 8 <= file.size && runs.length < MAX_BOXES) {
      const head = await bytesAt(file, pos, HEADER);
      const view = new DataView(head.buffer);
      const type = String.fromCharCode(...head.subarray(4, 8));
      let size = view.getUint32(0);
      if (size === 1 && head.length === HEADER) size = Number(view.getBigUint64(8));
      else if (size === 0) size = file.size - pos;
      if (size < 8 || pos + size > file.size) {
        runs.push([pos, file.size - pos < HEADER ? file.size - pos : HEADER]); // the service names it
        break;
      }
      const whole = type !== "mdat" && (type === "moov" || size <= MAX_SENT_WHOLE);
      runs.push([pos, whole ? size : Math.min(size, HEADER)]);
      pos += size;
    }
    return runs;
  }

  /** `runs` merged and in order, with the Blob of their bytes: {blob, pieces}. */
  function gather(file, runs) {
    const spans = [];
    for (const [start, length] of [...runs].sort((a, b) => a[0] - b[0])) {
      const last = spans[spans.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], start + length);
      else spans.push([start, start + length]);
    }
    return {
      blob: new Blob(spans.map(([a, b]) => file.slice(a, b))),
      pieces: spans.map(([a, b]) => [a, b - a]),
    };
  }

  /**
   * The clean copy `plan` makes of `file` (steps [offset, length] of the file, or
   * base64 to insert), as a File with its name and type (`mediaType`, the service's
   * word for it, when the browser gave none); throws on a step out of bounds.
   */
  function cleaned(file, plan, mediaType) {
    const parts = plan.map((step) => {
      if (typeof step === "string") return bytesOf(step);
      const [offset, length] = step;
      if (!(Number.isInteger(offset) && Number.isInteger(length) && offset >= 0 && length >= 0
        && offset + length <= file.size)) {
        throw new Error(`The clean copy's plan reaches past the video (${offset}+${length}).`);
      }
      return file.slice(offset, offset + length);
    });
    return new File(parts, file.name, { type: file.type || mediaType, lastModified: file.lastModified });
  }

  Object.defineProperty(globalThis, "thinkTwiceSparse", {
    value: Object.freeze({ skeleton, gather, cleaned, bytesAt, MAX_SENT_WHOLE }),
  });
})();
