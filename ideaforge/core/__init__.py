"""Domain layer: dataclasses, pure rules and protocols. Imports nothing heavy."""
