/** The help page: static text, localized, and the table of who else can see what is sent. */
import { localize, t } from "../shared/page.js";

const ANSWER = { yes: "encYes", partly: "encPartly", no: "encNo" };

/** A table cell holding `children` (strings become text: nothing is parsed as HTML). */
function cell(tag, ...children) {
  const el = document.createElement(tag);
  el.append(...children);
  return el;
}

/** One row per service of shared/encryption.js: its sites, answer, note, source and date. */
function seenRows() {
  return globalThis.thinkTwiceEncryption.services.map((service) => {
    const name = cell("th", service.name);
    name.scope = "row";
    const sites = document.createElement("span");
    sites.className = "hosts";
    sites.textContent = service.hosts.length ? service.hosts.join(", ") : t("helpSeenNoWebApp");
    name.append(sites);
    const answer = cell("span", t(ANSWER[service.e2e]));
    answer.className = `answer ${service.e2e}`;
    const source = document.createElement("a");
    source.href = service.source;
    source.rel = "noopener noreferrer";
    source.textContent = new URL(service.source).hostname;
    const checked = cell("time", service.checked);
    checked.dateTime = service.checked;
    const row = cell("tr", name, cell("td", answer), cell("td", t(service.note)), cell("td", source, ", ", checked));
    row.dataset.service = service.name;
    return row;
  });
}

localize();
document.getElementById("seen-rows").replaceChildren(...seenRows());
