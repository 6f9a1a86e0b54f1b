/*
 * Bulk readers over pdfium for extractor.pdfread (optional, compiled at install).
 *
 * Reading a page's characters through ctypes costs eight foreign calls per
 * glyph, and their overhead, not pdfium's work, is what makes reading slow.
 * These two functions make the same pdfium calls, in the same order and with
 * the same out-parameters, from C, and hand Python the page's result at once:
 *
 *   read_chars(textpage, functions, height, char_type, size_of) -> list
 *       one `char_type` (extractor.read.pdf.Char) per printed character: text,
 *       x0, x1, top, bottom, baseline (top-down), size, conf 100, bold (the
 *       font's name says bold, black, heavy, semibold or demi); the size is
 *       `size_of(font size, matrix c, matrix d)`, called once per distinct
 *       triple, so that both readers give the very same numbers;
 *   read_path_bounds(page, functions, max_depth) -> bytes | None
 *       left, bottom, right, top (floats widened to doubles) of every path
 *       object, descending into form XObjects like pypdfium2's get_objects;
 *       None where pdfium reports an error (the caller then takes the slow,
 *       raising path).
 *
 * pdfium's functions are passed in as addresses (taken from pypdfium2's ctypes
 * bindings), so this module needs no pdfium headers and links no library.
 * `extractor.pdfread` falls back to pure ctypes when it is not built.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

typedef struct { float left, top, right, bottom; } FS_RECTF;
typedef struct { float a, b, c, d, e, f; } FS_MATRIX;

typedef int (*count_chars_fn)(void *);
typedef int (*is_generated_fn)(void *, int);
typedef unsigned int (*get_unicode_fn)(void *, int);
typedef int (*char_box_fn)(void *, int, double *, double *, double *, double *);
typedef int (*loose_box_fn)(void *, int, FS_RECTF *);
typedef int (*origin_fn)(void *, int, double *, double *);
typedef int (*matrix_fn)(void *, int, FS_MATRIX *);
typedef double (*font_size_fn)(void *, int);
typedef unsigned long (*font_info_fn)(void *, int, void *, unsigned long, int *);

typedef int (*count_objects_fn)(void *);
typedef void *(*get_object_fn)(void *, int);
typedef void *(*form_get_object_fn)(void *, unsigned long);
typedef int (*object_type_fn)(void *);
typedef int (*bounds_fn)(void *, float *, float *, float *, float *);

#define N_CHAR_FUNCS 9
#define N_PATH_FUNCS 6
#define PER_CHAR 9
#define OBJ_PATH 2
#define OBJ_FORM 5
#define FORCE_BOLD (1 << 18) /* PDF font flag */

static int
addresses(PyObject *seq, void **out, Py_ssize_t n)
{
    if (!PyTuple_Check(seq) || PyTuple_GET_SIZE(seq) != n) {
        PyErr_Format(PyExc_TypeError, "expected a tuple of %zd function addresses", n);
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        out[i] = PyLong_AsVoidPtr(PyTuple_GET_ITEM(seq, i));
        if (out[i] == NULL) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "null function address");
            return -1;
        }
    }
    return 0;
}

/* A bold face, told by the font's name ("LiberationSerif-Bold", "Arial,Bold",
 * "...-Black", "...Semibold") or its ForceBold flag; weights are unreliable. */
static int
is_bold(const char *name, int flags)
{
    static const char *marks[] = {"bold", "black", "heavy", "semibold", "demi"};
    char lower[128];
    size_t k = 0;
    for (; name[k] != 0 && k < sizeof(lower) - 1; k++)
        lower[k] = (name[k] >= 'A' && name[k] <= 'Z') ? (char)(name[k] + 32) : name[k];
    lower[k] = 0;
    for (size_t m = 0; m < sizeof(marks) / sizeof(marks[0]); m++)
        if (strstr(lower, marks[m]) != NULL)
            return 1;
    return (flags & FORCE_BOLD) != 0;
}

static int
skipped(unsigned int code)
{
    return code == 0 || code == 10 || code == 13 || code == 0xFFFE || code == 0xFFFF;
}

#define N_FIELDS 9 /* text, x0, x1, top, bottom, baseline, size, conf, bold */
#define SIZE_CACHE 64

typedef struct {
    double key[3];
    PyObject *size;
} SizeEntry;

/* The size object for (font size, matrix c, matrix d): computed by Python's
 * `size_of` once per distinct key (pages use a handful), then shared. */
static PyObject *
size_for(const double *key, SizeEntry *cache, int *used, PyObject *size_of)
{
    for (int j = 0; j < *used; j++) {
        if (cache[j].key[0] == key[0] && cache[j].key[1] == key[1] && cache[j].key[2] == key[2]) {
            Py_INCREF(cache[j].size);
            return cache[j].size;
        }
    }
    PyObject *size = PyObject_CallFunction(size_of, "ddd", key[0], key[1], key[2]);
    if (size != NULL && *used < SIZE_CACHE) {
        cache[*used].key[0] = key[0];
        cache[*used].key[1] = key[1];
        cache[*used].key[2] = key[2];
        cache[*used].size = size;
        Py_INCREF(size);
        (*used)++;
    }
    return size;
}

