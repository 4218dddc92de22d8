"""The rows of one HTML table as a person reads them: each cell's text and its attributes."""

from html.parser import HTMLParser


class TableReader(HTMLParser):
    def __init__(self, table_id):
        super().__init__()
        self.table_id, self.depth, self.rows, self.cell = table_id, 0, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and (self.depth or attrs.get("id") == self.table_id):
            self.depth += 1
        elif self.depth and tag == "tr":
            self.rows.append([])
        elif self.depth and tag in ("td", "th"):
            self.cell = {"text": "", **attrs}
            self.rows[-1].append(self.cell)

    def handle_endtag(self, tag):
        if self.depth and tag == "table":
            self.depth -= 1
        elif tag in ("td", "th") and self.cell is not None:
            self.cell["text"] = " ".join(self.cell["text"].split())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell["text"] += data


def table_rows(html, table_id):
    """[[cell, ...], ...] of the table `table_id`, heading row first; a cell is {"text": ..., attrs...}."""
    reader = TableReader(table_id)
    reader.feed(html)
    return reader.rows


def by_first_cell(rows):
    """{first cell's text: {heading: cell}} for the body rows under the heading row."""
    heading = [cell["text"] for cell in rows[0]]
    return {row[0]["text"]: dict(zip(heading, row, strict=True)) for row in rows[1:]}
