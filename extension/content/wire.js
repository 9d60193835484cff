/*
 * How the isolated world's scripts put files into runtime messages, which carry
 * JSON only (a classic content script, isolated world, loaded before the others
 * that use it: intercept.js, frame-dialog.js): base64 both ways, and random ids.
 * Used as globalThis.thinkTwiceWire.
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceWire) return;

  /** `bytes` random bytes as hex (upload keys, dialog ids, the private channel's nonce). */
  const randomHex = (bytes) =>
    [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");

  /** The base64 of a Blob or File, read without decoding it first. */
  function readBase64(blob) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result).slice(String(reader.result).indexOf(",") + 1));
      reader.onerror = () => reject(reader.error ?? new Error("The file could not be read."));
      reader.readAsDataURL(blob);
    });
  }

  /** The bytes that `base64` encodes. */
  function bytesOf(base64) {
    if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(base64);
    const binary = atob(base64);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  }

  Object.defineProperty(globalThis, "thinkTwiceWire", {
    value: Object.freeze({ randomHex, readBase64, bytesOf }),
  });
})();
