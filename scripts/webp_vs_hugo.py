#!/usr/bin/env python3
"""Bytes and SSIM of vitrina's and Hugo's 640 px WebP for the same photos (BENCHMARKS.md).

usage: webp_vs_hugo.py VITRINA_OUT HUGO_PUBLIC SITE [N]

For the first N products (default 10) that have a photo, reads each tool's product page, takes
the 640w WebP of its first photo, and compares both with a reference: the original photo,
oriented and resized to the same size with Lanczos in Pillow. SSIM is computed on luma with an
8x8 box window (a plain, well-known variant; 1.0 = identical). Needs Pillow and numpy.
"""
import re
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps


def ssim(a, b):
    a = a.astype(np.float64)
    b = b.astype(np.float64)
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    h, w = (a.shape[0] // 8) * 8, (a.shape[1] // 8) * 8
    a, b = a[:h, :w], b[:h, :w]

    def blocks(x):
        return x.reshape(h // 8, 8, w // 8, 8).swapaxes(1, 2).reshape(-1, 64)

    xa, xb = blocks(a), blocks(b)
    ma, mb = xa.mean(1), xb.mean(1)
    va, vb = xa.var(1), xb.var(1)
    cov = ((xa - ma[:, None]) * (xb - mb[:, None])).mean(1)
    s = ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma**2 + mb**2 + c1) * (va + vb + c2))
    return float(s.mean())


def luma(img):
    return np.asarray(img.convert("L"))


def webp_640(page_html):
    for m in re.finditer(r'<source type="image/webp" srcset="([^"]+)"', page_html):
        for part in m.group(1).split(","):
            url, _, w = part.strip().rpartition(" ")
            if w == "640w":
                return url
    return None


def main():
    vout, hout, site = (Path(p) for p in sys.argv[1:4])
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    rows = []
    for md in sorted((site / "content/vendors").glob("*/products/*.md")):
        text = md.read_text()
        m = re.search(r'src = "([^"]+)"', text)
        if not m:
            continue
        vendor, product = md.parent.parent.name, md.stem
        vpage = vout / "vendors" / vendor / product / "index.html"
        hpages = list(hout.glob(f"vendors/{vendor}/{product}/index.html"))
        if not vpage.exists() or not hpages:
            continue
        vu, hu = webp_640(vpage.read_text()), webp_640(hpages[0].read_text())
        if not vu or not hu:
            continue
        vfile, hfile = vout / vu.lstrip("/"), hout / hu.lstrip("/")
        vimg, himg = Image.open(vfile), Image.open(hfile)
        orig = ImageOps.exif_transpose(Image.open(md.parent.parent / m.group(1))).convert("RGB")
        ref_v = luma(orig.resize(vimg.size, Image.LANCZOS))
        ref_h = luma(orig.resize(himg.size, Image.LANCZOS))
        rows.append((f"{vendor}/{product}", vfile.stat().st_size, hfile.stat().st_size,
                     ssim(luma(vimg), ref_v), ssim(luma(himg), ref_h), vimg.size, himg.size))
        if len(rows) >= n:
            break
    print("| photo | vitrina bytes | Hugo bytes | vitrina SSIM | Hugo SSIM |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r[0]} ({r[5][0]}x{r[5][1]} / {r[6][0]}x{r[6][1]}) | {r[1]} | {r[2]} | {r[3]:.4f} | {r[4]:.4f} |")
    tv, th = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"| **total / mean** | {tv} | {th} | {np.mean([r[3] for r in rows]):.4f} | {np.mean([r[4] for r in rows]):.4f} |")
    print(f"vitrina/Hugo bytes: {tv / th:.3f}")


if __name__ == "__main__":
    main()
