/**
 * The connection as the popup and options page show it:
 * {state: "connected" | "not_set_up" | "not_running" | "error", version, message, stats}.
 * Connected means the host answered its hello, the service its health check,
 * and today's counts came back (`stats`).
 */

import * as service from "./service.js";

const { REASONS } = service;

export async function connection() {
  let version = null;
  try {
    ({ version } = await service.health());
  } catch (error) {
    const known = [REASONS.notSetUp, REASONS.notRunning].includes(error.reason);
    const state = known ? error.reason : "error";
    return { state, version, message: String(error.message ?? error), stats: null };
  }
  try {
    const stats = await service.stats(startOfToday());
    return { state: "connected", version, message: "", stats };
  } catch (error) {
    return { state: "error", version, message: String(error.message ?? error), stats: null };
  }
}

function startOfToday() {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}
