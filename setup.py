"""Build step for the optional compiled reader; everything else is in pyproject.toml.

`extractor.read._pdfium_fast` reads a page's characters in one call instead of
eight ctypes calls per glyph.  It is optional: without a C compiler the
install goes on and `extractor.read.pdf` uses ctypes (same results, slower).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "extractor.read._pdfium_fast",
            sources=["src/extractor/read/_pdfium_fast.c"],
            optional=True,
        )
    ]
)
