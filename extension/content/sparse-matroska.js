/*
 * A big WebM or MKV, sent in part (a classic content script, isolated world, loaded
 * after sparse.js, whose reader it uses, and before intercept.js, which uses it as
 * globalThis.thinkTwiceSparseMatroska).
 *
 * What identifies a Matroska video is in its metadata elements, not in its frames.
 * So the service gets the EBML header, the Segment's header and every element of
 * the Segment whole (Info, Tracks, Tags, Cues...) but the Clusters: each sends its
 * header and its first bytes (its Timecode, and where its first key frame starts:
 * formats/matroska/keyframes.py), read here with Blob.slice, never the whole file.
 * A Cluster of unknown size (a live recording's) cannot be stepped over: such a
 * file is sent whole when it may be (`live`); over the cap, the skeleton ends with
 * that Cluster's head, and the service names why it cannot check it. The
 * rounds that follow (the ranges the service asks for) and the clean copy are
 * sparse.js's, as for an MP4: only the first runs differ.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceSparseMatroska) return;
  const { bytesAt, MAX_SENT_WHOLE } = globalThis.thinkTwiceSparse;

  const EBML = 0x1a45dfa3;
  const SEGMENT = 0x18538067;
  const CLUSTER = 0x1f43b675;
  const HEADER = 12; // an element header: an id of up to 4 bytes, a size of up to 8
  const CLUSTER_HEAD = globalThis.thinkTwiceVocabulary.matroskaClusterHead;
  const MAX_ELEMENTS = 65536;

  /** The vint at `pos` of `bytes`, {value, width, unknown}, or null where none is. */
  function vint(bytes, pos, keepMarker) {
    const first = bytes[pos];
    if (!first) return null; // past the end, or a zero byte: not a vint
    const width = Math.clz32(first) - 23; // one, and a byte per leading zero bit
    if (pos + width > bytes.length) return null;
    const marker = 0x100 >> width;
    let value = keepMarker ? first : first & (marker - 1);
    let unknown = (first & (marker - 1)) === marker - 1; // every value bit set: "unknown"
    for (let i = 1; i < width; i += 1) {
      value = value * 256 + bytes[pos + i];
      unknown = unknown && bytes[pos + i] === 0xff;
    }
    return { value, width, unknown };
  }

  /** The element whose header starts at `pos`, {id, start, end} (end null: unknown size). */
  async function elementAt(file, pos) {
    const head = await bytesAt(file, pos, HEADER);
    const id = vint(head, 0, true);
    const size = id && id.width <= 4 ? vint(head, id.width, false) : null;
    if (!size) return null;
    const start = pos + id.width + size.width;
    return { id: id.value, start, end: size.unknown ? null : start + size.value };
  }

  /** Whether `file` starts with an EBML header (a WebM, an MKV). */
  async function sniff(file) {
    const head = await bytesAt(file, 0, 4);
    return head.length === 4 && new DataView(head.buffer).getUint32(0) === EBML;
  }

  /**
   * The Segment's children, in order, each as [pos, element]: element null where the
   * file stops parsing there, or reaches past the Segment (a live recording's last
   * Cluster, cut short when the recorder stopped); the walk ends after an element of
   * unknown size, whose end only a walk of its blocks finds. `runs` gets what comes
   * before them: the EBML header, any filler, the Segment's header (or a header's
   * worth where that does not parse, for the service to name).
   */
  async function* children(file, runs) {
    let pos = 0;
    let element = await elementAt(file, pos);
    while (element && element.id !== SEGMENT && element.end !== null
      && element.end <= Math.min(file.size, pos + MAX_SENT_WHOLE)) {
      runs.push([pos, element.end - pos]);
      pos = element.end;
      element = await elementAt(file, pos);
    }
    if (!element || element.id !== SEGMENT) {
      runs.push([pos, Math.min(HEADER, file.size - pos)]);
      return;
    }
    runs.push([pos, element.start - pos]);
    const limit = element.end === null ? file.size : Math.min(element.end, file.size);
    for (pos = element.start; pos < limit; pos = element.end) {
      element = await elementAt(file, pos);
      if (element && element.end !== null && element.end > limit) element = null;
      yield [pos, element, limit];
      if (!element || element.end === null) return;
    }
  }

  /**
   * The runs of `file` to send first, [[offset, length], ...]: the EBML header, the
   * Segment's header and its children, each Cluster as its header and first bytes.
   */
  async function skeleton(file) {
    const runs = [];
    for await (const [pos, top, limit] of children(file, runs)) {
      if (!top) runs.push([pos, Math.min(limit, pos + HEADER + CLUSTER_HEAD) - pos]);
      else if (top.id === CLUSTER) runs.push([pos, Math.min(top.end ?? limit, top.start + CLUSTER_HEAD) - pos]);
      else if (top.end !== null && top.end - top.start <= MAX_SENT_WHOLE) runs.push([pos, top.end - pos]);
      else runs.push([pos, top.start - pos]); // its header: the service asks for what it reads
      if (runs.length >= MAX_ELEMENTS) break;
    }
    return runs;
  }

  /**
   * Whether `file` is a live recording whose first Cluster does not say its size (as a
   * browser's MediaRecorder writes it): no skeleton steps over such Clusters, so the
   * file is checked whole when it may be sent whole.
   */
  async function live(file) {
    if (!(await sniff(file))) return false;
    for await (const [, top] of children(file, [])) {
      if (!top) return false;
      if (top.id === CLUSTER) return top.end === null;
    }
    return false;
  }

  Object.defineProperty(globalThis, "thinkTwiceSparseMatroska", {
    value: Object.freeze({ sniff, skeleton, live }),
  });
})();
