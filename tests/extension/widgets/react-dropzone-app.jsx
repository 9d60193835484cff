// A chat composer's attachment zone built with react-dropzone, as real sites do.
// Bundled with React by esbuild when the tests start (tests/extension/conftest.py).
import React, { useCallback } from "react";
import { createRoot } from "react-dom/client";
import { useDropzone } from "react-dropzone";

function Attach() {
  const onDrop = useCallback((files) => window.sendFiles(files, "react-dropzone"), []);
  const { getRootProps, getInputProps, isDragActive } = useDropzone({ onDrop });
  return (
    <div
      {...getRootProps({ id: "zone" })}
      style={{ width: 400, height: 300, border: "2px dashed #888", display: "grid", placeItems: "center" }}
    >
      <input {...getInputProps()} />
      {isDragActive ? "Drop the photos here" : "Drop photos here, or click to choose"}
    </div>
  );
}

createRoot(document.getElementById("root")).render(<Attach />);
