from .base import Writer


class PlayerWriter(Writer):
    name = "html"
