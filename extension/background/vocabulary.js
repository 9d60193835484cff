/**
 * The service's vocabulary for the worker's modules: shared/vocabulary.js
 * (generated from the service's Python) sets it on the global object, once.
 */

import "../shared/vocabulary.js";

const vocabulary = globalThis.thinkTwiceVocabulary;

/** What the dialog resolves to: {sentCleaned: "sent_cleaned", ...}. */
export const DECISIONS = vocabulary.decisions;
/** Base64 characters per runtime message between a content script and the worker. */
export const PART_CHARS = vocabulary.partChars;
/** The largest video the extension checks (bigger ones are sent in part: content/sparse.js). */
export const MAX_VIDEO_BYTES = vocabulary.maxVideoBytes;
/** Severities, least severe first: ["info", "low", ...]. */
export const SEVERITIES = vocabulary.severities;
