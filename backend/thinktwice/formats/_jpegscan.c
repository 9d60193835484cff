/*
 * Finding where a JPEG scan ends, at memchr speed.
 *
 * Inside entropy-coded data a data byte 0xFF is stuffed as FF 00 and FF D0-D7
 * are restart markers; the first other FF xx (fill bytes FF FF aside) is the
 * marker that ends the scan. This is the engine's one hot loop: in Python a
 * regular expression walks it byte by byte (about 0.45 ns a byte), memchr
 * skips to each 0xFF with vector instructions. formats/jpeg.py falls back to
 * the regular expression when this module is not built; both give the same
 * answer, which the tests check.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

static PyObject *
next_marker(PyObject *module, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t start;
    if (!PyArg_ParseTuple(args, "y*n", &view, &start)) {
        return NULL;
    }
    const unsigned char *data = view.buf;
    Py_ssize_t size = view.len;
    Py_ssize_t found = -1;
    if (start < 0) {
        start = 0;
    }
    Py_BEGIN_ALLOW_THREADS
    const unsigned char *p = data + (start < size ? start : size);
    const unsigned char *last = data + size - 1; /* a marker needs a byte after its FF */
    while (p < last) {
        p = memchr(p, 0xFF, (size_t)(last - p));
        if (p == NULL) {
            break;
        }
        unsigned char next = p[1];
        if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
            found = p - data;
            break;
        }
        p += 1;
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&view);
    return PyLong_FromSsize_t(found);
}

static PyMethodDef methods[] = {
    {"next_marker", next_marker, METH_VARARGS,
     "next_marker(data, start) -> int\n\n"
     "Offset of the first FF xx at or after `start` that is a marker ending a scan\n"
     "(xx not 00, not FF, not D0-D7), or -1 when there is none."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_jpegscan", "Where JPEG scans end, at memchr speed.", -1, methods,
};

PyMODINIT_FUNC
PyInit__jpegscan(void)
{
    return PyModule_Create(&module);
}
