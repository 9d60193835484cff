/*
 * Finding where a JPEG scan ends, at memchr speed.
 *
 * Inside entropy-coded data a data byte 0xFF is stuffed as FF 00 and FF D0-D7
 * are restart markers; the first other FF xx (fill bytes FF FF aside) is the
 * marker that ends the scan. This is the engine's one hot loop: in Python a
 * regular expression walks it byte by byte; here memchr jumps from FF to FF
 * (a photo's scan data has one about every 250 bytes). Optional: formats/jpeg/
 * scan.py falls back to the regular expression when this module is not built;
 * both give the same answers, which the tests check.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* Whether FF followed by `next` is a marker, not stuffing, a restart or fill. */
static inline int
is_marker(unsigned char next)
{
    return next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7);
}

/* Offset of the first marker in data[start:size], or -1. Runs without the GIL. */
static Py_ssize_t
find_marker(const unsigned char *data, Py_ssize_t start, Py_ssize_t size)
{
    const unsigned char *p = data + (start < size ? start : size);
    const unsigned char *last = data + size - 1; /* a marker needs a byte after its FF */
    while (p < last) {
        p = memchr(p, 0xFF, (size_t)(last - p));
        if (p == NULL) {
            break;
        }
        if (is_marker(p[1])) {
            return p - data;
        }
        p += 1;
    }
    return -1;
}

static PyObject *
next_marker(PyObject *module, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t start;
    Py_ssize_t found;
    if (!PyArg_ParseTuple(args, "y*n", &view, &start)) {
        return NULL;
    }
    if (start < 0) {
        start = 0;
    }
    Py_BEGIN_ALLOW_THREADS
    found = find_marker(view.buf, start, view.len);
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
