"""The openpyxl baseline: read-only load of every workbook in a folder, sum the value column (D) of its first sheet."""
import os
import sys

import openpyxl

total = 0.0
cells = 0
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".xlsx"):
        continue
    wb = openpyxl.load_workbook(os.path.join(folder, name), read_only=True, data_only=True)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_col=4, max_col=4, values_only=True):
        v = row[0]
        if isinstance(v, (int, float)):
            total += v
            cells += 1
    wb.close()
print(f"{cells} {total}")
