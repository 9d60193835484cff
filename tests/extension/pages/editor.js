// A rich-text editor's surface (as editors keep it, in a frame): photos dropped or
// pasted into it are uploaded by the editor's code, which runs in the page around it.
window.editorSurface = (doc, send) => {
  const editor = doc.getElementById("editor");
  editor.addEventListener("dragover", (e) => e.preventDefault());
  editor.addEventListener("drop", (e) => {
    e.preventDefault();
    send(e.dataTransfer.files, "editor-drop");
  });
  editor.addEventListener("paste", (e) => {
    if (!e.clipboardData.files.length) return;
    e.preventDefault();
    send(e.clipboardData.files, "editor-paste");
  });
};
