"""Flat files given meaning by a declarative mapping: CSV, Excel and JSON / JSON Lines."""

from ingestion.base import MappedFileConnector, register


@register
class CsvConnector(MappedFileConnector):
    name = "csv"
    description = "CSV with delimiter sniffing; UTF-8 (with or without BOM), UTF-16, Windows-1251, KZ-1048."
    reader = "csv"


@register
class ExcelConnector(MappedFileConnector):
    name = "xlsx"
    description = "Excel .xlsx: a chosen sheet (--sheet), header row found automatically or --header-row."
    reader = "xlsx"


@register
class JsonConnector(MappedFileConnector):
    name = "json"
    description = "JSON (a list of records, or records_path inside a document) and JSON Lines, optionally gzipped."
    reader = "json"


@register
class FileConnector(MappedFileConnector):
    name = "file"
    description = "Any of csv, xlsx, json: the format is chosen by extension and content."
    reader = ""
