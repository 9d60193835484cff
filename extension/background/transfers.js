/**
 * Photos between a content script and the worker, in parts.
 *
 * Runtime messages carry JSON only, so bytes travel as base64, and Chrome
 * serializes each message in turn through three processes. Parts sent at once
 * overlap that work: a 5 MB photo takes about 90 ms as one message and 35 ms
 * as eight parts in flight together (measured on the development machine).
 *
 * - Incoming (an image to inspect): the content script sends every part of an
 *   upload, then asks to `take` the whole. Parts are kept per sender (tab,
 *   frame, document), so no page can add to another's upload; they expire.
 * - Outgoing (a clean copy): the first request for a key produces the copy
 *   once (`produce`), later requests get their slice; it expires too.
 */

import { PART_CHARS } from "./vocabulary.js";

export const MAX_PARTS = 256; // 128 Mi characters of base64: beyond the service's cap
const MAX_PENDING_CHARS = 256 * 1024 * 1024;
const EXPIRY_MS = 120_000;

const incoming = new Map(); // sender/upload -> {parts, count, chars, at}
const outgoing = new Map(); // key -> {copy: Promise<{data, mediaType}>, served: Set, at}

function sweep() {
  const now = Date.now();
  for (const [key, entry] of incoming) if (now - entry.at > EXPIRY_MS) incoming.delete(key);
  for (const [key, entry] of outgoing) if (now - entry.at > EXPIRY_MS) outgoing.delete(key);
}

function pendingChars() {
  let total = 0;
  for (const entry of incoming.values()) total += entry.chars;
  return total;
}

/** Who sent it: parts from one document never mix with another's. */
export function senderKey(sender, upload) {
  return `${sender.tab?.id}/${sender.frameId}/${sender.documentId ?? sender.url}/${upload}`;
}

/** Keep part `index` of `count` of an upload. */
export function receive(key, { index, count, data }) {
  sweep();
  if (index >= count || count > MAX_PARTS || data.length > PART_CHARS) {
    throw new Error(`Part ${index} of ${count} (${data.length} characters) is out of bounds.`);
  }
  if (pendingChars() + data.length > MAX_PENDING_CHARS) {
    throw new Error("Too many photos are waiting to be checked at once.");
  }
  let entry = incoming.get(key);
  if (!entry) {
    entry = { parts: new Array(count), count, chars: 0, at: Date.now() };
    incoming.set(key, entry);
  }
  if (entry.count !== count) throw new Error(`Part ${index} says ${count} parts, not ${entry.count}.`);
  if (entry.parts[index] === undefined) entry.chars += data.length;
  entry.parts[index] = data;
  return { received: index };
}

/** The whole upload as base64, once every part has arrived; forgotten after. */
export function take(key) {
  const entry = incoming.get(key);
  incoming.delete(key);
  if (!entry) throw new Error("No parts arrived for this upload (or they expired).");
  const missing = entry.parts.findIndex((part) => part === undefined);
  if (missing !== -1 || entry.parts.length !== entry.count) {
    throw new Error(`Part ${missing} of ${entry.count} is missing.`);
  }
  return entry.parts.join("");
}

/** Make the copy `produce()` -> {data (base64), mediaType} available under `key`. */
export function offer(key, produce) {
  sweep();
  let entry = outgoing.get(key);
  if (!entry) {
    entry = { copy: produce(), served: new Set(), at: Date.now() };
    outgoing.set(key, entry);
    entry.copy.catch(() => outgoing.delete(key));
  }
  return entry;
}

/**
 * Part `index` of the copy under `key`: {data, index, count, mediaType};
 * `produce` makes it when nothing was offered under `key` yet.
 */
export async function serve(key, index, produce) {
  const entry = offer(key, produce);
  const { data, mediaType } = await entry.copy;
  const count = partsOf(data.length);
  if (index >= count) throw new Error(`The copy has ${count} parts, not ${index + 1}.`);
  entry.served.add(index);
  if (entry.served.size === count) outgoing.delete(key);
  return { data: data.slice(index * PART_CHARS, (index + 1) * PART_CHARS), index, count, mediaType };
}

/** How many parts `chars` characters of base64 make. */
export function partsOf(chars) {
  return Math.max(1, Math.ceil(chars / PART_CHARS));
}
