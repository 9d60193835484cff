/*
 * GENERATED from the service's Python (thinktwice/server/vocabulary.py) by
 * scripts/vocabulary.py: do not edit. What the extension shares with the service.
 *
 * A classic script, loaded first among the isolated world's content scripts,
 * and imported by the worker.
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
    ],
    "partVideoTypes": [
      "video/3gpp",
      "video/3gpp2",
      "video/mp4",
      "video/quicktime",
      "video/webm",
      "video/x-m4v",
      "video/x-matroska"
    ],
    "partVideoSuffixes": [
      "3g2",
      "3gp",
      "m4v",
      "mk3d",
      "mkv",
      "mov",
      "mp4",
      "qt",
      "webm"
    ],
    "matroskaClusterHead": 1024,
    "partChars": 524288,
    "maxUploadBytes": 67108864,
    "sparseVideoBytes": 16777216,
    "maxVideoBytes": 4294967296,
    "decisions": {
      "sentCleaned": "sent_cleaned",
      "sentOriginal": "sent_original",
      "cancelled": "cancelled",
      "sentFacesHidden": "sent_faces_hidden"
    },
    "severities": [
      "info",
      "low",
      "medium",
      "high",
      "critical"
    ],
    "kinds": {
      "location": "location",
      "deviceSerial": "device_serial",
      "deviceModel": "device_model",
      "personName": "person_name",
      "contactInfo": "contact_info",
      "captureTime": "capture_time",
      "thumbnail": "thumbnail",
      "hiddenImage": "hidden_image",
      "appendedData": "appended_data",
      "editingHistory": "editing_history",
      "comment": "comment",
      "nudity": "nudity",
      "face": "face",
      "code": "code",
      "text": "text"
    }
  };
  const freeze = (value) => {
    if (value !== null && typeof value === "object") Object.values(value).forEach(freeze);
    return Object.freeze(value);
  };
  const property = { configurable: true, value: freeze(vocabulary) };
  Object.defineProperty(globalThis, "thinkTwiceVocabulary", property);
})();
