"""What the pixels reveal: intimate content and faces, codes and text; hiding faces.

    analysis.py    one picture, every detector; failures become problem lines
    decode.py      decode small (JPEG draft, reduce), upright, within the pixel limit
    upright.py     the EXIF orientation, read and applied: which way is up
    model.py       the NudeNet ONNX model (nudity): loaded once, warmed, bounded inference
    faces.py       the YuNet face detector (models/, shipped with its licence)
    runtime.py     what both share: the onnxruntime session, loading once, suppression
    bodies.py      detections -> nudity and face findings
    codes.py       QR codes and barcodes (zxing-cpp), by kind, never by content
    text.py        emails, phone numbers, addresses (tesseract, when installed)
    textlines.py   where the lines of text are, laid out for OCR in blocks
    tesseract.py   tesseract's library in the process: a pool of loaded engines
    hiding.py      hide_faces: opaque boxes over faces, re-encoded, then cleaned
    report.py      what the pipeline gets back, and how it joins the metadata's
    options.py     the settings (model path, threads, thresholds, OCR)
    thumbnails.py  whether each embedded thumbnail shows another picture

Vision sits above `findings`: its findings use the same wording helpers
(`findings.rule`) and contact patterns, while `findings` reads only the answers
vision gives (thumbnail comparisons), handed over by the pipeline as plain data.
Nothing heavy is imported here: a metadata-only inspection never loads Pillow,
NumPy or the model.
"""
