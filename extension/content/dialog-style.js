/*
 * The think-twice dialog's look (a classic content script, isolated world):
 * one stylesheet for the closed shadow root dialog.js draws into. Calm and
 * legible, light and dark; the host resets itself against any page rule.
 */
if (!globalThis.thinkTwiceDialogStyle) Object.defineProperty(globalThis, "thinkTwiceDialogStyle", {
  value: `
:host { all: initial !important; display: block !important; position: fixed !important;
  inset: auto !important; width: 0 !important; height: 0 !important; overflow: visible !important;
  visibility: visible !important; opacity: 1 !important; pointer-events: auto !important;
  transform: none !important; filter: none !important; contain: none !important; }
* { box-sizing: border-box; }
dialog {
  --bg: #ffffff; --text: #1d2433; --muted: #5b6475; --line: #e6e8ee; --soft: #f6f7f9;
  --accent: #1b5e57; --accent-hover: #154c46; --accent-text: #ffffff; --focus: #2e7d74;
  --critical: #8a1c1c; --critical-bg: #fdecec; --high: #b42318; --high-bg: #fef3f2;
  --medium: #a15c07; --medium-bg: #fff7e6; --low: #475467; --low-bg: #f2f4f7;
  --warn: #a15c07; --warn-bg: #fff7e6;
  all: initial; display: none; position: fixed; inset: 0; margin: auto; height: fit-content;
  width: min(560px, calc(100vw - 32px)); max-height: min(680px, calc(100vh - 32px));
  padding: 0; border: 1px solid var(--line); border-radius: 16px; background: var(--bg);
  color: var(--text); box-shadow: 0 24px 56px rgba(16, 24, 40, 0.22), 0 4px 12px rgba(16, 24, 40, 0.08);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", sans-serif;
  overflow: hidden; text-align: left; direction: ltr;
  color-scheme: light; scrollbar-color: var(--line) transparent;
}
dialog[open] { display: flex; flex-direction: column; }
/* No backdrop blur: without a GPU the browser redraws a blurred page for every frame
   of the spinner, 1.5 s of a core while a big video is checked (scripts/bench_extension.py). */
dialog::backdrop { background: rgba(16, 24, 40, 0.42); }
@media (prefers-color-scheme: dark) {
  dialog { --bg: #1b1f27; --text: #eef0f4; --muted: #a6adbb; --line: #2e3440; --soft: #232833;
    --accent: #3aa597; --accent-hover: #4bb8aa; --accent-text: #0e1512; --focus: #6fd0c3;
    --critical: #ffb4ab; --critical-bg: #3b1d1b; --high: #ffb4a6; --high-bg: #3a211d;
    --medium: #ffd08a; --medium-bg: #3a2d16; --low: #c4cad6; --low-bg: #2a303b;
    --warn: #ffd08a; --warn-bg: #3a2d16; color-scheme: dark; }
}
header { display: flex; gap: 14px; align-items: flex-start; padding: 22px 24px 14px; }
.badge { flex: none; width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center;
  background: color-mix(in srgb, var(--accent) 14%, transparent); color: var(--accent); }
.badge.warn { background: var(--warn-bg); color: var(--warn); }
.badge svg { width: 22px; height: 22px; }
h2 { all: unset; display: block; font-size: 17px; line-height: 1.35; font-weight: 650;
  overflow-wrap: anywhere; }
.lede { margin: 4px 0 0; color: var(--muted); }
.items { list-style: none; margin: 0; padding: 4px 24px 8px; overflow: auto; flex: 1 1 auto; }
.item { display: flex; gap: 14px; padding: 12px 0; border-top: 1px solid var(--line); }
.item:first-child { border-top: none; }
.thumb { flex: none; width: 56px; height: 56px; border-radius: 10px; background: var(--soft);
  border: 1px solid var(--line); display: grid; place-items: center; overflow: hidden; color: var(--muted); }
.thumb canvas { width: 56px; height: 56px; display: block; }
.thumb svg { width: 24px; height: 24px; }
.body { min-width: 0; flex: 1; }
.name { margin: 0 0 6px; font-weight: 600; overflow-wrap: anywhere; }
.findings { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
.finding { display: grid; grid-template-columns: 70px 1fr; column-gap: 10px; align-items: start; }
.sev { justify-self: start; font-size: 10.5px; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase;
  padding: 2px 7px; border-radius: 999px; margin-top: 1px; white-space: nowrap; }
.sev.critical { color: var(--critical); background: var(--critical-bg); }
.sev.high { color: var(--high); background: var(--high-bg); }
.sev.medium { color: var(--medium); background: var(--medium-bg); }
.sev.low, .sev.info { color: var(--low); background: var(--low-bg); }
.msg { margin: 0; }
details { grid-column: 2; margin-top: 2px; }
summary { cursor: pointer; color: var(--muted); font-size: 12.5px; width: max-content;
  border-radius: 4px; list-style-position: inside; }
summary:hover { color: var(--text); }
dl { margin: 6px 0 2px; padding: 8px 10px; background: var(--soft); border-radius: 8px;
  display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 4px 12px; font-size: 12.5px; }
dt { color: var(--muted); overflow-wrap: anywhere; }
dd { margin: 0; overflow-wrap: anywhere; }
.raw { display: block; font: 11px/1.35 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  color: var(--muted); overflow-wrap: anywhere; }
.seen { margin: 0; padding: 0 24px 12px; display: flex; gap: 8px; align-items: flex-start; color: var(--muted);
  font-size: 13px; }
.seen svg { width: 16px; height: 16px; flex: none; margin-top: 1px; }
.seen.no svg, .seen.partly svg { color: var(--warn); }
.seen.yes svg { color: var(--accent); }
.quiet { margin: 0; color: var(--muted); }
.problem { margin: 0; color: var(--warn); }
.hint, .pressure { margin: 0; padding: 0 24px 12px; }
.hint { color: var(--muted); font-size: 13px; }
.pressure a { color: var(--accent); font-weight: 600; text-decoration: underline; text-underline-offset: 2px;
  border-radius: 4px; cursor: pointer; }
.pressure a:hover { color: var(--accent-hover); }
.checking { display: flex; align-items: center; gap: 10px; padding: 8px 24px 18px; color: var(--muted); }
.spinner { width: 16px; height: 16px; border-radius: 50%; border: 2px solid var(--line);
  border-top-color: var(--accent); animation: spin 0.9s linear infinite; }
@keyframes spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
footer { display: grid; gap: 12px; padding: 14px 24px 20px; border-top: 1px solid var(--line);
  background: var(--bg); }
.actions { display: flex; flex-wrap: wrap; gap: 10px; }
.covered { margin: 0; padding: 8px 10px; border-radius: 8px; color: var(--warn); background: var(--warn-bg);
  font-weight: 600; }
.covered[hidden] { display: none; }
.note { margin: 0; display: flex; align-items: center; gap: 6px; color: var(--muted); font-size: 12.5px; }
.note svg { width: 14px; height: 14px; flex: none; }
button { all: unset; box-sizing: border-box; cursor: pointer; font: inherit; font-weight: 600;
  padding: 9px 15px; border-radius: 10px; border: 1px solid var(--line); color: var(--text);
  background: var(--bg); text-align: center; }
button:hover { background: var(--soft); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-text); }
button.primary:hover { background: var(--accent-hover); border-color: var(--accent-hover); }
button.plain { border-color: transparent; color: var(--muted); }
button.plain:hover { color: var(--text); }
button:focus-visible, summary:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
/* Narrow screens (a phone, a 360 px window): the severity sits above its sentence,
   which takes the row's whole width; a smaller preview, tighter edges. */
@media (max-width: 480px) {
  dialog { width: calc(100vw - 16px); max-height: calc(100vh - 16px); border-radius: 14px; }
  header { padding: 16px 16px 10px; gap: 10px; }
  .badge { width: 32px; height: 32px; }
  .badge svg { width: 18px; height: 18px; }
  .items { padding: 2px 16px 6px; }
  .item { display: grid; grid-template-columns: 40px minmax(0, 1fr); gap: 8px 10px; align-items: center; }
  .body { display: contents; }
  .name { margin: 0; }
  .body > :not(.name) { grid-column: 1 / -1; }
  .thumb, .thumb canvas { width: 40px; height: 40px; }
  .finding { display: block; }
  .sev { float: left; margin: 1px 8px 0 0; line-height: 1.3; }
  .msg { display: block; }
  details { clear: left; }
  dl { grid-template-columns: minmax(0, 1fr); row-gap: 0; }
  dd { margin-bottom: 6px; }
  .hint, .pressure, .seen { padding: 0 16px 10px; }
  footer { padding: 12px 16px 14px; gap: 10px; }
  .actions button { flex: 1 1 auto; }
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`,
});
