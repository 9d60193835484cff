/*
 * Finding where a JPEG scan ends, at memchr speed.
 *
 * Inside entropy-coded data a data byte 0xFF is stuffed as FF 00 and FF D0-D7
 * are restart markers; the first other FF xx (fill bytes FF FF aside) is the
 * marker that ends the scan. This is the engine's one hot loop: in Python a
 * regular expression walks it byte by byte (about 0.45 ns a byte). Here, on
 * x86-64 (SSE2 is part of the base instruction set), 64 bytes are checked for
 * 0xFF at once; only a block holding one looks at the byte after each FF. A
 * photo's scan data has an FF about every 250 bytes, so most blocks hold none:
 * this runs at memory speed, where a memchr per FF (the portable loop, kept
 * for other machines) pays a call for each. formats/jpeg.py falls back to the
 * regular expression when this module is not built; all give the same
 * answers, which the tests check.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

#if defined(__SSE2__) && (defined(__GNUC__) || defined(__clang__))
#include <emmintrin.h>
#define BLOCKS 1
#endif

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
#ifdef BLOCKS
    const __m128i ff = _mm_set1_epi8((char)0xFF);
    /* A block's FF at offset 63 reads p[64], which exists while p + 64 <= last. */
    while (last - p >= 64) {
        unsigned long long found =
            (unsigned long long)(unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), ff))
            | (unsigned long long)(unsigned)_mm_movemask_epi8(
                  _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 16)), ff)) << 16
            | (unsigned long long)(unsigned)_mm_movemask_epi8(
                  _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 32)), ff)) << 32
            | (unsigned long long)(unsigned)_mm_movemask_epi8(
                  _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + 48)), ff)) << 48;
        while (found) {
            int i = __builtin_ctzll(found);
            if (is_marker(p[i + 1])) {
                return p + i - data;
            }
            found &= found - 1;
        }
        p += 64;
    }
#endif
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
