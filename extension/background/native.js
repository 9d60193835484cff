/**
 * The channel to the local service: the browser's native messaging.
 *
 * The browser starts the host `thinktwice setup` registered (HOST_NAME), and
 * only for this extension's id; the host relays each request to the service
 * over a Unix socket only this account can open, and starts the service when
 * it is not running. No token, no port: nothing another account could steal
 * or squat (see native/ in the service).
 *
 * One port for the worker's lifetime, opened on first use. The host must
 * answer the hello with {app: "thinktwice", protocol: PROTOCOL} before any
 * request is sent; anything else closes the port and every call fails (fail
 * closed: the dialog then says "not checked"). Bytes travel as base64: files
 * to the host in chunks of CHUNK_CHARS sent before the request that names them
 * (a photo's chunks are forwarded as the page hands them over: `forward`),
 * answers from it in parts (the browsers cap a host's message at 1 MiB).
 */

import { api } from "./browser.js";

export const HOST_NAME = "org.thinktwice.host";
export const PROTOCOL = 1;
const HELLO_MS = 10_000;
const CHUNK_CHARS = 512 * 1024; // a multiple of 4: each chunk decodes alone
// The language the extension speaks (its catalog's; Chromium's getUILanguage can name
// another): the service says its findings and draws the dashboard in it too.
const LANGUAGE = api.i18n.getMessage("htmlLang") || api.i18n.getUILanguage();

export const REASONS = Object.freeze({
  notSetUp: "not_set_up", // the browser knows no ThinkTwice host: `thinktwice setup` not run
  notRunning: "not_running", // the host could not reach or start the service
  timeout: "timeout", // no answer in time
  rejected: "rejected", // the service read the request and refused it (4xx): bad image...
  failed: "failed", // the service broke (5xx), or what answered is not ThinkTwice
});

export class ServiceError extends Error {
  constructor(reason, message, { status = 0, code = "" } = {}) {
    super(message);
    this.name = "ServiceError";
    this.reason = reason;
    this.status = status;
    this.code = code;
  }
}

let channel = null; // {port, ready, pending, next}

function whyClosed(message) {
  // Chrome and Firefox word a missing or refused host registration like this.
  if (/not found|no such native application|not allowed|forbidden/i.test(message)) {
    return new ServiceError(
      REASONS.notSetUp,
      `ThinkTwice is not set up in this browser (${message}). Run “thinktwice setup”.`,
    );
  }
  return new ServiceError(REASONS.notRunning, `The ThinkTwice host stopped: ${message || "closed"}.`);
}

function open() {
  const port = api.runtime.connectNative(HOST_NAME);
  // streamed: upload key -> chunks sent on this port (a new port has none of them)
  const opened = { port, pending: new Map(), next: 1, streamed: new Map() };
  let settle;
  opened.ready = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  opened.ready.catch(() => {}); // callers see the failure; an unawaited one is no crash
  // Every way a channel ends: whoever waits for its hello or an answer hears why.
  const fail = (opened.fail = (error) => {
    clearTimeout(timer);
    if (channel === opened) channel = null;
    settle.reject(error);
    for (const call of opened.pending.values()) call.reject(error);
    opened.pending.clear();
  });
  const timer = setTimeout(() => {
    fail(new ServiceError(REASONS.failed, "The native host did not say it is ThinkTwice's."));
    port.disconnect();
  }, HELLO_MS);
  port.onMessage.addListener((message) => {
    if (message?.type === "hello") {
      clearTimeout(timer);
      if (message.app === "thinktwice" && message.protocol === PROTOCOL) {
        settle.resolve(message);
      } else {
        fail(new ServiceError(REASONS.failed, "What answered is not ThinkTwice's host."));
        port.disconnect();
      }
      return;
    }
    const call = opened.pending.get(message?.id);
    if (call) receive(opened, call, message);
  });
  port.onDisconnect.addListener(() => {
    fail(whyClosed(api.runtime.lastError?.message ?? port.error?.message ?? ""));
  });
  port.postMessage({ type: "hello", protocol: PROTOCOL });
  return opened;
}