/* One `char_type` instance, made the way tuple.__new__ makes a subclass's. */
static PyObject *
make_char(PyTypeObject *type, PyObject **items)
{
    PyObject *obj = type->tp_alloc(type, N_FIELDS);
    if (obj == NULL) {
        for (int k = 0; k < N_FIELDS; k++)
            Py_XDECREF(items[k]);
        return NULL;
    }
    for (int k = 0; k < N_FIELDS; k++)
        PyTuple_SET_ITEM(obj, k, items[k]);
    return obj;
}

static PyObject *
build_chars(const Py_UCS4 *codes, const double *numbers, Py_ssize_t n, PyObject *char_type,
            PyObject *size_of)
{
    SizeEntry cache[SIZE_CACHE];
    int used = 0;
    PyObject *conf = PyFloat_FromDouble(100.0);
    PyObject *list = PyList_New(n);
    if (conf == NULL || list == NULL)
        goto fail;
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *row = numbers + PER_CHAR * i;
        PyObject *items[N_FIELDS] = {NULL};
        items[0] = PyUnicode_FromOrdinal((int)codes[i]);
        for (int k = 0; k < 5; k++)
            items[k + 1] = PyFloat_FromDouble(row[k]);
        items[6] = size_for(row + 5, cache, &used, size_of);
        Py_INCREF(conf);
        items[7] = conf;
        items[8] = PyBool_FromLong(row[8] != 0.0);
        int missing = 0;
        for (int k = 0; k < N_FIELDS; k++)
            missing |= items[k] == NULL;
        if (missing) {
            for (int k = 0; k < N_FIELDS; k++)
                Py_XDECREF(items[k]);
            goto fail;
        }
        PyObject *obj = make_char((PyTypeObject *)char_type, items);
        if (obj == NULL)
            goto fail;
        PyList_SET_ITEM(list, i, obj);
    }
    for (int j = 0; j < used; j++)
        Py_DECREF(cache[j].size);
    Py_DECREF(conf);
    return list;
fail:
    for (int j = 0; j < used; j++)
        Py_DECREF(cache[j].size);
    Py_XDECREF(conf);
    Py_XDECREF(list);
    return NULL;
}

static PyObject *
read_chars(PyObject *self, PyObject *args)
{
    PyObject *page_obj, *funcs_obj, *char_type, *size_of;
    double height;
    void *f[N_CHAR_FUNCS];
    if (!PyArg_ParseTuple(args, "OOdOO", &page_obj, &funcs_obj, &height, &char_type, &size_of))
        return NULL;
    if (!PyType_Check(char_type) || !PyType_IsSubtype((PyTypeObject *)char_type, &PyTuple_Type)) {
        PyErr_SetString(PyExc_TypeError, "char_type must be a tuple subclass (a NamedTuple)");
        return NULL;
    }
    void *tp = PyLong_AsVoidPtr(page_obj);
    if (tp == NULL || addresses(funcs_obj, f, N_CHAR_FUNCS) < 0)
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "null text page");
    count_chars_fn count_chars = (count_chars_fn)f[0];
    is_generated_fn is_generated = (is_generated_fn)f[1];
    get_unicode_fn get_unicode = (get_unicode_fn)f[2];
    char_box_fn char_box = (char_box_fn)f[3];
    loose_box_fn loose_box = (loose_box_fn)f[4];
    origin_fn origin = (origin_fn)f[5];
    matrix_fn text_matrix = (matrix_fn)f[6];
    font_size_fn font_size = (font_size_fn)f[7];
    font_info_fn font_info = (font_info_fn)f[8];

    int count = count_chars(tp);
    if (count < 0)
        count = 0;
    Py_UCS4 *codes = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)(count + 1));
    double *numbers = PyMem_Malloc(sizeof(double) * PER_CHAR * (size_t)(count + 1));
    if (codes == NULL || numbers == NULL) {
        PyMem_Free(codes);
        PyMem_Free(numbers);
        return PyErr_NoMemory();
    }
    /* Out-parameters persist across characters, as the ctypes reader's do. */
    double ox = 0, oy = 0, left = 0, right = 0, bottom = 0, top = 0;
    FS_RECTF loose = {0, 0, 0, 0};
    FS_MATRIX matrix = {0, 0, 0, 0, 0, 0};
    char name[128];
    int flags = 0;
    Py_ssize_t n = 0;
    Py_BEGIN_ALLOW_THREADS
    for (int i = 0; i < count; i++) {
        if (is_generated(tp, i) == 1)
            continue;
        unsigned int code = get_unicode(tp, i);
        if (skipped(code))
            continue;
        unsigned int low = 0;
        if (code >= 0xD800 && code <= 0xDBFF && i + 1 < count)
            low = get_unicode(tp, i + 1);
        Py_UCS4 text = code == 2 ? '-' : (Py_UCS4)code;
        char_box(tp, i, &left, &right, &bottom, &top);
        loose_box(tp, i, &loose);
        origin(tp, i, &ox, &oy);
        text_matrix(tp, i, &matrix);
        if (code >= 0xD800 && code <= 0xDBFF && low >= 0xDC00 && low <= 0xDFFF)
            text = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        if (text > 0xFFFF) {
            i += 1; /* the low half of the pair was consumed */
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            text = 0xFFFD; /* a lone surrogate half */
        }
        double *row = numbers + PER_CHAR * n;
        double lo = (double)loose.left, hi = (double)loose.right;
        row[0] = lo;
        row[1] = hi > lo ? hi : lo;
        row[2] = height - top;
        row[3] = height - bottom;
        row[4] = height - oy;
        row[5] = font_size(tp, i);
        row[6] = (double)matrix.c;
        row[7] = (double)matrix.d;
        name[0] = 0;
        flags = 0;
        unsigned long length = font_info(tp, i, name, sizeof(name), &flags);
        if (length == 0 || length > sizeof(name))
            name[0] = 0;
        name[sizeof(name) - 1] = 0;
        row[8] = (double)is_bold(name, flags);
        codes[n++] = text;
    }
    Py_END_ALLOW_THREADS
    PyObject *result = build_chars(codes, numbers, n, char_type, size_of);
    PyMem_Free(codes);
    PyMem_Free(numbers);
    return result;
}
typedef struct {
    count_objects_fn page_count, form_count;
    get_object_fn page_get;
    form_get_object_fn form_get;
    object_type_fn type;
    bounds_fn bounds;
    double *data;
    size_t used, size;
} PathWalk;

