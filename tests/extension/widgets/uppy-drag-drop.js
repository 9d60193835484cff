// Uppy's drag-and-drop area: it walks what is dropped with webkitGetAsEntry()
// (folders included), and its "browse" link opens the picker.
// Bundled by esbuild when the tests start (tests/extension/conftest.py).
import Uppy from "@uppy/core";
import DragDrop from "@uppy/drag-drop";
import XHRUpload from "@uppy/xhr-upload";
import "@uppy/core/css/style.min.css";
import "@uppy/drag-drop/css/style.min.css";

const uppy = new Uppy({ autoProceed: true })
  .use(DragDrop, { target: "#zone", width: 400, height: 300 })
  .use(XHRUpload, { endpoint: "/upload?via=uppy-drag-drop", fieldName: "file", formData: true });
uppy.on("file-added", (file) => window.saw([file.data], "uppy-drag-drop"));
