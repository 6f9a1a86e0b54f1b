"""A "scan" of a generated PDF: pages rasterised with pypdfium2, slightly rotated,
noise and specks, JPEG-compressed, wrapped into an image-only PDF."""

from __future__ import annotations

import io
import random


def scan_pdf(src: str, dst: str, seed: int) -> dict:
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    r = random.Random(seed * 31 + 7)
    rng = np.random.default_rng(seed)
    dpi = r.choice([200, 300])
    pdf = pdfium.PdfDocument(src)
    pages = []
    for i in range(len(pdf)):
        img = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        angle = r.uniform(0.2, 0.8) * r.choice([-1, 1])
        img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
        if r.random() < 0.5:
            img = img.filter(ImageFilter.GaussianBlur(radius=0.6))
        a = np.asarray(img, dtype=np.float32)
        a = a * r.uniform(0.9, 0.97) + r.uniform(5, 15)  # paper tone
        a += rng.normal(0, r.uniform(4, 9), a.shape)
        h, w = a.shape
        for _ in range(r.randint(20, 120)):  # specks
            y, x = int(rng.integers(0, h - 4)), int(rng.integers(0, w - 4))
            s = int(rng.integers(1, 4))
            a[y : y + s, x : x + s] = rng.uniform(0, 90)
        img = Image.fromarray(np.clip(a, 0, 255).astype("uint8"), "L")
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=r.randint(55, 80))
        pages.append(Image.open(io.BytesIO(buf.getvalue())))
    pdf.close()
    pages[0].save(dst, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return {"dpi": dpi}
