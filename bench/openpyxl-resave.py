"""The openpyxl set: each workbook of a folder opened and saved again by openpyxl, into another folder.

openpyxl writes its own XML: inline strings, and (without lxml) every non-ASCII letter as a numeric
character reference (&#7889;), as officers' scripts do. Needs python3 with openpyxl (the bench says
how to provide it); nothing of openpyxl is part of this project."""
import os
import sys

import openpyxl

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for name in sorted(os.listdir(src)):
    if name.endswith(".xlsx"):
        wb = openpyxl.load_workbook(os.path.join(src, name))
        wb.save(os.path.join(dst, name))
