// What every test page shares: send files to the site like a chat app would,
// and remember what the page's own handlers were given (window.received).
window.received = [];

window.saw = (files, via) => {
  const list = [...files];
  window.received.push({
    via,
    at: performance.now(),
    names: list.map((f) => f.name),
    types: list.map((f) => f.type),
  });
  return list;
};

window.sendFiles = async (files, via) => {
  const list = window.saw(files, via);
  if (!list.length) return;
  const form = new FormData();
  for (const file of list) form.append("file", file, file.name);
  await fetch(`/upload?via=${via}`, { method: "POST", body: form });
};

// Two widgets many sites have, for pages that need them next to something else:
// a button that opens an input never added to the page, and a drop zone.
window.detachedPicker = (button, via) =>
  button.addEventListener("click", () => {
    const input = document.createElement("input");
    input.type = "file";
    input.multiple = true;
    input.addEventListener("change", () => sendFiles(input.files, via));
    input.click();
  });

window.dropZone = (zone, via) => {
  for (const type of ["dragenter", "dragover"]) zone.addEventListener(type, (e) => e.preventDefault());
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    sendFiles(e.dataTransfer.files, via);
  });
};
