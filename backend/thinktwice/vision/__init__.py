"""What the pixels reveal: intimate content and faces, codes and text; hiding faces.

    analysis.py    one picture, every detector; failures become problem lines
    decode.py      decode small (JPEG draft, reduce), upright, within the pixel limit
    model.py       the NudeNet ONNX model: loaded once, warmed, bounded inference
    bodies.py      detections -> nudity and face findings
    codes.py       QR codes and barcodes (zxing-cpp), by kind, never by content
    text.py        emails, phone numbers, addresses (tesseract, when installed)
    hiding.py      opaque boxes over faces, re-encoded at high quality
    report.py      what the pipeline gets back, and how it joins the metadata's
    options.py     the settings (model path, threads, thresholds, OCR)
    thumbnails.py  whether an embedded thumbnail shows another picture

Nothing heavy is imported here: `findings` loads `thumbnails` on every inspection,
and a metadata-only inspection never loads NumPy or the model.
"""
