"""Writes the corpus content (JSON from make.ts) with the Python writers: openpyxl, XlsxWriter, and
pandas with each of its engines. Debian: python3-openpyxl python3-xlsxwriter python3-pandas.

usage: python3 write.py CONTENT.json OUTDIR
"""
import datetime
import json
import os
import sys

import openpyxl
import pandas
import xlsxwriter

FIXED = datetime.datetime(2018, 1, 15)


def day(cell):
    return datetime.datetime.strptime(cell["date"], "%Y-%m-%d")


def write_openpyxl(book, path):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    workbook.properties.created = workbook.properties.modified = FIXED
    for sheet in book["sheets"]:
        worksheet = workbook.create_sheet(sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, cell in enumerate(row, start=1):
                if cell is None:
                    continue
                target = worksheet.cell(row=r, column=c)
                if isinstance(cell, dict):
                    if "date" in cell:
                        target.value = day(cell)
                        target.number_format = cell["format"]
                    elif "number" in cell:
                        target.value = cell["number"]
                        target.number_format = cell["format"]
                    else:
                        # openpyxl writes the formula and no result: the file has none until Excel opens it.
                        target.value = "=" + cell["formula"]
                else:
                    target.value = cell
    workbook.save(path)


def write_xlsxwriter(book, path):
    workbook = xlsxwriter.Workbook(path)
    workbook.set_properties({"created": FIXED})
    formats = {}

    def fmt(code):
        if code not in formats:
            formats[code] = workbook.add_format({"num_format": code})
        return formats[code]

    for sheet in book["sheets"]:
        worksheet = workbook.add_worksheet(sheet["name"])
        for r, row in enumerate(sheet["rows"]):
            for c, cell in enumerate(row):
                if cell is None:
                    continue
                if isinstance(cell, dict):
                    if "date" in cell:
                        worksheet.write_datetime(r, c, day(cell), fmt(cell["format"]))
                    elif "number" in cell:
                        worksheet.write_number(r, c, cell["number"], fmt(cell["format"]))
                    else:
                        # The result given, as a script that knows it would; XlsxWriter still marks the file to recalculate.
                        worksheet.write_formula(r, c, "=" + cell["formula"], None, cell["value"])
                elif isinstance(cell, str):
                    worksheet.write_string(r, c, cell)
                else:
                    worksheet.write_number(r, c, cell)
    workbook.close()


def frame(sheet):
    """A sheet as a pipeline would hold it: a DataFrame of its rows under its header, dates as datetimes."""
    header, *rows = sheet["rows"]
    width = len(header)

    def value(cell):
        if isinstance(cell, dict):
            if "date" in cell:
                return day(cell)
            if "number" in cell:
                # pandas writes no number formats: a percentage is written as the figure people read.
                return round(cell["number"] * 100, 9) if cell["format"].endswith("%") else cell["number"]
            return "=" + cell["formula"]
        return cell

    data = [[value(cell) for cell in row] + [None] * (width - len(row)) for row in rows]
    return pandas.DataFrame(data, columns=header)


def write_pandas(book, path, engine):
    with pandas.ExcelWriter(path, engine=engine) as writer:
        for sheet in book["sheets"]:
            frame(sheet).to_excel(writer, sheet_name=sheet["name"], index=False)


def main():
    content_path, outdir = sys.argv[1], sys.argv[2]
    with open(content_path) as file:
        content = json.load(file)
    writers = {
        "openpyxl": write_openpyxl,
        "xlsxwriter": write_xlsxwriter,
        "pandas-openpyxl": lambda book, path: write_pandas(book, path, "openpyxl"),
        "pandas-xlsxwriter": lambda book, path: write_pandas(book, path, "xlsxwriter"),
    }
    for writer, write in writers.items():
        os.makedirs(os.path.join(outdir, writer), exist_ok=True)
        for name, book in content.items():
            write(book, os.path.join(outdir, writer, name + ".xlsx"))


if __name__ == "__main__":
    main()
