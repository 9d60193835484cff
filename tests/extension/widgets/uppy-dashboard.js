// An Uppy Dashboard (picker, drop, paste) uploading each photo with XHR, as sites do.
// Bundled by esbuild when the tests start (tests/extension/conftest.py).
import Uppy from "@uppy/core";
import Dashboard from "@uppy/dashboard";
import XHRUpload from "@uppy/xhr-upload";
import "@uppy/core/css/style.min.css";
import "@uppy/dashboard/css/style.min.css";

const uppy = new Uppy({ autoProceed: true })
  .use(Dashboard, { inline: true, target: "#zone", width: 600, height: 360, proudlyDisplayPoweredByUppy: false })
  .use(XHRUpload, { endpoint: "/upload?via=uppy-dashboard", fieldName: "file", formData: true });
uppy.on("file-added", (file) => window.saw([file.data], "uppy-dashboard"));
