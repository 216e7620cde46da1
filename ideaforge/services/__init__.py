"""Use cases that tie the layers together. The CLI and the GUI call these, and only these."""
