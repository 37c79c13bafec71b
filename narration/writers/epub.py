from .base import Writer


class EpubWriter(Writer):
    name = "epub"
