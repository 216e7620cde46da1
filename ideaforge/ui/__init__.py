"""The desktop interface: the only package that imports Qt (through ui/qt.py)."""