static int
push_bounds(PathWalk *w, void *obj)
{
    float l = 0, b = 0, r = 0, t = 0;
    if (!w->bounds(obj, &l, &b, &r, &t))
        return -1;
    if (w->used + 4 > w->size) {
        size_t size = w->size ? 2 * w->size : 256;
        double *data = PyMem_Realloc(w->data, sizeof(double) * size);
        if (data == NULL)
            return -2;
        w->data = data;
        w->size = size;
    }
    w->data[w->used++] = l;
    w->data[w->used++] = b;
    w->data[w->used++] = r;
    w->data[w->used++] = t;
    return 0;
}

/* 0 on success, -1 on a pdfium error, -2 when out of memory. */
static int
walk_objects(PathWalk *w, void *parent, int is_form, int level, int max_depth)
{
    int n = is_form ? w->form_count(parent) : w->page_count(parent);
    if (n < 0)
        return -1;
    for (int i = 0; i < n; i++) {
        void *obj = is_form ? w->form_get(parent, (unsigned long)i) : w->page_get(parent, i);
        if (obj == NULL)
            return -1;
        int type = w->type(obj);
        int status = 0;
        if (type == OBJ_PATH)
            status = push_bounds(w, obj);
        else if (type == OBJ_FORM && level < max_depth - 1)
            status = walk_objects(w, obj, 1, level + 1, max_depth);
        if (status < 0)
            return status;
    }
    return 0;
}

static PyObject *
read_path_bounds(PyObject *self, PyObject *args)
{
    PyObject *page_obj, *funcs_obj;
    int max_depth;
    void *f[N_PATH_FUNCS];
    if (!PyArg_ParseTuple(args, "OOi", &page_obj, &funcs_obj, &max_depth))
        return NULL;
    void *page = PyLong_AsVoidPtr(page_obj);
    if (page == NULL || addresses(funcs_obj, f, N_PATH_FUNCS) < 0)
        return PyErr_Occurred() ? NULL : PyErr_Format(PyExc_ValueError, "null page");
    PathWalk w = {(count_objects_fn)f[0], (count_objects_fn)f[1], (get_object_fn)f[2],
                  (form_get_object_fn)f[3], (object_type_fn)f[4], (bounds_fn)f[5],
                  NULL, 0, 0};
    int status;
    Py_BEGIN_ALLOW_THREADS
    status = walk_objects(&w, page, 0, 0, max_depth);
    Py_END_ALLOW_THREADS
    if (status == -2) {
        PyMem_Free(w.data);
        return PyErr_NoMemory();
    }
    if (status < 0) {
        PyMem_Free(w.data);
        Py_RETURN_NONE;
    }
    PyObject *blob = PyBytes_FromStringAndSize((const char *)w.data,
                                               (Py_ssize_t)(sizeof(double) * w.used));
    PyMem_Free(w.data);
    return blob;
}

static PyMethodDef methods[] = {
    {"read_chars", read_chars, METH_VARARGS, "A text page's printed characters, in bulk."},
    {"read_path_bounds", read_path_bounds, METH_VARARGS, "Bounds of a page's path objects."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_pdfium_fast", "Bulk readers over pdfium.", -1, methods,
};

PyMODINIT_FUNC
PyInit__pdfium_fast(void)
{
    return PyModule_Create(&module);
}
