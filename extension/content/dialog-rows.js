/*
 * What the think-twice dialog says about each file (a classic content script,
 * isolated world): a row per file with its preview and findings, worst first,
 * the icons, and the pressure line for intimate images. Elements are built with
 * createElement and text nodes only: nothing the service or a file name says is
 * ever parsed as HTML.
 *
 * Used by dialog.js as globalThis.thinkTwiceDialogRows (isolated world only:
 * page scripts never see these globals).
 */
(() => {
  "use strict";
  if (globalThis.thinkTwiceDialogRows) return;

  const api = globalThis.browser ?? globalThis.chrome;
  const t = (key, subs) => api.i18n.getMessage(key, subs) || key;
  const SVG = "http://www.w3.org/2000/svg";

  // Least severe first in the service's vocabulary (shared/vocabulary.js); nothing found ranks 0.
  const SEVERITY_RANK = Object.fromEntries([
    ["none", 0],
    ...globalThis.thinkTwiceVocabulary.severities.map((severity, i) => [severity, i + 1]),
  ]);
  const SEVERITY_LABEL = {
    critical: "severityCritical",
    high: "severityHigh",
    medium: "severityMedium",
    low: "severityLow",
    info: "severityInfo",
  };
  const NOT_CHECKED_REASON = {
    not_running: "reasonNotRunning",
    not_set_up: "reasonNotSetUp",
    timeout: "reasonTimeout",
    rejected: "reasonRejected",
    too_large: "reasonTooLarge",
    failed: "reasonFailed",
  };
  const THUMB_PX = 112; // drawn at 2x for sharp 56px thumbnails
  // A video that gives no frame by then keeps the icon. Generous: a busy machine takes
  // seconds to decode a phone's first frame, and the icon costs nothing while it waits.
  const POSTER_TIMEOUT_MS = 10000;
  // Intimate content: nudity, or a face in an intimate image (the service's critical face).
  const KINDS = globalThis.thinkTwiceVocabulary.kinds;
  const INTIMATE = [
    (f) => f.kind === KINDS.nudity,
    (f) => f.kind === KINDS.face && f.severity === "critical",
  ];
  const HELP_SECTION = "pressure"; // help/help.html#pressure
  // The common tags in words, by name (the part after "Group:"); others are spelled out.
  const TAG_WORDS = {
    Make: "tagCameraMaker",
    Model: "tagCameraModel",
    SerialNumber: "tagSerialNumber",
    BodySerialNumber: "tagSerialNumber",
    InternalSerialNumber: "tagSerialNumber",
    LensModel: "tagLens",
    Lens: "tagLens",
    LensSerialNumber: "tagLensSerialNumber",
    DateTimeOriginal: "tagDateTaken",
    CreateDate: "tagDateCreated",
    DateCreated: "tagDateCreated",
    ModifyDate: "tagDateModified",
    OffsetTime: "tagTimeZone",
    OffsetTimeOriginal: "tagTimeZone",
    GPSLatitude: "tagGpsLatitude",
    GPSLongitude: "tagGpsLongitude",
    GPSAltitude: "tagGpsAltitude",
    GPSPosition: "tagGpsPosition",
    GPSCoordinates: "tagGpsPosition",
    GPSHPositioningError: "tagGpsAccuracy",
    Artist: "tagAuthor",
    Creator: "tagAuthor",
    Author: "tagAuthor",
    "By-line": "tagAuthor",
    OwnerName: "tagOwner",
    CameraOwnerName: "tagOwner",
    Copyright: "tagCopyright",
    Rights: "tagCopyright",
    Software: "tagSoftware",
    CreatorTool: "tagSoftware",
    UserComment: "tagComment",
    Comment: "tagComment",
    XPComment: "tagComment",
    ImageDescription: "tagDescription",
    Description: "tagDescription",
    ImageUniqueID: "tagImageId",
    City: "tagCity",
    Country: "tagCountry",
    CreatorContactInfoCiAdrExtadr: "tagAddress",
    CreatorContactInfoCiAdrCity: "tagCity",
    CreatorContactInfoCiAdrCtry: "tagCountry",
    CreatorContactInfoCiEmailWork: "tagEmail",
    CreatorContactInfoCiTelWork: "tagPhone",
    CreatorContactInfoCiUrlWork: "tagWebsite",
  };


  /** An element with attributes and children (strings become text: no HTML parsing). */
  function h(tag, attrs = {}, ...children) {
    const el = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "class") el.className = value;
      else el.setAttribute(key, value === true ? "" : String(value));
    }
    el.append(...children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    return el;
  }

  function icon(paths) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("fill", "none");
    svg.setAttribute("stroke", "currentColor");
    svg.setAttribute("stroke-width", "1.8");
    svg.setAttribute("stroke-linecap", "round");
    svg.setAttribute("stroke-linejoin", "round");
    for (const d of paths) {
      const path = document.createElementNS(SVG, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  const ICONS = {
    shield: ["M12 3l7 3v5c0 4.5-3 8.3-7 10-4-1.7-7-5.5-7-10V6l7-3z", "M9 12l2 2 4-4"],
    warn: ["M12 3l9.5 17h-19L12 3z", "M12 10v4", "M12 17.5v.01"],
    lock: ["M6 11h12v9H6z", "M8.5 11V8a3.5 3.5 0 017 0v3"],
    photo: ["M4 6h16v12H4z", "M4 15l4.5-4.5L13 15l2.5-2.5L20 17", "M15.5 9.5h.01"],
    eye: ["M2.5 12S6 5.5 12 5.5 21.5 12 21.5 12 18 18.5 12 18.5 2.5 12 2.5 12z", "M12 9.5a2.5 2.5 0 110 5 2.5 2.5 0 010-5z"],
  };

  function bySeverity(a, b) {
    return (SEVERITY_RANK[b.severity] ?? 0) - (SEVERITY_RANK[a.severity] ?? 0);
  }

  /** A frame from early in the video `file` (its poster), or a rejection. */
  async function posterOf(file) {
    const url = URL.createObjectURL(file);
    try {
      const video = document.createElement("video");
      video.muted = true;
      video.preload = "auto";
      const ready = (event) =>
        new Promise((resolve, reject) => {
          video.addEventListener(event, resolve, { once: true });
          video.addEventListener("error", () => reject(video.error), { once: true });
          setTimeout(() => reject(new Error("The video gave no frame in time.")), POSTER_TIMEOUT_MS);
        });
      const loaded = ready("loadeddata");
      video.src = url;
      await loaded;
      const seeked = ready("seeked");
      video.currentTime = Math.min(0.5, (video.duration || 0) / 2); // past a black first frame
      await seeked;
      return await createImageBitmap(video, { resizeWidth: THUMB_PX, resizeQuality: "medium" });
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  /** `file` (a photo, or a video's poster frame) as a small bitmap for its row. */
  async function thumbOf(file) {
    const image = () => createImageBitmap(file, { resizeWidth: THUMB_PX, resizeQuality: "medium" });
    if (String(file.type).startsWith("video/")) return posterOf(file);
    return image().catch(() => posterOf(file)); // an untyped video tries as a photo first
  }

  /** Draw a small square preview of `file` into `box` (after the dialog is up: off the hot path). */
  async function drawThumb(box, file) {
    try {
      const bitmap = await thumbOf(file);
      const canvas = h("canvas", { width: THUMB_PX, height: THUMB_PX, "aria-hidden": "true" });
      const scale = Math.max(THUMB_PX / bitmap.width, THUMB_PX / bitmap.height);
      const w = bitmap.width * scale;
      const hgt = bitmap.height * scale;
      canvas.getContext("2d").drawImage(bitmap, (THUMB_PX - w) / 2, (THUMB_PX - hgt) / 2, w, hgt);
      bitmap.close();
      box.replaceChildren(canvas);
    } catch {
      // A format the browser cannot draw (HEIC, WebM in some browsers...): the icon stays.
    }
  }

  /** Whether a checked item's findings say the image is intimate. */
  function isIntimate(item) {
    return item.status === "checked" && item.findings.some((f) => INTIMATE.some((rule) => rule(f)));
  }

  /** Whether "Send with face hidden" applies to the item: the service found faces in it. */
  function showsFaces(item) {
    return item.status === "checked" && item.faces > 0;
  }

  /**
   * "Is someone pressuring you to send this?", linking to the help page. The
   * page may not navigate to an extension page, so the worker opens it in a new
   * tab; only a trusted click does (the href says where it leads).
   */
  function pressureLine() {
    const link = h(
      "a",
      { href: api.runtime.getURL(`help/help.html#${HELP_SECTION}`), target: "_blank", rel: "noopener" },
      t("dialogPressure"),
    );
    link.addEventListener("click", (event) => {
      event.preventDefault();
      if (event.isTrusted) void api.runtime.sendMessage({ type: "openHelp", section: HELP_SECTION });
    });
    link.addEventListener("auxclick", (event) => event.preventDefault());
    return h("p", { class: "pressure" }, link);
  }

  /**
   * A tag's evidence key ("GPS:GPSLatitude") in words: the common ones from
   * TAG_WORDS, any other name split where its words join ("LensMake" -> "Lens make",
   * acronyms kept).
   */
  function tagWords(key) {
    const name = key.slice(key.lastIndexOf(":") + 1);
    if (TAG_WORDS[name]) return t(TAG_WORDS[name]);
    const words = name
      .replace(/[_-]+/g, " ")
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
      .trim()
      .split(/\s+/)
      .map((word, i) => (i === 0 || /^[A-Z0-9]+$/.test(word) ? word : word.toLowerCase()));
    return words.join(" ") || key;
  }

  /**
   * Who else can see what is sent on this site (shared/encryption.js), as one
   * line, or null for a site the table does not know. The dialog's frame takes
   * its creator's origin when it is about:blank or srcdoc.
   */
  function seenLine(count) {
    let hostname;
    try {
      hostname = new URL(self.origin).hostname;
    } catch {
      return null; // an opaque origin: no site to speak of
    }
    const service = globalThis.thinkTwiceEncryption?.serviceFor(hostname);
    if (!service) return null;
    const text =
      service.e2e === "yes"
        ? t("dialogSeenYes", [service.name])
        : service.e2e === "partly"
          ? t("dialogSeenPartly", [service.name, t(service.note)])
          : t(count > 1 ? "dialogSeenNoMany" : "dialogSeenNoOne", [service.name]);
    return h("p", { class: `seen ${service.e2e}` }, icon(service.e2e === "yes" ? ICONS.lock : ICONS.eye), text);
  }

  function findingRow(finding) {
    const evidence = Object.entries(finding.evidence ?? {});
    const label = t(SEVERITY_LABEL[finding.severity] ?? "severityInfo");
    return h(
      "li",
      { class: "finding" },
      h("span", { class: `sev ${finding.severity}` }, label, h("span", { class: "sr" }, ": ")),
      h("p", { class: "msg" }, finding.message),
      evidence.length
        ? h(
            "details",
            {},
            h("summary", {}, t("dialogDetails")),
            h(
              "dl",
              {},
              evidence.map(([tag, value]) => [
                h("dt", {}, tagWords(tag), " ", h("code", { class: "raw" }, tag)),
                h("dd", {}, String(value)),
              ]),
            ),
          )
        : null,
    );
  }

  function itemRow(item) {
    const thumb = h("div", { class: "thumb" }, icon(ICONS.photo));
    let body;
    if (item.status !== "checked") {
      const key = NOT_CHECKED_REASON[item.reason] ?? "reasonFailed";
      body = h("p", { class: "problem" }, t(key, [item.message ?? ""]));
    } else if (!item.findings.length) {
      body = h("p", { class: "quiet" }, t("dialogNothingFound"));
    } else {
      body = h(
        "ul",
        { class: "findings", "aria-label": t("dialogFindingsLabel", [item.name]) },
        [...item.findings].sort(bySeverity).map(findingRow),
      );
    }
    const text = h("div", { class: "body" }, h("p", { class: "name" }, item.name), body);
    const row = h("li", { class: "item" }, thumb, text);
    return { row, thumb };
  }

  Object.defineProperty(globalThis, "thinkTwiceDialogRows", {
    value: Object.freeze({
      thumbOf,
      t,
      h,
      icon,
      ICONS,
      drawThumb,
      isIntimate,
      showsFaces,
      pressureLine,
      seenLine,
      tagWords,
      itemRow,
    }),
  });
})();