function receive(opened, call, message) {
  if (message.type === "error") {
    opened.pending.delete(message.id);
    call.reject(new ServiceError(String(message.reason), String(message.message)));
    return;
  }
  if (message.type !== "response" || !Number.isInteger(message.index)) return;
  if (message.index === 0) {
    call.status = message.status;
    call.headers = message.headers ?? {};
    call.parts = new Array(message.parts);
  }
  call.parts[message.index] = message.body;
  call.received += 1;
  if (call.parts && call.received === call.parts.length) {
    opened.pending.delete(message.id);
    call.resolve({ status: call.status, headers: call.headers, body: call.parts.join("") });
  }
}

/** The host's hello ({app, protocol, version}), opening the channel if needed. */
export function connect() {
  channel ??= open();
  return channel.ready;
}

/** Close the channel (the next call opens a new one, with a new host). */
export function disconnect() {
  if (!channel) return;
  const closed = channel;
  // The port's own end gets no onDisconnect: end the channel here, hello included.
  closed.fail(new ServiceError(REASONS.notRunning, "The channel to the service was closed."));
  closed.port.disconnect();
}

function sendChunk(opened, upload, index, count, data) {
  opened.port.postMessage({ type: "chunk", upload, index, count, data });
  opened.streamed.set(upload, (opened.streamed.get(upload) ?? 0) + 1);
}

/**
 * Send chunk `index` of `count` (base64, CHUNK_CHARS long but the last) of the
 * file `upload` ahead of its request, so it crosses while the page sends the
 * rest. Best effort: a request finding it missing sends the file again.
 */
export function forward(upload, index, count, data) {
  connect().then(
    () => channel && sendChunk(channel, upload, index, count, data),
    () => {}, // the request will fail and say why
  );
}

/** Tell the host the file `upload` will not be sent after all. */
export function drop(upload) {
  channel?.port.postMessage({ type: "drop", upload });
}

/** The chunk size `forward` expects, in base64 characters. */
export const CHUNK = CHUNK_CHARS;

function streamFile(opened, { upload, data }) {
  const count = Math.max(1, Math.ceil(data.length / CHUNK_CHARS));
  if (upload && opened.streamed.get(upload) === count) return upload; // forwarded already
  const key = crypto.randomUUID();
  for (let index = 0; index < count; index++) {
    sendChunk(opened, key, index, count, data.slice(index * CHUNK_CHARS, (index + 1) * CHUNK_CHARS));
  }
  return key;
}

/**
 * One HTTP request to the service: {status, headers, body (base64)}.
 * `json` is a JSON body; `fields` (and `file`: {field, name, type, data (base64),
 * upload (the key it was forwarded under, if it was)}) a form. Every request
 * carries the browser's UI language: the service says its findings and draws the
 * dashboard in it (the host passes it on as Accept-Language). Rejects with a
 * ServiceError when no answer came in `timeout` ms.
 */
export async function request(method, path, { json, fields, file, timeout = 3_000 } = {}) {
  await connect();
  const opened = channel;
  if (!opened) throw new ServiceError(REASONS.notRunning, "The channel to the service closed.");
  const id = opened.next++;
  const answer = new Promise((resolve, reject) => {
    opened.pending.set(id, { resolve, reject, received: 0, parts: null });
  });
  const timer = setTimeout(() => {
    const call = opened.pending.get(id);
    opened.pending.delete(id);
    call?.reject(
      new ServiceError(REASONS.timeout, `The service did not answer within ${timeout / 1000} s.`),
    );
  }, timeout);
  const message = { type: "request", id, method, path, timeout: timeout / 1000 };
  message.language = LANGUAGE;
  if (json !== undefined) message.json = json;
  if (fields) message.fields = fields;
  try {
    if (file) {
      const upload = streamFile(opened, file);
      opened.streamed.delete(upload); // the host forgets it once the request takes it
      message.file = { field: file.field, name: file.name, type: file.type, upload };
    }
    opened.port.postMessage(message);
    return await answer;
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError(REASONS.notRunning, `The channel to the service failed: ${error}`);
  } finally {
    clearTimeout(timer);
  }
}
