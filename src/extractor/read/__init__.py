"""read: PDF files -> pages of characters and ruling segments (`PageContent`).

Takes: a PDF path (or an open document).
Gives: per page its characters (glyph box, baseline, font size), ruling segments
and size, from the text layer or, for an image-only page, by OCR (`read.ocr`);
a page's image (`render`); the words of Tesseract's language model (`lexicon`).
The only package that touches pypdfium2, Tesseract (a child process,
`read.ocr.tess`; its tools, `read.lexicon`) and OpenCV.
Imports: `model`; pypdfium2, Pillow, cv2, numpy.
"""
