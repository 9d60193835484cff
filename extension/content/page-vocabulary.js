/*
 * GENERATED from the service's Python (thinktwice/server/vocabulary.py) by
 * scripts/vocabulary.py: do not edit. What the extension shares with the service.
 *
 * A classic script, loaded first in the page's own world: page-hook.js, just
 * after it, keeps its own reference and removes the global before any page
 * script runs (hence configurable).
 */
(() => {
  "use strict";
  const vocabulary = {
    "imageTypes": [
      "image/apng",
      "image/avif",
      "image/gif",
      "image/heic",
      "image/heic-sequence",
      "image/heif",
      "image/heif-sequence",
      "image/jpeg",
      "image/pjpeg",
      "image/png",
      "image/tiff",
      "image/webp"
    ],
    "imageSuffixes": [
      "apng",
      "avif",
      "gif",
      "heic",
      "heif",
      "hif",
      "jfif",
      "jpe",
      "jpeg",
      "jpg",
      "png",
      "tif",
      "tiff",
      "webp"
    ],
    "videoTypes": [
      "video/3gpp",
      "video/3gpp2",
      "video/mp4",
      "video/quicktime",
      "video/webm",
      "video/x-m4v",
      "video/x-matroska"
    ],
    "videoSuffixes": [
      "3g2",
      "3gp",
      "m4v",
      "mk3d",
      "mkv",
      "mov",
      "mp4",
      "qt",
      "webm"
    ]
  };
  const freeze = (value) => {
    if (value !== null && typeof value === "object") Object.values(value).forEach(freeze);
    return Object.freeze(value);
  };
  const property = { configurable: true, value: freeze(vocabulary) };
  Object.defineProperty(globalThis, "thinkTwiceVocabulary", property);
})();
