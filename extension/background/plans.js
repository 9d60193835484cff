/**
 * Clean copies rebuilt from the original, by the service's edit plan.
 *
 * Native messaging makes Chrome pay about 30 ms a megabyte for the bytes a host
 * sends; the worker already holds the original it sent for inspection, and a
 * lossless clean copy is that original with parts dropped or rewritten. So the
 * service says how to rebuild it (`cleaned.plan`: [offset, length] to copy, or
 * base64 to insert) and the worker does, then checks the SHA-256 the service
 * gave for its own copy: a copy that does not match is never used (the worker
 * then fetches the service's copy, as without a plan).
 */

import { decodeBase64, encodeBase64 } from "./browser.js";

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The copy `plan` makes from `originalBase64`, as base64, if its SHA-256 is
 * `sha256`; null otherwise (a malformed plan, a step out of bounds, a mismatch).
 */
export async function rebuild(originalBase64, plan, sha256) {
  if (!Array.isArray(plan) || typeof sha256 !== "string") return null;
  const original = decodeBase64(originalBase64);
  const pieces = [];
  let size = 0;
  for (const step of plan) {
    let piece;
    if (Array.isArray(step) && step.length === 2 && step.every(Number.isInteger)) {
      const [offset, length] = step;
      if (offset < 0 || length < 0 || offset + length > original.length) return null;
      piece = original.subarray(offset, offset + length);
    } else if (typeof step === "string") {
      piece = decodeBase64(step);
    } else {
      return null;
    }
    pieces.push(piece);
    size += piece.length;
  }
  const copy = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    copy.set(piece, at);
    at += piece.length;
  }
  const digest = hex(await crypto.subtle.digest("SHA-256", copy));
  return digest === sha256 ? encodeBase64(copy) : null;
}
